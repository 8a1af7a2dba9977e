using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Verification;

namespace MicroTvm.Passes.Tests.FuseOps;

/// <summary>
/// fuse-ops on random verified graphs: the output verifies, every op of the input lands in
/// exactly one place (the caller or one group), and the interpreter's outputs are bit-identical
/// before and after (fusion moves ops, it never changes their arithmetic).
/// </summary>
public sealed class FuseOpsProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void FusionKeepsEveryOpOnceAndTheOutputsBitForBit() =>
        Check.One(Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(), Gen.Elements(1, 2, 3, 256).ToArbitrary(), (graphCase, maxDepth) =>
        {
            var before = graphCase.Module;
            var context = new PassContext();
            var after = new FuseOpsPass { MaxDepth = maxDepth }.Run(before, context);
            var problem = Problems(before, after, context, maxDepth).FirstOrDefault();
            return (problem is null).Label($"max-depth = {maxDepth}: {problem}");
        }));

    [Fact]
    public void RandomGraphsDoFormGroups()
    {
        var fused = Gen.Sample(VerifiedGraphGenerators.Graph(), 100)
            .Count(graph => new FuseOpsPass().Run(new Module([graph]), new PassContext()).Graphs.Length > 1);
        Assert.True(fused > 20, $"only {fused} of 100 random graphs formed a group");
    }

    private static IEnumerable<string> Problems(Module before, Module after, PassContext context, int maxDepth)
    {
        if (context.Diagnostics.HasErrors)
        {
            yield return $"the pass failed: {string.Join("; ", context.Diagnostics.Items)}";
            yield break;
        }

        var diagnostics = ModuleVerifier.Verify(after);
        if (!diagnostics.IsEmpty)
        {
            yield return $"the output does not verify: {string.Join("; ", diagnostics)}";
        }

        var original = before.Main.Nodes.Where(n => !ReferenceEquals(n.Op, Ops.Constant)).Select(Identity).ToList();
        var placed = after.Graphs.SelectMany(g => g.Nodes).Where(n => !ReferenceEquals(n.Op, Ops.Constant) && !ReferenceEquals(n.Op, Ops.Call)).Select(Identity).ToList();
        if (!original.Order(StringComparer.Ordinal).SequenceEqual(placed.Order(StringComparer.Ordinal)))
        {
            yield return $"ops before: [{string.Join(", ", original)}]; ops after: [{string.Join(", ", placed)}]";
        }

        foreach (var function in after.Graphs.Where(g => g.Name != Module.MainGraphName))
        {
            var ops = function.Nodes.Count(n => !ReferenceEquals(n.Op, Ops.Constant));
            var calls = after.Main.Nodes.Count(n => ReferenceEquals(n.Op, Ops.Call) && n.GetString("callee") == function.Name);
            if (!FuseOpsPass.IsPrimitive(function) || ops < 2 || ops > maxDepth || calls != 1)
            {
                yield return $"graph '{function.Name}' has {ops} ops (max-depth {maxDepth}) and is called {calls} time(s)";
            }
        }

        for (var seed = 0; seed < 3; seed++)
        {
            var inputs = RandomTensors.ForInputs(before.Main, seed);
            var expected = Interpreter.Run(before, inputs);
            var actual = Interpreter.Run(after, inputs);
            if (!expected.Succeeded || !actual.Succeeded)
            {
                yield return $"the interpreter refuses the module: before: {string.Join("; ", expected.Diagnostics)}; after: {string.Join("; ", actual.Diagnostics)}";
                yield break;
            }

            foreach (var (name, tensor) in expected.Outputs)
            {
                if (!actual.Outputs.TryGetValue(name, out var got) || !got.Type.Equals(tensor.Type) || !got.Bytes.Span.SequenceEqual(tensor.Bytes.Span))
                {
                    yield return $"output '{name}' differs for inputs seeded with {seed}";
                }
            }
        }
    }

    /// <summary>An op node by what makes it unique in a graph: its op and result names.</summary>
    private static string Identity(Node node) => $"{node.Op.Name}:{string.Join(",", node.Results.Select(r => r.Name))}";
}
