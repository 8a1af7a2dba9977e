using MicroTvm.IR.Text;

namespace MicroTvm.IR.Tests.Memory;

/// <summary>Every diagnostic the parser reports about a memory plan, as data: input, id, file:line:col and exact message.</summary>
public sealed class MemoryPlanParserDiagnosticTests
{
    /// <summary>Three lines, so every plan below starts on line 4.</summary>
    private const string Graph = "graph @g(%x: tensor<f32>) {\n  return %x\n}\n";

    private const string PoolNeeds = "pool @w needs exactly {alignment = <power of two>, bytes = <non-negative integer>}";

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        {
            Graph + "memory_plans {\n}\n",
            TextDiagnosticIds.UnknownDeclaration, 4, 1, "expected 'memory_plan', not 'memory_plans'"
        },
        {
            Graph + "plan {kind = 1} {\n}\n",
            TextDiagnosticIds.UnknownDeclaration, 4, 1, "expected 'memory_plan', not 'plan'"
        },
        {
            Graph + "memory_plan {\n  pools @w {alignment = 16, bytes = 64}\n}\n",
            TextDiagnosticIds.UnknownDeclaration, 5, 3, "expected 'pool', not 'pools'"
        },
        {
            Graph + "memory_plan {\n  pool @w {alignment = 16}\n}\n",
            TextDiagnosticIds.InvalidPool, 5, 3, PoolNeeds
        },
        {
            Graph + "memory_plan {\n  pool @w {bytes = 64}\n}\n",
            TextDiagnosticIds.InvalidPool, 5, 3, PoolNeeds
        },
        {
            Graph + "memory_plan {\n  pool @w {alignment = 12, bytes = 64}\n}\n",
            TextDiagnosticIds.InvalidPool, 5, 3, PoolNeeds
        },
        {
            Graph + "memory_plan {\n  pool @w {alignment = 0, bytes = 64}\n}\n",
            TextDiagnosticIds.InvalidPool, 5, 3, PoolNeeds
        },
        {
            Graph + "memory_plan {\n  pool @w {alignment = 4294967296, bytes = 64}\n}\n",
            TextDiagnosticIds.InvalidPool, 5, 3, PoolNeeds
        },
        {
            Graph + "memory_plan {\n  pool @w {alignment = 16, bytes = -1}\n}\n",
            TextDiagnosticIds.InvalidPool, 5, 3, PoolNeeds
        },
        {
            Graph + "memory_plan {\n  pool @w {alignment = 16, bytes = 64.0}\n}\n",
            TextDiagnosticIds.InvalidPool, 5, 3, PoolNeeds
        },
        {
            Graph + "memory_plan {\n  pool @w {alignment = 16, bytes = 64, size = 64, \"base\" = 0}\n}\n",
            TextDiagnosticIds.InvalidPool, 5, 3, PoolNeeds + "; unknown key(s): base, size"
        },
        {
            Graph + "memory_plan {\n  pool @w {alignment = 16, bytes = 64}\n  %x = @w[-8]\n}\n",
            TextDiagnosticIds.InvalidPool, 6, 11, "offset -8 must not be negative"
        },
        {
            Graph + "memory_plan {\n}\nmemory_plan {\n}\n",
            TextDiagnosticIds.DuplicateMemoryPlan, 6, 1, "a module has at most one memory_plan"
        },
        {
            Graph + "memory_plan {\n  %x workspace \"a b\" = @w[0]\n}\n",
            TextDiagnosticIds.InvalidKernelName, 5, 16, "'a b' is not a kernel IR name (letters, digits, '_' and '.', not starting with a digit)"
        },
        {
            Graph + "memory_plan {\n  %x = @w[9223372036854775808]\n}\n",
            TextDiagnosticIds.IntegerOutOfRange, 5, 11, "integer 9223372036854775808 does not fit in 64 bits"
        },
        {
            Graph + "memory_plan {\n  %x = @w\n}\n",
            TextDiagnosticIds.SyntaxError, 6, 1, "expected '[' but found '}'"
        },
        {
            Graph + "memory_plan {\n  %x = @w[0]\n  pool @w {alignment = 16, bytes = 64}\n}\n",
            TextDiagnosticIds.SyntaxError, 6, 3, "expected '}' or a value name (%name) but found 'pool'"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsTheError(string text, string id, int line, int column, string message)
    {
        var result = ModuleParser.Parse(text, "plan.mir");
        Assert.Null(result.Module);
        var diagnostic = result.Diagnostics.First();
        Assert.Equal((id, line, column, message), (diagnostic.Id, diagnostic.Location!.Line, diagnostic.Location.Column, diagnostic.Message));
        Assert.Equal("plan.mir", diagnostic.Location.File);
    }

    [Fact]
    public void ReportsEveryErrorOfAPlanInOneRun()
    {
        const string text = Graph + """
            memory_plan {
              pool @w {alignment = 3, bytes = 64}
              poool @v {alignment = 16, bytes = 64}
              %x = @w[-1]
              %y workspace t = @v[-2]
            }

            """;
        var result = ModuleParser.Parse(text, "plan.mir");
        Assert.Null(result.Module);
        Assert.Equal(
            [
                (TextDiagnosticIds.InvalidPool, 5, 3),
                (TextDiagnosticIds.UnknownDeclaration, 6, 3),
                (TextDiagnosticIds.InvalidPool, 7, 11),
                (TextDiagnosticIds.InvalidPool, 8, 23),
            ],
            result.Diagnostics.Select(d => (d.Id, d.Location!.Line, d.Location.Column)));
    }

    /// <summary>
    /// The second plan is a duplicate whether or not the first one built. (The parser reports
    /// MTVM1028 only when the first plan was valid.)
    /// </summary>
    [Fact]
    public void ASecondPlanIsReportedEvenWhenTheFirstIsInvalid()
    {
        const string text = Graph + "memory_plan {\n  pool @w {bytes = 64}\n}\nmemory_plan {\n}\n";
        var result = ModuleParser.Parse(text, "plan.mir");
        Assert.Null(result.Module);
        Assert.Equal(
            [(TextDiagnosticIds.InvalidPool, 5), (TextDiagnosticIds.DuplicateMemoryPlan, 7)],
            result.Diagnostics.Select(d => (d.Id, d.Location!.Line)));
    }

    [Fact]
    public void PlanKeywordsStayUsableAsNamesElsewhere()
    {
        const string text = """
            graph @memory_plan(%pool: tensor<f32>) attributes {memory_plan = 1, pool = 2} {
              %memory_plan = relu(%pool) : tensor<f32>
              return %memory_plan
            }

            memory_plan {
              pool @pool {alignment = 4, bytes = 4}
              %memory_plan = @pool[0]
            }

            """;
        var module = HandPlannedModule.Parse(text);
        Assert.Equal("memory_plan", module.Graphs[0].Name);
        Assert.Equal(text, ModulePrinter.Print(module));
    }
}
