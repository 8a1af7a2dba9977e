using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace MicroTvm.IR.Testing;

/// <summary>
/// Random well-formed (not verified) modules for syntax-level properties: names that need
/// quoting, every element type, per-tensor and per-axis quantization, attributes of every kind
/// with NaN payloads, -0.0 and infinities, constants, several results, absent operands, several
/// graphs. Operands need not refer to defined values and types need not agree with the ops.
/// Every attribute an op declares gets a value of the declared kind, so the text parses.
/// </summary>
public static class ModuleGenerators
{
    private static readonly string[] Words = ["x", "conv", "input", "w", "b", "out", "a.b", "$t", "_", "1", "q-0"];

    /// <summary>Characters that force quoting and escapes: '/', ';', ':', spaces, quotes, controls, non-ASCII, surrogates.</summary>
    private static readonly char[] Awkward = ['/', ';', ':', ' ', '"', '\\', '\n', '\t', '\u0001', 'é', '\u00a0', '\ud83d', '\ude00', '\ud800', '%', '@', '{'];

    public static Gen<Module> Module() =>
        from graphCount in Gen.Choose(0, 3)
        from graphs in Gen.ListOf(Graph(), graphCount)
        from attributes in Attributes(op: null)
        select new Module([.. graphs], attributes);

    /// <summary>An arbitrary that shrinks by dropping graphs, nodes, values and attributes.</summary>
    public static Arbitrary<Module> ArbitraryModule() => Arb.From(Module(), Shrink);

    public static Gen<Graph> Graph() =>
        from name in Name()
        from inputCount in Gen.Choose(0, 3)
        from inputs in Gen.ListOf(Value(), inputCount)
        from nodeCount in Gen.Choose(0, 5)
        from nodes in Gen.ListOf(Node(), nodeCount)
        from outputCount in Gen.Choose(0, 3)
        from outputs in Gen.ListOf(Name(), outputCount)
        from attributes in Attributes(op: null)
        select new Graph(name, [.. inputs], [.. nodes], [.. outputs], attributes);

