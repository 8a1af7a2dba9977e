namespace MicroTvm.Frontend.Onnx.Converters;

/// <summary>Layout-agnostic ops: they run on the model's own layout.</summary>
internal static class ElementwiseConverters
{
    public static void Unary(NodeContext n, OpDefinition op) => n.Emit(op, n.Output(), [n.Input(0)]);

    public static void Binary(NodeContext n, OpDefinition op) => n.Emit(op, n.Output(), [n.Input(0), n.Input(1)]);

    /// <summary>Max, Min and Sum take one or more operands: a chain of binary ops.</summary>
    public static void Variadic(NodeContext n, OpDefinition op)
    {
        var inputs = Enumerable.Range(0, n.Proto.Input.Count).Where(n.HasInput).ToList();
        if (inputs.Count == 0)
        {
            throw n.Unsupported("needs at least one input");
        }

        var value = n.Input(inputs[0]);
        for (var i = 1; i < inputs.Count; i++)
        {
            value = n.Emit(op, i == inputs.Count - 1 ? n.Output() : n.Temp("partial"), [value, n.Input(inputs[i])]);
        }

        n.Alias(0, value);
    }

    public static void Reciprocal(NodeContext n)
    {
        RequireFloat(n);
        n.Emit(Ops.Div, n.Output(), [n.Constant(ConstantTensors.Scalar(1f), "one"), n.Input(0)]);
    }

    public static void LeakyRelu(NodeContext n) =>
        n.Emit(Ops.LeakyRelu, n.Output(), [n.Input(0)], Attrs.Of(("alpha", Attrs.Float(n.Float("alpha", 0.01f)))));

    public static void HardSigmoid(NodeContext n) =>
        n.Emit(Ops.HardSigmoid, n.Output(), [n.Input(0)], Attrs.Of(("alpha", Attrs.Float(n.Float("alpha", 0.2f))), ("beta", Attrs.Float(n.Float("beta", 0.5f)))));

    /// <summary>Bounds from the inputs (opset 11+) or the attributes (before).</summary>
    public static void Clip(NodeContext n)
    {
        var attributes = ImmutableSortedDictionary.CreateBuilder<string, Attribute>(StringComparer.Ordinal);
        foreach (var (name, index) in new[] { ("min", 1), ("max", 2) })
        {
            if (n.HasInput(index))
            {
                var bound = ConstantTensors.Floats(n.RequireConstant(index, name));
                if (bound.Length != 1)
                {
                    throw n.Unsupported($"{name} must be a scalar");
                }

                attributes[name] = Attrs.Float(bound[0]);
            }
            else if (n.HasAttribute(name))
            {
                attributes[name] = Attrs.Float(n.Float(name, 0f));
            }
        }

        n.Emit(Ops.Clip, n.Output(), [n.Input(0)], attributes.ToImmutable());
    }

    /// <summary>
    /// Before opset 13 Softmax and LogSoftmax coerce the input to 2-D at <c>axis</c> (default 1) and
    /// normalise each row: a reshape, the op over the last axis, and a reshape back.
    /// </summary>
    public static void Softmax(NodeContext n, OpDefinition op)
    {
        var type = n.InputType(0);
        var axis = Axes.Normalize(n, n.Int("axis", n.Opset < 13 ? 1 : -1), Math.Max(type.Rank, 1));
        if (n.Opset >= 13 || axis == type.Rank - 1)
        {
            n.Emit(op, n.Output(), [n.Input(0)], Attrs.Of(("axis", Attrs.Int(axis))));
            return;
        }

        var rows = (int)Axes.Product(type.Shape, 0, axis);
        var flat = n.Reshape(n.Input(0), [rows, (int)(type.ElementCount / Math.Max(rows, 1))], n.Temp("2d"));
        var normalized = n.Emit(op, n.Temp("normalized"), [flat], Attrs.Of(("axis", Attrs.Int(1))));
        n.Reshape(normalized, type.Shape, n.Output());
    }

    /// <summary>Inference: Dropout is the identity, and its mask is all true.</summary>
    public static void Dropout(NodeContext n)
    {
        if (n.HasInput(2) && n.RequireConstant(2, "training_mode").GetInt64(0) != 0)
        {
            throw n.Unsupported("training mode is not supported (inference only)");
        }

        n.Alias(0, n.Input(0));
        if (n.IsOutputUsed(1))
        {
            var type = new TensorType(ElementType.Bool, n.InputType(0).Shape);
            var ones = new byte[type.ElementCount];
            Array.Fill(ones, (byte)1);
            n.Emit(Ops.Constant, n.Output(1), [], Attrs.Of(("value", new TensorAttribute(new TensorData(type, ones)))));
        }
    }

    public static void Cast(NodeContext n)
    {
        var to = n.Attribute("to") ?? throw n.Unsupported("attribute 'to' is required");
        var target = OnnxElementTypes.ToElementType((int)to.I, "the target of Cast");
        n.Emit(Ops.Cast, n.Output(), [n.Input(0)], declared: new TensorType(target, []));
    }

    /// <summary>Folded at import: the shape is a constant, so the result is too.</summary>
    public static void ConstantOfShape(NodeContext n)
    {
        var shape = OnnxTensors.Shape(ConstantTensors.Ints(n.RequireConstant(0, "shape"), "shape"), "the result of ConstantOfShape");
        var fill = n.Attribute("value")?.T is { } value
            ? OnnxTensors.Read(value, "the value of ConstantOfShape")
            : ConstantTensors.Scalar(0f);
        if (fill.Type.ElementCount != 1)
        {
            throw n.Unsupported("value must hold one element");
        }

        var type = new TensorType(fill.Type.ElementType, shape);
        var size = fill.Type.ElementType.ByteSize();
        var bytes = new byte[type.ByteSize];
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            fill.Bytes.Span.CopyTo(bytes.AsSpan(offset, size));
        }

        n.DefineConstant(0, new TensorData(type, bytes));
    }

    private static void RequireFloat(NodeContext n)
    {
        if (n.InputType(0).ElementType != ElementType.F32)
        {
            throw n.Unsupported($"only float inputs are supported, not {n.InputType(0)}");
        }
    }
}
