namespace MicroTvm.IR.Tests.Diagnostics;

public sealed class DiagnosticFormatterTests
{
    [Fact]
    public void ShowsTheSourceLineAndACaretUnderTheColumn()
    {
        var diagnostic = Diagnostic.Error("MTVM1003", "unknown op 'convv'; did you mean 'conv'?", new SourceLocation("m.mir", 2, 8));
        Assert.Equal(
            "m.mir:2:8: error: unknown op 'convv'; did you mean 'conv'? [MTVM1003]\n  %y = convv(%x)\n       ^",
            DiagnosticFormatter.Format(diagnostic, "graph @g() {\r\n  %y = convv(%x)\r\n}"));
    }

    [Fact]
    public void KeepsTabsSoTheCaretLinesUp() =>
        Assert.Equal(
            "f:1:3: error: m [X]\n\tab\n\t ^",
            DiagnosticFormatter.Format(Diagnostic.Error("X", "m", new SourceLocation("f", 1, 3)), "\tab"));

    [Fact]
    public void PointsPastTheEndOfTheLine() =>
        Assert.Equal(
            "f:1:4: error: m [X]\nab\n   ^",
            DiagnosticFormatter.Format(Diagnostic.Error("X", "m", new SourceLocation("f", 1, 4)), "ab"));

    [Fact]
    public void FallsBackToTheHeaderWithoutSourceOrPosition()
    {
        var located = Diagnostic.Error("X", "m", new SourceLocation("f", 9, 1));
        Assert.Equal("f:9:1: error: m [X]", DiagnosticFormatter.Format(located, null));
        Assert.Equal("f:9:1: error: m [X]", DiagnosticFormatter.Format(located, "one line"));
        Assert.Equal("error: m [X]", DiagnosticFormatter.Format(Diagnostic.Error("X", "m"), "text"));
    }

    [Theory]
    [InlineData("convv", "conv")]
    [InlineData("rleu", "relu")]
    [InlineData("depthwise_cnv", "depthwise_conv")]
    [InlineData("zzzzzz", null)]
    public void SuggestsTheClosestName(string name, string? expected) =>
        Assert.Equal(expected, Suggestions.Closest(name, OpRegistry.All.Select(op => op.Name)));
}
