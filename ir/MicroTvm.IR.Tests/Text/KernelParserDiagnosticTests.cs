using MicroTvm.IR.Kernels;
using MicroTvm.IR.Text;

namespace MicroTvm.IR.Tests.Text;

/// <summary>Every diagnostic of the parser's kernel syntax as data: input, id, position and exact message.</summary>
public sealed class KernelParserDiagnosticTests
{
    private const string Header = "kernel @k(in x: i8[4], out y: i32[4]) {\n";

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        { Header + "  y[0] = z\n}", TextDiagnosticIds.UnknownVariable, 2, 10, "unknown variable 'z' (a variable is declared by var or for before its use, in an enclosing block)" },
        { Header + "  var acc: i32 = 0\n  y[0] = ac\n}", TextDiagnosticIds.UnknownVariable, 3, 10, "unknown variable 'ac'; did you mean 'acc'?" },
        { Header + "  y[0] = y\n}", TextDiagnosticIds.UnknownVariable, 2, 10, "unknown variable 'y' ('y' is a buffer: write y[index])" },
        { Header + "  {\n    var a: i32 = 0\n  }\n  y[0] = a\n}", TextDiagnosticIds.UnknownVariable, 5, 10, "unknown variable 'a' (a variable is declared by var or for before its use, in an enclosing block)" },
        { Header + "  for i in 0..4 {\n  }\n  y[i] = 0\n}", TextDiagnosticIds.UnknownVariable, 4, 5, "unknown variable 'i' (a variable is declared by var or for before its use, in an enclosing block)" },
        { Header + "  zeta[0] = 1\n}", TextDiagnosticIds.UnknownBuffer, 2, 3, "unknown buffer 'zeta' (loads and stores name a parameter of the kernel)" },
        { Header + "  var a: i32 = 0\n  a[0] = 1\n}", TextDiagnosticIds.UnknownBuffer, 3, 3, "unknown buffer 'a' ('a' is a variable)" },
        { Header + "  y[0] = requantise(1, 2, 3)\n}", TextDiagnosticIds.UnknownIntrinsic, 2, 10, "unknown intrinsic 'requantise'; did you mean 'requantize'? (expected select, min, max or one of requantize, saturating_rounding_doubling_high_mul, rounding_divide_by_pot, pack_i8x4, sxtb16, smlad, target_has_dsp, exp, log, sqrt, tanh, floor, round_half_even, round_half_away)" },
        { Header + "  y[0] = select(true, 1)\n}", TextDiagnosticIds.ArgumentCount, 2, 10, "select takes 3 arguments but is given 2" },
        { Header + "  y[0] = max(1)\n}", TextDiagnosticIds.ArgumentCount, 2, 10, "max takes 2 arguments but is given 1" },
        { "kernel @k(out \"a b\": i32[4]) {\n}", TextDiagnosticIds.InvalidKernelName, 1, 15, "'a b' is not a kernel IR name (letters, digits, '_' and '.', not starting with a digit)" },
        { "kernel @\"1k\"(out y: i32[4]) {\n}", TextDiagnosticIds.InvalidKernelName, 1, 8, "'1k' is not a kernel IR name (letters, digits, '_' and '.', not starting with a digit)" },
        { "kernel @k(out y: i32[0]) {\n}", TextDiagnosticIds.InvalidBuffer, 1, 22, "buffer 'y' must have at least one element, not 0" },
        { "kernel @k(out y: i32[4] align 2) {\n}", TextDiagnosticIds.InvalidBuffer, 1, 31, "alignment 2 of buffer 'y' must be a power of two of at least 4 (the i32 size)" },
        { "kernel @k(out y: i32[4] align 24) {\n}", TextDiagnosticIds.InvalidBuffer, 1, 31, "alignment 24 of buffer 'y' must be a power of two of at least 4 (the i32 size)" },
        { Header + "  for i in 1..4 {\n  }\n}", TextDiagnosticIds.InvalidLoopRange, 2, 12, "loop range 1..4 must start at 0 (loops run over 0..N in steps of 1)" },
        { Header + "  for i in 0..0 {\n  }\n}", TextDiagnosticIds.InvalidLoopRange, 2, 12, "loop range 0..0 is empty; a loop runs at least once" },
        { Header + "  for i in 0..4294967296 {\n  }\n}", TextDiagnosticIds.IntegerOutOfRange, 2, 15, "loop extent 4294967296 does not fit in 32 bits" },
        { Header + "  var a: i33 = 0\n}", TextDiagnosticIds.UnknownElementType, 2, 10, "unknown element type 'i33'; did you mean 'i32'? (expected one of f32, i8, u8, i16, i32, i64, bool)" },
        { Header + "  y[0] = 3000000000\n}", TextDiagnosticIds.IntegerOutOfRange, 2, 10, "integer 3000000000 does not fit in i32 (write a suffix such as :i64 for another type)" },
        { Header + "  y[0] = cast<i32>(300:u8)\n}", TextDiagnosticIds.IntegerOutOfRange, 2, 20, "integer 300 does not fit in u8" },
        { Header + "  y[0] = cast<i32>(1:f32)\n}", TextDiagnosticIds.InvalidLiteralType, 2, 22, "an integer literal cannot be f32; write 1.0" },
        { Header + "  y[0] = cast<i32>(1E39)\n}", TextDiagnosticIds.FloatOutOfRange, 2, 20, "float 1E39 is out of the range of a 32-bit float (write inf for infinity)" },
        { Header + "  y[0] = 8 > > 1\n}", TextDiagnosticIds.SyntaxError, 2, 14, "'> >' is not an operator; write the right shift '>>' without a space" },
        { Header + "  y[0] = 1 +\n}", TextDiagnosticIds.SyntaxError, 3, 1, "expected '(', '!', a float, an integer, a name or a string but found '}'" },
        { Header + "  for i in 0..4 {\n    y[i] = 1 + 1:i64\n  }\n}", KernelDiagnosticIds.OperandTypeMismatch, 3, 5, "kernel 'k': operands of '+' in 1 + 1:i64 have different types, i32 and i64 (casts are explicit)" },
        { Header + "  y[0] = x[0]\n}", KernelDiagnosticIds.StoreValueType, 2, 3, "kernel 'k': store to y[0]: the value is i8 but the buffer holds i32" },
        { Header + "  for i in 0..5 {\n    y[i] = 0\n  }\n}", KernelDiagnosticIds.IndexOutOfBounds, 3, 5, "kernel 'k': store to y[i]: the index ranges over [0, 4] but buffer 'y' has 4 element(s)" },
        { Header + "  for i in 0..4 {\n    i = 2\n  }\n}", KernelDiagnosticIds.AssignToLoopVariable, 3, 5, "kernel 'k': loop variable 'i' is assigned; loop variables are read-only" },
        { Header + "  if 1 {\n  }\n}", KernelDiagnosticIds.ConditionNotBool, 2, 3, "kernel 'k': if condition 1 is i32, not bool" },
        { Header + "  var f: f32 = exp(1)\n}", KernelDiagnosticIds.IntrinsicArgumentType, 2, 3, "kernel 'k': argument 1 of exp(1) is i32, expected f32" },
        { "kernel @k(out y: i32[4], in y: i32[4]) {\n}", KernelDiagnosticIds.DuplicateParameter, 1, 1, "kernel 'k': buffer name 'y' is used by more than one parameter" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsTheError(string text, string id, int line, int column, string message)
    {
        var result = ModuleParser.Parse(text, "k.mir");
        Assert.Null(result.Module);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((id, line, column, message), (diagnostic.Id, diagnostic.Location!.Line, diagnostic.Location.Column, diagnostic.Message));
    }

    [Fact]
    public void ReportsEveryErrorOfEveryKernelInOneRun()
    {
        const string text = "kernel @a(out y: i32[1]) {\n  y[0] = z\n  y[1] = w\n}\n\nkernel @b(out y: i32[1]) {\n  y[0] = 1.5\n}\n";
        var result = ModuleParser.Parse(text, "k.mir");
        Assert.Equal(
            [(TextDiagnosticIds.UnknownVariable, 2), (TextDiagnosticIds.UnknownVariable, 3), (KernelDiagnosticIds.StoreValueType, 7)],
            result.Diagnostics.Select(d => (d.Id, d.Location!.Line)));
    }

    [Fact]
    public void OpsAndAttributeKeysMayBeKernelKeywords()
    {
        var result = ModuleParser.Parse("graph @g(%x: tensor<f32>) {\n  %y = cast(%x) {for = 1, kernel = [2, 2]} : tensor<i32>\n  return %y\n}\n", "g.mir");
        Assert.NotNull(result.Module);
    }
}
