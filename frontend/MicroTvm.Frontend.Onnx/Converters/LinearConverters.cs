namespace MicroTvm.Frontend.Onnx.Converters;

/// <summary>Gemm as fully_connected (weights [N, K]), folding constant transposes, alpha and beta at import.</summary>
internal static class LinearConverters
{
    /// <summary>Y = alpha·A'·B' + beta·C, with A' = transA ? Aᵀ : A and B' likewise.</summary>
    public static void Gemm(NodeContext n)
    {
        var a = n.InputType(0);
        var b = n.InputType(1);
        if (a.Rank != 2 || b.Rank != 2)
        {
            throw n.Unsupported($"A {a} and B {b} must be matrices");
        }

        var alpha = n.Float("alpha", 1f);
        var beta = n.Float("beta", 1f);
        var transB = n.Int("transB", 0) != 0;
        var input = n.Int("transA", 0) != 0 ? n.Transpose(n.Input(0), [1, 0], "a_t") : n.Input(0);
        var units = transB ? b.Shape[0] : b.Shape[1];
        string weights;
        if (n.ConstantInput(1) is { } constant)
        {
            var data = transB ? constant : ConstantTensors.Permute(constant, [1, 0]);
            weights = n.Constant(alpha != 1f ? ConstantTensors.Scale(RequireFloat(n, data), alpha) : data, "weights");
        }
        else
        {
            weights = transB ? n.Input(1) : n.Transpose(n.Input(1), [1, 0], "weights");
            if (alpha != 1f)
            {
                input = n.Emit(Ops.Mul, n.Temp("scaled"), [input, n.Constant(ConstantTensors.Scalar(alpha), "alpha")]);
            }
        }

        var c = n.HasInput(2) ? n.ConstantInput(2) : null;
        var foldBias = c is not null && c.Type.ElementCount == units && c.Type.Shape.Take(c.Type.Rank - 1).All(d => d == 1)
            && (beta == 1f || c.Type.ElementType == ElementType.F32);
        if (foldBias)
        {
            var bias = ConstantTensors.Reshape(c!, [units]);
            bias = beta != 1f ? ConstantTensors.Scale(bias, beta) : bias;
            n.Emit(Ops.FullyConnected, n.Output(), [input, weights, n.Constant(bias, "bias")]);
            return;
        }

        if (!n.HasInput(2) || beta == 0f)
        {
            n.Emit(Ops.FullyConnected, n.Output(), [input, weights]);
            return;
        }

        var product = n.Emit(Ops.FullyConnected, n.Temp("product"), [input, weights]);
        var addend = beta == 1f ? n.Input(2) : n.Emit(Ops.Mul, n.Temp("c_scaled"), [n.Input(2), n.Constant(ConstantTensors.Scalar(beta), "beta")]);
        n.Emit(Ops.Add, n.Output(), [product, addend]);
    }

    private static TensorData RequireFloat(NodeContext n, TensorData data) =>
        data.Type.ElementType == ElementType.F32 ? data : throw n.Unsupported($"alpha ≠ 1 needs float weights, not {data.Type}");
}