    public static Gen<Node> Node() =>
        from op in Gen.Elements(OpRegistry.All.AsEnumerable())
        from operandCount in Gen.Choose(0, 4)
        from operands in Gen.ListOf(Gen.Frequency((4, Name()), (1, Gen.Constant(string.Empty))), operandCount)
        from resultCount in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Constant(1)), (2, Gen.Choose(2, 3)))
        from results in Gen.ListOf(Value(), resultCount)
        from attributes in Attributes(op)
        select new Node(op, [.. operands], [.. results], attributes);

    /// <summary>A non-empty name: usually bare, sometimes one that must be quoted.</summary>
    public static Gen<string> Name() =>
        Gen.Frequency(
            (6, Gen.Elements(Words)),
            (3, from a in Gen.Elements(Words) from n in Gen.Choose(0, 99) select a + n),
            (2, from chars in Gen.NonEmptyListOf(Gen.Elements(Awkward.Concat("ab/".ToCharArray()))) select new string([.. chars])));

    public static Gen<Value> Value() =>
        from name in Name()
        from type in TensorType()
        select new Value(name, type);

    public static Gen<TensorType> TensorType() =>
        from rank in Gen.Choose(0, 4)
        from shape in Gen.ListOf(Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 6)), (1, Gen.Choose(7, 4096))), rank)
        from elementType in Gen.Elements(Enum.GetValues<ElementType>())
        from quantization in Gen.Frequency((3, Gen.Constant<Quantization?>(null)), (2, Quantization(rank)))
        select new TensorType(elementType, [.. shape], quantization);

    public static Gen<Quantization?> Quantization(int rank) =>
        Gen.OneOf(
            from scale in Single()
            from zeroPoint in Int64()
            select (Quantization?)IR.Quantization.PerTensor(scale, zeroPoint),
            from count in Gen.Choose(1, 4)
            from scales in Gen.ListOf(Single(), count)
            from zeroPoints in Gen.ListOf(Int64(), count)
            from axis in Gen.Choose(-1, Math.Max(rank, 1))
            select (Quantization?)IR.Quantization.PerAxis([.. scales], [.. zeroPoints], axis));

    /// <summary>
    /// Attributes for <paramref name="op"/>: some of its declared attributes with values of the
    /// declared kind, plus undeclared ones of any kind (undeclared keys are legal syntax).
    /// </summary>
    public static Gen<ImmutableSortedDictionary<string, Attribute>> Attributes(OpDefinition? op)
    {
        var declared = op is null
            ? Gen.Constant(new List<KeyValuePair<string, Attribute>>())
            : Gen.SubListOf(op.Attributes.AsEnumerable()).SelectMany(specs =>
                Gen.CollectToList(specs, spec => AttributeOfKind(spec.Kind).Select(value => KeyValuePair.Create(spec.Name, value))));
        var undeclared =
            from count in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3)))
            from entries in Gen.ListOf(
                from key in Name().Where(key => op?.FindAttribute(key) is null)
                from value in Attribute()
                select KeyValuePair.Create(key, value),
                count)
            select entries;
        return from d in declared
               from u in undeclared
               select ToDictionary(d.Concat(u));
    }

    /// <summary>Any attribute whose kind the syntax alone decides (so not an empty float list).</summary>
    public static Gen<Attribute> Attribute() =>
        Gen.Elements(Enum.GetValues<AttributeKind>()).SelectMany(AttributeOfKind)
            .Where(a => a is not FloatListAttribute { Values.IsEmpty: true });

    public static Gen<Attribute> AttributeOfKind(AttributeKind kind) => kind switch
    {
        AttributeKind.Int => Int64().Select(v => (Attribute)new IntAttribute(v)),
        AttributeKind.Float => Double().Select(v => (Attribute)new FloatAttribute(v)),
        AttributeKind.Bool => Gen.Elements(true, false).Select(v => (Attribute)new BoolAttribute(v)),
        AttributeKind.String => Text().Select(v => (Attribute)new StringAttribute(v)),
        AttributeKind.IntList => Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(Int64(), n))
            .Select(v => (Attribute)new IntListAttribute([.. v])),
        AttributeKind.FloatList => Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(Double(), n))
            .Select(v => (Attribute)new FloatListAttribute([.. v])),
        AttributeKind.Tensor => Tensor().Select(v => (Attribute)new TensorAttribute(v)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Constant contents, small (printed as a list) or large (printed as hex bytes).</summary>
    public static Gen<TensorData> Tensor() =>
        from rank in Gen.Choose(0, 3)
        from shape in Gen.ListOf(Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 3)), (2, Gen.Choose(4, 9))), rank)
        from elementType in Gen.Elements(Enum.GetValues<ElementType>())
        from quantization in Gen.Frequency((3, Gen.Constant<Quantization?>(null)), (1, Quantization(rank)))
        let type = new TensorType(elementType, [.. shape], quantization)
        from bytes in Bytes(type)
        select new TensorData(type, bytes);

    /// <summary>Float64 values including NaN with payloads, both infinities, -0.0 and subnormals.</summary>
    public static Gen<double> Double() =>
        Gen.Frequency(
            (3, Gen.Elements(0.0, -0.0, 1.0, -1.5, 0.1, 1e-5, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
                double.Epsilon, double.MaxValue, double.MinValue, 1e21, 123456789.0)),
            (2, Int64().Select(BitConverter.Int64BitsToDouble)));

    public static Gen<float> Single() =>
        Gen.Frequency(
            (3, Gen.Elements(0f, -0f, 1f, 0.5f, 0.0039215689f, 1e-7f, float.NaN, float.PositiveInfinity, float.NegativeInfinity,
                float.Epsilon, float.MaxValue, 3e10f)),
            (2, Int64().Select(bits => BitConverter.Int32BitsToSingle(unchecked((int)bits)))));

    public static Gen<long> Int64() =>
        Gen.Frequency(
            (3, Gen.Choose(-300, 300).Select(v => (long)v)),
            (1, Gen.Elements(long.MinValue, long.MaxValue, int.MinValue, (long)int.MaxValue + 1)),
            (2, from high in Gen.Choose(int.MinValue, int.MaxValue)
                from low in Gen.Choose(int.MinValue, int.MaxValue)
                select ((long)high << 32) | (uint)low));

    public static Gen<string> Text() =>
        Gen.Frequency(
            (3, Gen.Elements("", "relu", "same", "a b", "sequential/conv2d/Conv2D;bias")),
            (2, from chars in Gen.ListOf(Gen.Elements(Awkward.Concat("abc".ToCharArray()))) select new string([.. chars])));

    /// <summary>Smaller modules: one graph, node, value or attribute fewer, or one graph alone.</summary>
    public static IEnumerable<Module> Shrink(Module module)
    {
        if (module.Graphs.Length > 1)
        {
            foreach (var graph in module.Graphs)
            {
                yield return new Module([graph]);
            }
        }

        if (module.Attributes.Count > 0)
        {
            yield return module.WithAttributes(ImmutableSortedDictionary<string, Attribute>.Empty.WithComparers(StringComparer.Ordinal));
        }

        for (var g = 0; g < module.Graphs.Length; g++)
        {
            if (module.Graphs.Length > 1)
            {
                yield return module.WithGraphs(module.Graphs.RemoveAt(g));
            }

            foreach (var smaller in ShrinkGraph(module.Graphs[g]))
            {
                yield return module.WithGraphs(module.Graphs.SetItem(g, smaller));
            }
        }
    }

    private static IEnumerable<Graph> ShrinkGraph(Graph graph)
    {
        if (graph.Attributes.Count > 0)
        {
            yield return graph.WithAttributes(ImmutableSortedDictionary<string, Attribute>.Empty.WithComparers(StringComparer.Ordinal));
        }

        for (var i = 0; i < graph.Nodes.Length; i++)
        {
            yield return graph.WithNodes(graph.Nodes.RemoveAt(i));
        }

        for (var i = 0; i < graph.Inputs.Length; i++)
        {
            yield return graph.WithInputs(graph.Inputs.RemoveAt(i));
        }

        for (var i = 0; i < graph.Outputs.Length; i++)
        {
            yield return graph.WithOutputs(graph.Outputs.RemoveAt(i));
        }

        for (var i = 0; i < graph.Nodes.Length; i++)
        {
            var node = graph.Nodes[i];
            foreach (var key in node.Attributes.Keys)
            {
                yield return graph.WithNodes(graph.Nodes.SetItem(i, node.WithAttributes(node.Attributes.Remove(key))));
            }
        }
    }

    private static Gen<byte[]> Bytes(TensorType type)
    {
        var byteGen = type.ElementType == ElementType.Bool
            ? Gen.Frequency((8, Gen.Elements<byte>(0, 1)), (1, Gen.Choose(2, 255).Select(b => (byte)b)))
            : Gen.Choose(0, 255).Select(b => (byte)b);
        return Gen.ArrayOf(byteGen, checked((int)type.ByteSize));
    }

    private static ImmutableSortedDictionary<string, Attribute> ToDictionary(IEnumerable<KeyValuePair<string, Attribute>> entries)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, Attribute>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            builder[key] = value;
        }

        return builder.ToImmutable();
    }
}
