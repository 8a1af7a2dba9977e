using MicroTvm.Backends.Testing;
using MicroTvm.IR.Memory;
using MicroTvm.IR.Testing;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Backends.C.Tests.Models;

/// <summary>
/// Plans made with <c>io-pool</c> hold the model's inputs and outputs in the workspace pool: the
/// harness points the I/O structs at their planned places with the header's
/// <c>_io_in_pools</c>, writes the inputs there, runs, and reads the outputs there (zero copy).
/// Random graphs, also planned in place, must still match the interpreter, with and without
/// sanitizers: an input overwritten before its last read, or an output clobbered after it is
/// written, would show.
/// </summary>
public sealed class IoInPoolModelTests
{
    private static readonly Lazy<ResolvedPipeline> IoInPoolPipeline = new(() => AotPipeline.Bind("codegen", [
        KeyValuePair.Create("io-pool", (PipelineValue)new StringValue("workspace")),
        KeyValuePair.Create("in-place", (PipelineValue)new BoolValue(true)),
    ]));

    [Fact]
    public void The_plan_places_every_input_and_output_in_the_pool()
    {
        var planned = Compile(AotPipeline.Sample("tiny_cnn.mir"))!;
        var plan = planned.MemoryPlan!;
        Assert.True(plan.HoldsIo);
        foreach (var value in planned.Main.Inputs.Select(v => v.Name).Concat(planned.Main.Outputs))
        {
            Assert.Equal("workspace", plan.Find(value)?.Pool);
        }

        var withoutIo = AotPipeline.CompileOrThrow(AotPipeline.Sample("tiny_cnn.mir")).MemoryPlan!;
        var ioBytes = planned.Main.Inputs.Sum(v => v.Type.ByteSize) + planned.Main.Outputs.Sum(o => planned.Main.Index.FindValue(o)!.Type.ByteSize);
        Assert.True(
            plan.Pools.Single().Bytes < withoutIo.Pools.Single().Bytes + ioBytes,
            $"zero copy saves nothing: {plan.Pools.Single().Bytes} B in the pool against {withoutIo.Pools.Single().Bytes} B + {ioBytes} B of I/O");
    }

    [CompilerFact("gcc")]
    public void Random_graphs_with_io_in_the_pool_match_the_interpreter()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var compiled = new List<(string, Module, Module)>();
        var sample = AotPipeline.Sample("tiny_cnn.mir");
        compiled.Add(("tiny_cnn", sample, Compile(sample)!));
        for (var i = 0; compiled.Count < 25 && i < 100; i++)
        {
            var recipe = Enumerable.Range(0, 8 + random.Next(30)).Select(_ => random.Next()).ToList();
            var model = new Module([VerifiedGraphGenerators.FromRecipe(recipe)]);
            if (Compile(model) is { } planned)
            {
                Assert.True(planned.MemoryPlan!.HoldsIo, $"random_{i} (seed {seed}): the plan does not hold the model's I/O");
                compiled.Add(($"random_{i}", model, planned));
            }
        }

        Assert.Null(InterpreterAgreement.Check(compiled, seed, []));
        Assert.Null(InterpreterAgreement.Check(compiled, seed + 1, TypedApiHarness.SanitizerFlags));
    }

    private static Module? Compile(Module module) => AotPipeline.Compile(module, IoInPoolPipeline.Value).Module;
}
