using MicroTvm.Passes.Testing;

namespace MicroTvm.Passes.Tests.Testing;

public sealed class FileCheckTests
{
    private const string Output = """
        graph @main(%a: tensor<4xf32>) {
          %x = relu(%a) : tensor<4xf32>
          %y = neg(%x) : tensor<4xf32>
          return %y
        }

        graph @other(%b: tensor<2xf32>) {
          %z = abs(%b) : tensor<2xf32>
          return %z
        }
        """;

    private static string? Check(params string[] lines) =>
        FileCheck.Match(MirTestCase.Parse(string.Join('\n', lines), "t.mir").Checks, Output, "t.mir");

    [Fact]
    public void ChecksMatchInOrder()
    {
        Assert.Null(Check("// CHECK: relu", "// CHECK: neg", "// CHECK: abs"));
        Assert.NotNull(Check("// CHECK: neg", "// CHECK: relu"));
    }

    [Fact]
    public void CheckNextMustMatchTheVeryNextLine()
    {
        Assert.Null(Check("// CHECK: relu", "// CHECK-NEXT: neg", "// CHECK-NEXT: return %y"));
        var failure = Check("// CHECK: relu", "// CHECK-NEXT: return");
        Assert.NotNull(failure);
        Assert.Contains("t.mir:2: no match on the next line: CHECK-NEXT: return", failure);
        Assert.Contains(">>   %y = neg(%x)", failure);
    }

    [Fact]
    public void CheckNotForbidsTextBetweenItsNeighbours()
    {
        Assert.Null(Check("// CHECK: relu", "// CHECK-NOT: abs", "// CHECK: return %y"));
        Assert.Contains("found what must not be there: CHECK-NOT: neg", Check("// CHECK: relu", "// CHECK-NOT: neg", "// CHECK: return"));
        Assert.NotNull(Check("// CHECK: return %y", "// CHECK-NOT: abs"));
    }

    [Fact]
    public void LabelsSplitTheOutputIntoBlocks()
    {
        Assert.Null(Check("// CHECK-LABEL: @main", "// CHECK-NOT: abs", "// CHECK-LABEL: @other", "// CHECK: abs"));
        Assert.NotNull(Check("// CHECK-LABEL: @main", "// CHECK: abs", "// CHECK-LABEL: @other"));
    }

    [Fact]
    public void CapturesAreReusedLater()
    {
        Assert.Null(Check("// CHECK: %[[R:[a-z]+]] = relu", "// CHECK: neg(%[[R]])"));
        var failure = Check("// CHECK: %[[R:[a-z]+]] = relu", "// CHECK: abs(%[[R]])");
        Assert.Contains("R = \"x\"", failure);
    }

    [Fact]
    public void RegexBlocksAndLooseWhitespace()
    {
        Assert.Null(Check("// CHECK: %y   =  neg(%x) : tensor<{{[0-9]+}}xf32>"));
        Assert.NotNull(Check("// CHECK: tensor<{{[0-9]+}}xi8>"));
    }

    [Fact]
    public void ReadsTheHeaderAndExpectedDiagnostics()
    {
        var test = MirTestCase.Parse("/// proves a thing.\n// PIPELINE: a, b { x = 1 }\n// expected-error@+1 {{bad thing}}\nline\n%x = y // expected-warning {{meh}}", "t.mir");
        Assert.Equal("proves a thing.", test.Purpose);
        Assert.Equal("a, b { x = 1 }", test.Pipeline);
        Assert.Equal(
            new[] { new ExpectedDiagnostic(DiagnosticSeverity.Error, 4, "bad thing", 3), new ExpectedDiagnostic(DiagnosticSeverity.Warning, 5, "meh", 5) },
            test.ExpectedDiagnostics.ToArray());
    }
}
