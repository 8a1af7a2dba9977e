using System.Buffers.Binary;
using MicroTvm.Frontend.TFLite;
using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;
using MicroTvm.Frontend.TFLite.Writer;
using MicroTvm.IR;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>Pooling, reductions, linear algebra, conversions, the LSTM and model metadata.</summary>
public sealed class OtherImportTests
{
    [Fact]
    public void PoolsGetKernelStridesAndSamePads()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 5, 5, 2]);
        var y = m.Output("y", [1, 3, 3, 2]);
        var node = Nodes.Single(m.Op(BuiltinOperator.AVERAGE_POOL_2D, [x], [y], TfliteOptions.Pool2D(TflitePadding.Same, 2, 2, 3, 3)).Import(), "avg_pool");
        Assert.Equal([3L, 3], Nodes.Ints(node, "kernel"));
        Assert.Equal([1L, 1, 1, 1], Nodes.Ints(node, "pads"));
        Assert.False(node.GetBool("count_include_pad"));
    }

    [Theory]
    [InlineData(BuiltinOperator.MEAN, "mean")]
    [InlineData(BuiltinOperator.SUM, "sum")]
    [InlineData(BuiltinOperator.REDUCE_MAX, "reduce_max")]
    [InlineData(BuiltinOperator.REDUCE_MIN, "reduce_min")]
    public void ReductionsTakeConstantAxes(BuiltinOperator op, string irOp)
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 4, 4, 3]);
        var y = m.Output("y", [1, 3]);
        var node = Nodes.Single(m.Op(op, [x, m.Ints("axes", 2, -3)], [y], TfliteOptions.Reducer(false)).Import(), irOp);
        Assert.Equal([1L, 2], Nodes.Ints(node, "axes"));
        Assert.False(node.GetBool("keepdims"));
    }

    [Fact]
    public void FullyConnectedAddsAReshapeWhenTheModelDeclaresAnotherShape()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 2, 4]);
        var y = m.Output("y", [1, 2, 3]);
        var module = m.Op(BuiltinOperator.FULLY_CONNECTED, [x, m.Floats("w", [3, 4]), -1], [y], TfliteOptions.FullyConnected()).Import();
        Assert.Equal<int>([2, 3], Nodes.Single(module, "fully_connected").Result.Type.Shape.ToArray());
        Assert.Equal("y", Nodes.Single(module, "reshape").Result.Name);
    }

    [Fact]
    public void FullyConnectedKeepNumDims()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 2, 4]);
        var y = m.Output("y", [1, 2, 3]);
        var node = Nodes.Single(m.Op(BuiltinOperator.FULLY_CONNECTED, [x, m.Floats("w", [3, 4])], [y], TfliteOptions.FullyConnected(TfliteActivation.Relu, keepNumDims: true)).Import(), "fully_connected");
        Assert.True(node.GetBool("keep_num_dims"));
    }

    [Fact]
    public void BatchMatMulKeepsAdjoints()
    {
        var m = new OpModel();
        var a = m.Input("a", [2, 4, 3]);
        var b = m.Input("b", [2, 5, 4]);
        var y = m.Output("y", [2, 3, 5]);
        var node = Nodes.Single(m.Op(BuiltinOperator.BATCH_MATMUL, [a, b], [y], TfliteOptions.BatchMatMul(true, true)).Import(), "batch_matmul");
        Assert.True(node.GetBool("adj_x") && node.GetBool("adj_y"));
    }

    [Fact]
    public void QuantizeIsQuantizeOrRequantizeAndDequantizeAndCast()
    {
        var m = new OpModel();
        var x = m.Input("x", [4]);
        var q1 = m.Tensor("q1", [4], TfliteElementType.Int8, TfliteQuantization.PerTensor(0.1f, 0));
        var q2 = m.Tensor("q2", [4], TfliteElementType.Int8, TfliteQuantization.PerTensor(0.2f, 3));
        var d = m.Tensor("d", [4]);
        var c = m.Output("c", [4], TfliteElementType.Int32);
        var module = m.Op(BuiltinOperator.QUANTIZE, [x], [q1]).Op(BuiltinOperator.QUANTIZE, [q1], [q2])
            .Op(BuiltinOperator.DEQUANTIZE, [q2], [d]).Op(BuiltinOperator.CAST, [d], [c]).Import();
        Assert.Equal(["quantize", "requantize", "dequantize", "cast"], module.Main.Nodes.Select(n => n.Op.Name).ToArray());
    }

    [Fact]
    public void LstmKeepsOperandOrderAndStartsStateFromZeros()
    {
        const int batch = 1, time = 3, inputs = 2, cells = 4;
        var m = new OpModel();
        var x = m.Input("x", [batch, time, inputs]);
        var operands = new int[24];
        Array.Fill(operands, -1);
        operands[0] = x;
        foreach (var i in new[] { 1, 2, 3, 4 })
        {
            operands[i] = m.Floats($"iw{i}", [cells, inputs]);
        }

        foreach (var i in new[] { 5, 6, 7, 8 })
        {
            operands[i] = m.Floats($"rw{i}", [cells, cells]);
        }

        foreach (var i in new[] { 12, 13, 14, 15 })
        {
            operands[i] = m.Floats($"b{i}", [cells]);
        }

        operands[18] = m.Builder.AddTensor("h", TfliteElementType.Float32, [batch, cells], isVariable: true);
        operands[19] = m.Builder.AddTensor("c", TfliteElementType.Float32, [batch, cells], isVariable: true);
        var y = m.Output("y", [batch, time, cells]);
        var bytes = m.Op(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, operands, [y], TfliteOptions.UnidirectionalSequenceLstm(TfliteActivation.Tanh, 0, 0, false)).Build();
        var module = Imports.ImportAndVerify(bytes);
        var lstm = Nodes.Single(module, "unidirectional_sequence_lstm");
        Assert.Equal(20, lstm.Operands.Length);
        Assert.Equal("", lstm.Operands[9]);
        Assert.Equal("h", lstm.Operands[18]);
        Assert.False(lstm.GetBool("time_major"));
        Assert.Equal(new byte[16], module.Main.Index.Producer("h")!.GetTensor("value").Bytes.ToArray());
        Assert.Contains(TfliteImporter.Import(bytes, "lstm.tflite").Diagnostics, d => d.Id == TfliteDiagnosticIds.VariableAsZeros);
    }

    [Fact]
    public void OfflineMemoryAllocationBecomesAModuleAttribute()
    {
        var m = new OpModel();
        var x = m.Input("x", [4]);
        var y = m.Output("y", [4]);
        m.Op(BuiltinOperator.RELU, [x], [y]);
        var words = new byte[20];
        int[] values = [1, 0, 2, 0, 16];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(words.AsSpan(4 * i), values[i]);
        }

        m.Builder.AddMetadata("OfflineMemoryAllocation", words);
        var module = m.Import();
        Assert.Equal(new IntListAttribute([0, 16]), module.Attributes["tflite.offline_memory_allocation"]);
    }

    [Fact]
    public void MalformedOfflineMemoryAllocationIsReported()
    {
        var m = new OpModel();
        var x = m.Input("x", [4]);
        var y = m.Output("y", [4]);
        m.Op(BuiltinOperator.RELU, [x], [y]);
        m.Builder.AddMetadata("OfflineMemoryAllocation", [1, 0, 0]);
        Assert.Equal(TfliteDiagnosticIds.BadOfflineMemoryAllocation, Assert.Single(Imports.ImportFailing(m.Build()).Diagnostics).Id);
    }

    [Fact]
    public void ConstantsAreWindowsIntoTheFile()
    {
        var m = new OpModel();
        var x = m.Input("x", [4]);
        var y = m.Output("y", [4]);
        m.Op(BuiltinOperator.ADD, [x, m.Floats("k", [4])], [y]);
        var bytes = m.Build();
        var module = TfliteImporter.Import(bytes, "t.tflite").Module!;
        var data = module.Main.Index.Producer("k")!.GetTensor("value").Bytes;
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment) && ReferenceEquals(segment.Array, bytes));
    }
}
