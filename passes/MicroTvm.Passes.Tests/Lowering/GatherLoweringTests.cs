using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// gather lowers to an index map that reads the index tensor (i32 or i64, negative positions
/// from the end) for any axis and batch_dims, bit-exact with the interpreter; fused after an
/// elementwise op it reads the producer's value at the gathered position.
/// </summary>
public sealed class GatherLoweringTests
{
    [Fact]
    public void GathersAreBitExact() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var graph = Gather(new Random(seed));
            var problem = KernelDifferential.Check(graph, seed, FloatTolerance.Exact, out var lowered) ?? (lowered ? null : "the graph did not lower");
            return (problem is null).Label(problem ?? string.Empty);
        }));

    private static Graph Gather(Random random)
    {
        var rank = random.Next(1, 4);
        var dataShape = Enumerable.Range(0, rank).Select(_ => random.Next(1, 5)).ToArray();
        var batchDims = rank > 1 && random.Next(3) == 0 ? 1 : 0;
        var axis = random.Next(batchDims, rank);
        var indexShape = dataShape.Take(batchDims).Concat(Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.Next(1, 4))).ToArray();
        var indexType = new TensorType(random.Next(2) == 0 ? ElementType.I32 : ElementType.I64, [.. indexShape]);
        var extent = dataShape[axis];
        var positions = Enumerable.Range(0, (int)indexType.ElementCount).Select(_ => (long)random.Next(-extent, extent)).ToArray();
        var outputShape = dataShape.Take(axis).Concat(indexShape.Skip(batchDims)).Concat(dataShape.Skip(axis + 1)).ToArray();
        var dataType = new TensorType(ElementType.F32, [.. dataShape]);
        var attributes = ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal);
        var indices = new Node(Ops.Constant, [], [new Value("i", indexType)], attributes.Add("value", new TensorAttribute(TensorData.FromInt64s(indexType, positions))));
        var negated = new Node(Ops.Neg, ["x"], [new Value("e", dataType)]);
        var gather = new Node(Ops.Gather, ["e", "i"], [new Value("y", new TensorType(ElementType.F32, [.. outputShape]))], attributes
            .Add("axis", new IntAttribute(random.Next(2) == 0 ? axis : axis - rank)).Add("batch_dims", new IntAttribute(batchDims)));
        return new Graph("g", [new Value("x", dataType)], [indices, negated, gather], ["y"]);
    }
}
