using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;
using Ids = MicroTvm.IR.Kernels.KernelDiagnosticIds;

namespace MicroTvm.IR.Tests.Kernels;

public sealed class KernelVerifierTests
{
    private static readonly KernelBuffer In = new("in", ElementType.I8, 16, BufferRole.Input);
    private static readonly KernelBuffer Out = new("out", ElementType.I32, 16, BufferRole.Output);
    private static readonly KernelBuffer Tmp = new("tmp", ElementType.F32, 4, BufferRole.Workspace);
    private static readonly Var I = I32Var("i");
    private static readonly Var J = I32Var("j");
    private static readonly Var A = I32Var("a");
    private static readonly Var F = new("f", ElementType.F32);

    [Fact]
    public void AcceptsTheSampleKernel() => Assert.Empty(KernelVerifier.Verify(SampleKernels.Dense()));

    [Fact]
    public void AcceptsTheSameNameInSiblingScopesAndWritesToWorkspaces() =>
        Assert.Empty(KernelVerifier.Verify(Kernel(Seq(
            Loop(I, 4, Seq(new Declare(A, I), new Store(Tmp, I, CastTo(ElementType.F32, A)))),
            Loop(I, 4, Seq(new Declare(A, Mul(I, I32(4))), new Store(Out, A, I32(1))))))));

    [Fact]
    public void RejectsDuplicateParameters() =>
        AssertSingle(new KernelFunction("k", [In, In], Seq()), Ids.DuplicateParameter,
            "kernel 'k': buffer name 'in' is used by more than one parameter");

    [Fact]
    public void RejectsABufferThatIsNotAParameter() =>
        AssertSingle(Kernel(new Store(new KernelBuffer("other", ElementType.I32, 2, BufferRole.Output), I32(0), I32(0))),
            Ids.UnknownBuffer, "kernel 'k': store to other[0]: 'other' is not a parameter of the kernel");

    [Fact]
    public void RejectsABufferThatDiffersFromItsParameter() =>
        AssertSingle(Kernel(new Store(Out, I32(0), CastTo(ElementType.I32, new Load(new KernelBuffer("in", ElementType.I8, 16, BufferRole.Constant), I32(0))))),
            Ids.UnknownBuffer, "kernel 'k': load of in[0]: the buffer is 'const in: i8[16]' but the parameter is 'in in: i8[16]'");

    [Theory]
    [InlineData(BufferRole.Input, "input")]
    [InlineData(BufferRole.Constant, "constant")]
    public void RejectsStoresToReadOnlyBuffers(BufferRole role, string name)
    {
        var buffer = new KernelBuffer("ro", ElementType.I32, 2, role);
        AssertSingle(new KernelFunction("k", [buffer], new Store(buffer, I32(1), I32(0))), Ids.StoreToReadOnlyBuffer,
            $"kernel 'k': store to ro[1]: buffer 'ro' is {name} and read-only");
    }

    [Fact]
    public void RejectsAnUndeclaredVariable() =>
        AssertSingle(Kernel(new Store(Out, I32(0), A)), Ids.UndeclaredVariable,
            "kernel 'k': use of 'a', which is not declared in this scope");

    [Fact]
    public void RejectsAVariableUsedAfterItsScopeEnds() =>
        AssertSingle(Kernel(Seq(new If(Bool(true), new Declare(A, I32(1))), new Assign(A, I32(2)))), Ids.UndeclaredVariable,
            "kernel 'k': assignment to 'a', which is not declared in this scope");

    [Fact]
    public void RejectsALoopVariableUsedAfterTheLoop() =>
        AssertSingle(Kernel(Seq(Loop(I, 2, Seq()), new Store(Out, I, I32(0)))), Ids.UndeclaredVariable,
            "kernel 'k': use of 'i', which is not declared in this scope");

    [Fact]
    public void RejectsARedeclarationInScope() =>
        AssertSingle(Kernel(Seq(new Declare(A, I32(0)), Loop(I, 2, new Declare(A, I32(1))))), Ids.Redeclaration,
            "kernel 'k': variable 'a' is declared again while the earlier one is in scope");

    [Fact]
    public void RejectsANestedLoopReusingItsParentsVariable() =>
        AssertSingle(Kernel(Loop(I, 2, Loop(I, 2, Seq()))), Ids.Redeclaration,
            "kernel 'k': variable 'i' is declared again while the earlier one is in scope");

    [Fact]
    public void RejectsAUseWithAnotherTypeThanTheDeclaration() =>
        AssertSingle(Kernel(Seq(new Declare(A, I32(0)), new Store(Tmp, I32(0), new Var("a", ElementType.F32)))), Ids.VariableTypeMismatch,
            "kernel 'k': use of 'a' as f32, but it is declared i32");

