namespace MicroTvm.Passes;

/// <summary>
/// Flatten into a product: <c>matmul(reshape(transpose(x, p), [B, K]), W)</c> (or
/// <c>fully_connected</c>, W a constant or a reshaped constant) reads the features in the transposed order; permuting the K rows of
/// the constant weights (columns for fully_connected) lets it read <c>reshape(x)</c> instead, so
/// the transpose before a classifier head disappears. The batch dimension must stay first.
/// </summary>
internal sealed partial class LayoutRewriter
{
    private bool TryFlatten(Node reshape)
    {
        if (!ReferenceEquals(reshape.Op, Ops.Reshape) || _w.ProducingTranspose(reshape.Operands[0]) is not { } transpose
            || !_w.OnlyUsedBy(transpose.Result.Name, reshape) || _w.IsOutput(reshape.Result.Name))
        {
            return false;
        }

        var perm = LayoutWorkspace.PermOf(transpose);
        var source = _w.TypeOf(transpose.Operands[0]);
        var shape = reshape.Result.Type.Shape;
        if (perm[0] != 0 || shape.Length != 2 || shape[0] != source.Shape[0] || source.IsQuantized && source.Quantization!.IsPerAxis)
        {
            return false;
        }

        var users = _w.Users(reshape.Result.Name);
        var weights = users.Select(u => FlattenedWeights(u, reshape.Result.Name)).ToList();
        if (users.Count == 0 || weights.Any(w => w is null))
        {
            return false;
        }

        var columns = FeatureOrder(source.Shape, perm);
        _w.Replace(reshape, [reshape.WithOperands([transpose.Operands[0]])]);
        foreach (var (user, (weightAxis, data)) in users.Zip(weights.Select(w => w!.Value)))
        {
            var constant = _w.MakeConstant(PermuteAxis(data, weightAxis, columns), user.Operands[1] + ".relaid");
            ConstantsRelaid++;
            _w.Replace(user, [constant, user.WithOperands(user.Operands.SetItem(1, constant.Result.Name))]);
        }

        return true;
    }

    /// <summary>The constant weights of a product reading <paramref name="features"/> first, and their K axis.</summary>
    private (int Axis, TensorData Data)? FlattenedWeights(Node user, string features)
    {
        var isMatMul = ReferenceEquals(user.Op, Ops.MatMul);
        if ((!isMatMul && !ReferenceEquals(user.Op, Ops.FullyConnected)) || user.Operands[0] != features
            || user.Operands.Skip(1).Contains(features) || ConstantValue(user.Operands[1]) is not { } data)
        {
            return null;
        }

        var axis = isMatMul ? 0 : 1;
        return data.Type.Rank == 2 && data.Type.Quantization?.Axis != axis ? (axis, data) : null;
    }

    /// <summary>The contents of a constant, looking through reshapes of it (ONNX models reshape weights).</summary>
    private TensorData? ConstantValue(string value) => _w.Producer(value) switch
    {
        { } constant when LayoutWorkspace.IsConstant(constant) => constant.GetTensor("value"),
        { } reshape when ReferenceEquals(reshape.Op, Ops.Reshape) && reshape.Result.Type.Quantization is not { IsPerAxis: true }
            && ConstantValue(reshape.Operands[0]) is { } data => new TensorData(reshape.Result.Type, data.Bytes),
        _ => null,
    };

    /// <summary>For each feature index of reshape(x), the index of the same element in reshape(transpose(x, perm)).</summary>
    private static int[] FeatureOrder(ImmutableArray<int> shape, int[] perm)
    {
        var transposedShape = perm.Select(a => shape[a]).ToImmutableArray();
        var sourceStrides = Permutation.Strides(shape);
        var transposedStrides = Permutation.Strides(transposedShape);
        var count = sourceStrides[0];
        var order = new int[count];
        for (var flat = 0; flat < count; flat++)
        {
            var target = 0;
            for (var j = 1; j < perm.Length; j++)
            {
                var index = flat / sourceStrides[perm[j]] % shape[perm[j]];
                target += index * transposedStrides[j];
            }

            order[flat] = target;
        }

        return order;
    }

    /// <summary>result[…, i, …] = data[…, order[i], …] along <paramref name="axis"/> of a matrix.</summary>
    private static TensorData PermuteAxis(TensorData data, int axis, int[] order)
    {
        var (rows, columns) = (data.Type.Shape[0], data.Type.Shape[1]);
        var size = data.Type.ElementType.ByteSize();
        var source = data.Bytes.Span;
        var bytes = new byte[source.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var from = axis == 0 ? (order[r] * columns) + c : (r * columns) + order[c];
                source.Slice(from * size, size).CopyTo(bytes.AsSpan(((r * columns) + c) * size, size));
            }
        }

        return new TensorData(data.Type, bytes);
    }
}
