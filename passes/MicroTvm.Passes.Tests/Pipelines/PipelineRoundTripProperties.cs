using FsCheck;
using FsCheck.Fluent;

namespace MicroTvm.Passes.Tests.Pipelines;

/// <summary>parse(print(file)) == file for random pipeline files.</summary>
public sealed class PipelineRoundTripProperties
{
    private static readonly string[] Keywords = ["include", "pipeline", "each", "true", "false"];

    [Fact]
    public void PrintedFilesParseBackToTheSameSyntax() =>
        Prop.ForAll(Files().ToArbitrary(), file =>
        {
            var text = PipelinePrinter.Print(file);
            var parsed = PipelineParser.ParseFile(text, "generated.pass");
            return (parsed.File is not null && parsed.File.Equals(file)).Label($"text:\n{text}\ndiagnostics: {string.Join("; ", parsed.Diagnostics)}");
        }).QuickCheckThrowOnFailure();

    private static Gen<string> Names() =>
        from head in Gen.Elements("a", "b", "fuse", "x_1", "Max")
        from tail in Gen.Elements("", "-ops", "-depth", "-2", "_q")
        let name = head + tail
        where !Keywords.Contains(name)
        select name;

    private static Gen<PipelineValue> Values(int depth)
    {
        var scalars = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>().Select(v => (PipelineValue)new IntegerValue(v)),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(v => (PipelineValue)new FloatValue(v.Get)),
            ArbMap.Default.GeneratorFor<bool>().Select(v => (PipelineValue)new BoolValue(v)),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => (PipelineValue)new StringValue(s.Replace("\r", string.Empty))),
            Gen.Choose(0, 100000).Select(v => (PipelineValue)new ByteSizeValue(new ByteSize(v))),
            Names().Select(n => (PipelineValue)new IdentifierValue(n)),
            Names().Select(n => (PipelineValue)new ParameterReference(n)));
        return depth == 0
            ? scalars
            : Gen.OneOf(scalars, Gen.ListOf(Values(depth - 1)).Select(items => (PipelineValue)new ListValue([.. items.Take(4)])));
    }

    private static Gen<PipelineStep> Steps(int depth)
    {
        var invocation =
            from name in Names()
            from options in Gen.ListOf(Gen.Zip(Names(), Values(1)))
            select (PipelineStep)new PassInvocation(name, [.. options.Take(4).Select(o => new OptionAssignment(o.Item1, o.Item2))]);
        return depth == 0
            ? invocation
            : Gen.OneOf(invocation, invocation, Gen.Zip(Names(), Gen.ListOf(Steps(depth - 1)))
                .Select(n => (PipelineStep)new NestedPipeline(n.Item1, [.. n.Item2.Take(3)])));
    }

    private static Gen<PipelineFile> Files() =>
        from includes in Gen.ListOf(Names().Select(n => new IncludeDirective(n + ".pass")))
        from pipelines in Gen.ListOf(
            from name in Names()
            from parameters in Gen.ListOf(Gen.Zip(Names(), Gen.OneOf(Values(1).Select(v => (PipelineValue?)v), Gen.Constant<PipelineValue?>(null))))
            from steps in Gen.ListOf(Steps(2))
            select new PipelineDeclaration(name, [.. parameters.Take(3).Select(p => new PipelineParameter(p.Item1, p.Item2))], [.. steps.Take(5)]))
        select new PipelineFile("generated.pass", [.. includes.Take(2)], [.. pipelines.Take(3)]);
}