    [Fact]
    public void RejectsAssigningALoopVariable() =>
        AssertSingle(Kernel(Loop(I, 2, new Assign(I, I32(0)))), Ids.AssignToLoopVariable,
            "kernel 'k': loop variable 'i' is assigned; loop variables are read-only");

    [Fact]
    public void RejectsAVariableNamedLikeABuffer() =>
        AssertSingle(Kernel(Loop(I32Var("out"), 2, Seq())), Ids.VariableNamedLikeBuffer,
            "kernel 'k': variable 'out' has the name of a buffer parameter");

    [Fact]
    public void RejectsOperandsOfDifferentTypes() =>
        AssertSingle(Kernel(new Store(Out, I32(0), Add(I32(1), I64(2)))), Ids.OperandTypeMismatch,
            "kernel 'k': operands of '+' in 1 + 2:i64 have different types, i32 and i64 (casts are explicit)");

    [Theory]
    [MemberData(nameof(OperatorTypeCases))]
    public void RejectsOperatorsOnTypesTheyAreNotDefinedOn(Expr value, string message) =>
        AssertSingle(Kernel(new Declare(new Var("v", value.Type), value)), Ids.OperatorType, "kernel 'k': " + message);

    public static TheoryData<Expr, string> OperatorTypeCases() => new()
    {
        { Add(Imm(1, ElementType.I8), Imm(2, ElementType.I8)), "'+' is not defined on i8 operands in 1:i8 + 2:i8" },
        { Rem(F32(1), F32(2)), "'%' is not defined on f32 operands in 1.0 % 2.0" },
        { Lt(Bool(true), Bool(false)), "'<' is not defined on bool operands in true < false" },
        { And(I32(1), I32(0)), "'&&' is not defined on i32 operands in 1 && 0" },
        { new Not(I32(1)), "'!' is not defined on i32 operands in !1" },
    };

    [Fact]
    public void RejectsANonBoolCondition()
    {
        AssertSingle(Kernel(new If(I32(1), Seq())), Ids.ConditionNotBool, "kernel 'k': if condition 1 is i32, not bool");
        AssertSingle(Kernel(new Store(Out, I32(0), new Select(I32(1), I32(2), I32(3)))), Ids.ConditionNotBool,
            "kernel 'k': select condition 1 is i32, not bool");
    }

    [Fact]
    public void RejectsSelectArmsOfDifferentTypes() =>
        AssertSingle(Kernel(new Store(Out, I32(0), new Select(Bool(true), I32(2), I64(3)))), Ids.SelectArmMismatch,
            "kernel 'k': the arms of select(true, 2, 3:i64) have different types, i32 and i64");

    [Fact]
    public void RejectsANonI32Index() =>
        AssertSingle(Kernel(new Store(Out, I64(0), I32(0))), Ids.IndexNotI32, "kernel 'k': store to out[0:i64]: the index is i64, not i32");

    [Fact]
    public void RejectsAStoredValueOfAnotherType() =>
        AssertSingle(Kernel(new Store(Out, I32(0), new Load(In, I32(0)))), Ids.StoreValueType,
            "kernel 'k': store to out[0]: the value is i8 but the buffer holds i32");

    [Fact]
    public void RejectsAnInitialiserOfAnotherType() =>
        AssertSingle(Kernel(new Declare(A, F32(1))), Ids.InitializerType, "kernel 'k': 'a' is declared i32 but initialised with f32 (1.0)");

    [Fact]
    public void RejectsAnAssignmentOfAnotherType() =>
        AssertSingle(Kernel(Seq(new Declare(F, F32(0)), new Assign(F, I32(1)))), Ids.AssignmentType,
            "kernel 'k': 'f' is f32 but is assigned i32 (1)");

    [Fact]
    public void RejectsAnIntrinsicWithTheWrongArity() =>
        AssertSingle(Kernel(new Store(Out, I32(0), CallIntrinsic(Intrinsic.Requantize, I32(1), I32(2)))), Ids.IntrinsicArity,
            "kernel 'k': requantize takes 3 argument(s) but requantize(1, 2) has 2");

    [Fact]
    public void RejectsAnIntrinsicArgumentOfTheWrongType()
    {
        AssertSingle(Kernel(new Store(Out, I32(0), Requantize(F32(1), I32(2), I32(0)))), Ids.IntrinsicArgumentType,
            "kernel 'k': argument 1 of requantize(1.0, 2, 0) is f32, expected i32 or i64");
        AssertSingle(Kernel(new Store(Tmp, I32(0), CallIntrinsic(Intrinsic.Exp, I32(1)))), Ids.IntrinsicArgumentType,
            "kernel 'k': argument 1 of exp(1) is i32, expected f32");
    }

