namespace MicroTvm.Passes.Tests.Pipelines;

public sealed class PipelineParserTests
{
    [Fact]
    public void ParsesEveryConstruct()
    {
        const string text = """
            include "common.pass"  # a comment
            /* a block
               comment */
            pipeline main(depth = 4, target) {
              infer-types
              test-options { depth = $depth, ratio = 1e-3, enabled = false, label = "a \"b\"", budget = 1M, kind = hill-climb, sizes = [1, 2,], target = $target },
              each graph {
                eliminate-dead-code
              }
            }
            """;
        var result = PipelineParser.ParseFile(text, "main.pass");
        Assert.Empty(result.Diagnostics);
        var file = result.File!;
        Assert.Equal(new[] { new IncludeDirective("common.pass") }, file.Includes.ToArray());
        var pipeline = Assert.Single(file.Pipelines);
        Assert.Equal(new[] { new PipelineParameter("depth", new IntegerValue(4)), new PipelineParameter("target", null) }, pipeline.Parameters.ToArray());
        var options = Assert.IsType<PassInvocation>(pipeline.Steps[1]).Options;
        Assert.Equal(
            new[]
            {
                new OptionAssignment("depth", new ParameterReference("depth")),
                new OptionAssignment("ratio", new FloatValue(1e-3)),
                new OptionAssignment("enabled", new BoolValue(false)),
                new OptionAssignment("label", new StringValue("a \"b\"")),
                new OptionAssignment("budget", new ByteSizeValue(new ByteSize(1 << 20))),
                new OptionAssignment("kind", new IdentifierValue("hill-climb")),
                new OptionAssignment("sizes", new ListValue([new IntegerValue(1), new IntegerValue(2)])),
                new OptionAssignment("target", new ParameterReference("target")),
            },
            options.ToArray());
        var nested = Assert.IsType<NestedPipeline>(pipeline.Steps[2]);
        Assert.Equal("graph", nested.Anchor);
        Assert.Equal(new SourceLocation("main.pass", 5, 3), pipeline.Steps[0].Location);
    }

    [Fact]
    public void ReportsEverySyntaxErrorWithItsPosition()
    {
        var result = PipelineParser.ParseFile("pipeline a {\n  x { y = }\n}\npipeline b { z { = 1 } }\n", "bad.pass");
        Assert.Null(result.File);
        Assert.True(result.Diagnostics.Length >= 2, string.Join("\n", result.Diagnostics));
        Assert.All(result.Diagnostics, d => Assert.Equal(PassDiagnosticIds.PipelineSyntax, d.Id));
        Assert.Equal(new SourceLocation("bad.pass", 2, 11), result.Diagnostics[0].Location);
        Assert.Contains(result.Diagnostics, d => d.Location!.Line == 4);
    }

    [Theory]
    [InlineData("512B", 512L)]
    [InlineData("256K", 256L * 1024)]
    [InlineData("1M", 1L << 20)]
    [InlineData("2G", 2L << 30)]
    public void ParsesByteSizes(string text, long bytes)
    {
        var (value, diagnostics) = PipelineParser.ParseValue(text, "test");
        Assert.Empty(diagnostics);
        Assert.Equal(new ByteSizeValue(new ByteSize(bytes)), value);
        Assert.Equal(text, value!.ToString());
    }

    [Fact]
    public void ParsesInlineSteps()
    {
        var (steps, diagnostics) = PipelineParser.ParseSteps("infer-types, each graph { eliminate-dead-code }", "inline");
        Assert.Empty(diagnostics);
        Assert.Equal("infer-types, each graph { eliminate-dead-code }", PipelinePrinter.PrintInline(steps));
    }
}
