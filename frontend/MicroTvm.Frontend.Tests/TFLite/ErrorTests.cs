using MicroTvm.Frontend.TFLite;
using MicroTvm.Frontend.TFLite.Schema;
using MicroTvm.Frontend.TFLite.Writer;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>Bad files and unsupported content come back as diagnostics with stable ids.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(11)]
    public void TinyFilesAreCorrupt(int length) =>
        Assert.Contains(Imports.ImportFailing(new byte[length]).Diagnostics, d => d.Id is TfliteDiagnosticIds.CorruptFile or TfliteDiagnosticIds.BadFileIdentifier);

    [Fact]
    public void WrongIdentifierIsReported()
    {
        var bytes = Relu().Build();
        bytes[4] = (byte)'X';
        var diagnostic = Assert.Single(Imports.ImportFailing(bytes).Diagnostics);
        Assert.Equal(TfliteDiagnosticIds.BadFileIdentifier, diagnostic.Id);
        Assert.Contains("XFL3", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTruncationIsReportedNotThrown()
    {
        var bytes = Relu().Build();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Null(TfliteImporter.Import(bytes.AsMemory(0, length), "cut.tflite").Module);
        }
    }

    [Fact]
    public void WrongVersionIsReported()
    {
        var m = Relu();
        m.Builder.Version = 2;
        Assert.Equal(TfliteDiagnosticIds.UnsupportedVersion, Assert.Single(Imports.ImportFailing(m.Build()).Diagnostics).Id);
    }

    [Fact]
    public void EveryUnsupportedOperatorIsListedInOneRun()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 4]);
        var a = m.Tensor("a", [1, 4]);
        var b = m.Tensor("b", [1, 4]);
        var c = m.Tensor("c", [1, 4]);
        var y = m.Output("y", [1, 4]);
        m.Builder.AddCustomOperator("MyOp", [x], [a]);
        m.Op(BuiltinOperator.FLOOR, [a], [b]);
        m.Builder.AddOperatorCode(999, [b], [c]);
        m.Op(BuiltinOperator.RELU, [c], [y]);
        var bytes = m.Build();
        var result = Imports.ImportFailing(bytes);
        Assert.Equal(
            [TfliteDiagnosticIds.CustomOperator, TfliteDiagnosticIds.UnsupportedOperator, TfliteDiagnosticIds.UnknownOperator],
            result.Diagnostics.Where(d => d.IsError).Select(d => d.Id).ToArray());
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("operator 0 (CUSTOM(MyOp))", StringComparison.Ordinal) && d.Message.Contains("'MyOp'", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("operator 1 (FLOOR)", StringComparison.Ordinal));

        var report = TfliteImporter.SupportedOps(bytes, "test.tflite");
        Assert.Equal(["0: CUSTOM(MyOp): unsupported: custom operator 'MyOp' is not supported [MTVM3022]", "1: FLOOR: unsupported: FLOOR is not supported [MTVM3021]",
            "2: BUILTIN_999: unsupported: builtin operator code 999 is unknown to this frontend [MTVM3020]", "3: RELU: supported"], report.Operators.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void DynamicDimensionIsRefusedButDynamicBatchIsANote()
    {
        var dynamic = new OpModel();
        var x = dynamic.Input("x", [1, 4], shapeSignature: [1, -1]);
        var y = dynamic.Output("y", [1, 4]);
        dynamic.Op(BuiltinOperator.RELU, [x], [y]);
        Assert.Contains(Imports.ImportFailing(dynamic.Build()).Diagnostics, d => d.Id == TfliteDiagnosticIds.DynamicShape && d.Message.Contains("'x'", StringComparison.Ordinal));

        var batch = new OpModel();
        var bx = batch.Input("x", [1, 4], shapeSignature: [-1, 4]);
        var by = batch.Output("y", [1, 4]);
        batch.Op(BuiltinOperator.RELU, [bx], [by]);
        var result = TfliteImporter.Import(batch.Build(), "batch.tflite");
        Assert.NotNull(result.Module);
        Assert.Contains(result.Diagnostics, d => d.Id == TfliteDiagnosticIds.StaticBatch && !d.IsError);
    }

    [Fact]
    public void UnsupportedElementTypeNamesTheTensor()
    {
        var m = new OpModel();
        var x = m.Input("half", [4], TfliteElementType.Float16);
        var y = m.Output("y", [4]);
        m.Op(BuiltinOperator.DEQUANTIZE, [x], [y]);
        Assert.Contains(Imports.ImportFailing(m.Build()).Diagnostics, d => d.Id == TfliteDiagnosticIds.UnsupportedElementType && d.Message.Contains("'half'", StringComparison.Ordinal));
    }

    [Fact]
    public void NonConstantShapeOperandIsReported()
    {
        var m = new OpModel();
        var x = m.Input("x", [2, 3]);
        var perm = m.Input("perm", [2], TfliteElementType.Int32);
        var y = m.Output("y", [3, 2]);
        m.Op(BuiltinOperator.TRANSPOSE, [x, perm], [y]);
        var diagnostic = Assert.Single(Imports.ImportFailing(m.Build()).Diagnostics);
        Assert.Equal(TfliteDiagnosticIds.NonConstantOperand, diagnostic.Id);
        Assert.Contains("'perm'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CyclesAreReported()
    {
        var m = new OpModel();
        var a = m.Tensor("a", [4]);
        var b = m.Output("b", [4]);
        m.Op(BuiltinOperator.RELU, [b], [a]);
        m.Op(BuiltinOperator.RELU, [a], [b]);
        Assert.Equal(TfliteDiagnosticIds.Cycle, Assert.Single(Imports.ImportFailing(m.Build()).Diagnostics).Id);
    }

    [Fact]
    public void OperatorsOutOfOrderAreSorted()
    {
        var m = new OpModel();
        var x = m.Input("x", [4]);
        var a = m.Tensor("a", [4]);
        var y = m.Output("y", [4]);
        m.Op(BuiltinOperator.RELU6, [a], [y]);
        m.Op(BuiltinOperator.RELU, [x], [a]);
        Assert.Equal(["relu", "relu6"], m.Import().Main.Nodes.Select(n => n.Op.Name).ToArray());
    }

    [Fact]
    public void WrongOptionsTypeIsReported()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 4]);
        var y = m.Output("y", [1, 4]);
        m.Op(BuiltinOperator.ADD, [x, x], [y], TfliteOptions.Softmax(1));
        Assert.Equal(TfliteDiagnosticIds.OptionsMismatch, Assert.Single(Imports.ImportFailing(m.Build()).Diagnostics).Id);
    }

    [Fact]
    public void UnsupportedFusedActivationIsReported()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 4]);
        var y = m.Output("y", [1, 4]);
        m.Op(BuiltinOperator.ADD, [x, x], [y], TfliteOptions.Binary(BuiltinOptionsType.AddOptions, TfliteActivation.SignBit));
        Assert.Equal(TfliteDiagnosticIds.UnsupportedOption, Assert.Single(Imports.ImportFailing(m.Build()).Diagnostics).Id);
    }

    [Fact]
    public void ConstantWithWrongByteCountIsReported()
    {
        var m = new OpModel();
        var x = m.Input("x", [4]);
        var c = m.Builder.AddConstant("c", TfliteElementType.Float32, [4], new byte[12]);
        var y = m.Output("y", [4]);
        m.Op(BuiltinOperator.ADD, [x, c], [y]);
        Assert.Equal(TfliteDiagnosticIds.BadConstant, Assert.Single(Imports.ImportFailing(m.Build()).Diagnostics).Id);
    }

    private static OpModel Relu()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 4]);
        var y = m.Output("y", [1, 4]);
        return m.Op(BuiltinOperator.RELU, [x], [y]);
    }
}