    [Fact]
    public void RejectsSaturateOutsideIntegers()
    {
        AssertSingle(Kernel(new Store(Out, I32(0), CastTo(ElementType.I32, SaturateTo(ElementType.I8, F32(1))))), Ids.SaturateType,
            "kernel 'k': saturate<i8>(1.0) saturates f32 to i8; it takes i32 or i64 to an integer type");
        AssertSingle(Kernel(new Store(Tmp, I32(0), SaturateTo(ElementType.F32, I32(1)))), Ids.SaturateType,
            "kernel 'k': saturate<f32>(1) saturates i32 to f32; it takes i32 or i64 to an integer type");
    }

    [Fact]
    public void RejectsAnAffineIndexPastTheEnd() =>
        AssertSingle(Kernel(Loop(I, 4, Loop(J, 4, new Store(Out, Add(Mul(I, I32(4)), Add(J, I32(1))), I32(0))))), Ids.IndexOutOfBounds,
            "kernel 'k': store to out[i * 4 + (j + 1)]: the index ranges over [1, 16] but buffer 'out' has 16 element(s)");

    [Fact]
    public void RejectsANegativeIndex() =>
        AssertSingle(Kernel(Loop(I, 4, new Store(Out, I32(0), CastTo(ElementType.I32, new Load(In, Sub(I, I32(1))))))), Ids.IndexOutOfBounds,
            "kernel 'k': load of in[i - 1]: the index ranges over [-1, 2] but buffer 'in' has 16 element(s)");

    [Fact]
    public void RejectsAnIndexReadFromMemory() =>
        AssertSingle(Kernel(new Store(Out, CastTo(ElementType.I32, new Load(In, I32(0))), I32(0))), Ids.IndexOutOfBounds,
            "kernel 'k': store to out[cast<i32>(in[0])]: the index ranges over [-128, 127] but buffer 'out' has 16 element(s)");

    [Fact]
    public void DoesNotTrustTheInitialValueOfAnAssignedLocal() =>
        AssertSingle(Kernel(Seq(new Declare(A, I32(0)), Loop(I, 2, new Store(Out, A, I32(0))), new Assign(A, I32(20)))), Ids.IndexOutOfBounds,
            "kernel 'k': store to out[a]: the index ranges over [-2147483648, 2147483647] but buffer 'out' has 16 element(s)");

    [Fact]
    public void AcceptsIndicesProvenByClampsRemaindersAndCancellation()
    {
        var padded = Clamp(Sub(Add(I, J), I32(1)), I32(0), I32(15));
        var wrapped = Rem(Add(Mul(I, I32(7)), J), I32(16));
        var cancelled = Sub(Add(Mul(I, I32(4)), J), Mul(I, I32(4)));
        var masked = BitAnd(Mul(I, I32(100)), I32(15));
        var shifted = Shr(Mul(I, I32(100)), I32(8));
        var selected = new Select(Lt(I, I32(2)), I, I32(15));
        var narrowed = CastTo(ElementType.I32, SaturateTo(ElementType.I8, Add(I, I32(-200))));
        Assert.Empty(KernelVerifier.Verify(Kernel(Loop(I, 16, Loop(J, 16, Seq(
            new Store(Out, padded, I32(0)),
            new Store(Out, wrapped, I32(0)),
            new Store(Out, cancelled, I32(0)),
            new Store(Out, masked, I32(0)),
            new Store(Out, shifted, I32(0)),
            new Store(Out, selected, I32(0)),
            new Store(Out, Add(narrowed, I32(128)), I32(0))))))));
    }

    [Fact]
    public void ReportsEveryProblemInOneRun()
    {
        var diagnostics = KernelVerifier.Verify(Kernel(Seq(new Store(In, I32(99), I32(0)), new Assign(A, I32(0)))));
        Assert.Equal(
            [Ids.IndexOutOfBounds, Ids.StoreToReadOnlyBuffer, Ids.StoreValueType, Ids.UndeclaredVariable],
            diagnostics.Select(d => d.Id));
    }

    private static KernelFunction Kernel(Stmt body) => new("k", [In, Out, Tmp], body);

    private static void AssertSingle(KernelFunction kernel, string id, string message)
    {
        var diagnostic = Assert.Single(KernelVerifier.Verify(kernel));
        Assert.Equal((id, message), (diagnostic.Id, diagnostic.Message));
        Assert.True(diagnostic.IsError);
    }
}
