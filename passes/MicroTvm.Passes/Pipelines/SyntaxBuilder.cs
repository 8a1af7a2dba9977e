using System.Globalization;
using System.Text;
using Antlr4.Runtime;
using MicroTvm.Passes.Pipelines.Grammar;

namespace MicroTvm.Passes.Pipelines;

/// <summary>Builds the syntax records from an ANTLR parse tree that has no syntax errors.</summary>
internal sealed class SyntaxBuilder(string fileName, DiagnosticBag diagnostics) : PassPipelineBaseVisitor<PipelineValue>
{
    public PipelineFile File(PassPipelineParser.FileContext context) =>
        new(
            fileName,
            [.. context.include().Select(i => new IncludeDirective(Unquote(i.STRING().GetText()), Locate(i.Start)))],
            [.. context.pipeline().Select(Declaration)]);

    public ImmutableArray<PipelineStep> Steps(IEnumerable<PassPipelineParser.StepContext> steps) => [.. steps.Select(Step)];

    public PipelineValue Value(PassPipelineParser.ValueContext context) => Visit(context);

    public override PipelineValue VisitIntegerValue(PassPipelineParser.IntegerValueContext context)
    {
        if (long.TryParse(context.GetText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return new IntegerValue(value);
        }

        diagnostics.Error(PassDiagnosticIds.PipelineSyntax, $"integer '{context.GetText()}' is out of range", Locate(context.Start));
        return new IntegerValue(0);
    }

    public override PipelineValue VisitFloatValue(PassPipelineParser.FloatValueContext context) =>
        new FloatValue(double.Parse(context.GetText(), NumberStyles.Float, CultureInfo.InvariantCulture));

    public override PipelineValue VisitByteSizeValue(PassPipelineParser.ByteSizeValueContext context)
    {
        try
        {
            if (ByteSize.TryParse(context.GetText(), out var size))
            {
                return new ByteSizeValue(size);
            }
        }
        catch (OverflowException)
        {
        }

        diagnostics.Error(PassDiagnosticIds.PipelineSyntax, $"byte size '{context.GetText()}' is out of range", Locate(context.Start));
        return new ByteSizeValue(default);
    }

    public override PipelineValue VisitBoolValue(PassPipelineParser.BoolValueContext context) =>
        new BoolValue(context.TRUE() is not null);

    public override PipelineValue VisitStringValue(PassPipelineParser.StringValueContext context) =>
        new StringValue(Unquote(context.STRING().GetText()));

    public override PipelineValue VisitIdentifierValue(PassPipelineParser.IdentifierValueContext context) =>
        new IdentifierValue(context.IDENT().GetText());

    public override PipelineValue VisitParameterValue(PassPipelineParser.ParameterValueContext context) =>
        new ParameterReference(context.IDENT().GetText());

    public override PipelineValue VisitListValue(PassPipelineParser.ListValueContext context) =>
        new ListValue([.. context.value().Select(Visit)]);

    private static string Unquote(string literal)
    {
        var builder = new StringBuilder();
        for (var i = 1; i < literal.Length - 1; i++)
        {
            if (literal[i] == '\\')
            {
                i++;
                builder.Append(literal[i] switch { 'n' => '\n', 't' => '\t', var c => c });
            }
            else
            {
                builder.Append(literal[i]);
            }
        }

        return builder.ToString();
    }

    private PipelineDeclaration Declaration(PassPipelineParser.PipelineContext context) =>
        new(
            context.name.Text,
            context.parameters() is { } parameters ? [.. parameters.parameter().Select(Parameter)] : [],
            Steps(context.block().step()),
            Locate(context.name));

    private PipelineParameter Parameter(PassPipelineParser.ParameterContext context) =>
        new(context.IDENT().GetText(), context.value() is { } value ? Visit(value) : null, Locate(context.Start));

    private PipelineStep Step(PassPipelineParser.StepContext context) => context switch
    {
        PassPipelineParser.NestedStepContext nested =>
            new NestedPipeline(nested.anchor.Text, Steps(nested.block().step()), Locate(nested.Start)),
        PassPipelineParser.PassStepContext pass => new PassInvocation(
            pass.IDENT().GetText(),
            pass.optionList() is { } options ? [.. options.optionAssignment().Select(Option)] : [],
            Locate(pass.Start)),
        _ => throw new InvalidOperationException($"unexpected step syntax '{context.GetText()}'"),
    };

    private OptionAssignment Option(PassPipelineParser.OptionAssignmentContext context) =>
        new(context.IDENT().GetText(), Visit(context.value()), Locate(context.Start));

    private SourceLocation Locate(IToken token) => new(fileName, token.Line, token.Column + 1);
}
