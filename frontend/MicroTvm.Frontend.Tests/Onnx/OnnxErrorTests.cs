using Google.Protobuf;
using MicroTvm.Frontend.Onnx;
using MicroTvm.Frontend.Onnx.Proto;
using static MicroTvm.Frontend.Tests.Onnx.OnnxModelBuilder;
using DataType = MicroTvm.Frontend.Onnx.Proto.TensorProto.Types.DataType;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>Every refusal comes back as a diagnostic with its stable id, naming what is wrong.</summary>
public sealed class OnnxErrorTests
{
    private static OnnxModelBuilder Relu(long opset = 13) =>
        new OnnxModelBuilder(opset).Input("x", DataType.Float, 1, 4).Node("Relu", ["x"], ["y"]).Output("y");

    [Fact]
    public void Truncated_file_is_a_corrupt_file_diagnostic()
    {
        var bytes = Relu().ToBytes();
        var diagnostics = OnnxTestRun.Refuse(bytes[..(bytes.Length / 2)]);
        Assert.Contains(diagnostics, d => d.Id == OnnxDiagnosticIds.CorruptFile);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(26)]
    public void Opset_outside_the_supported_range_is_refused(long opset)
    {
        var diagnostics = OnnxTestRun.Refuse(Relu(opset).ToBytes());
        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(OnnxDiagnosticIds.UnsupportedOpset, error.Id);
        Assert.Contains($"opset {opset}", error.Message);
    }

    [Fact]
    public void Every_unsupported_op_is_listed_in_one_run()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 1, 4)
            .Node("Erf", ["x"], ["a"])
            .Node("Relu", ["a"], ["b"])
            .Node("Celu", ["b"], ["y"])
            .Output("y");
        var diagnostics = OnnxTestRun.Refuse(builder.ToBytes());
        var unsupported = diagnostics.Where(d => d.Id == OnnxDiagnosticIds.UnsupportedOp).ToList();
        Assert.Equal(2, unsupported.Count);
        Assert.Contains(unsupported, d => d.Message.Contains("'Erf'") && d.Location!.File.Contains("erf0"));
        Assert.Contains(unsupported, d => d.Message.Contains("'Celu'") && d.Message.Contains("opset 13"));
    }

    [Fact]
    public void Supported_ops_report_has_one_line_per_node()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 1, 4)
            .Node("Erf", ["x"], ["a"])
            .Node("Relu", ["a"], ["y"])
            .Output("y");
        var report = OnnxImporter.ReportSupportedOps(builder.ToBytes(), "test.onnx");
        Assert.False(report.AllSupported);
        var lines = report.ToLines().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("Erf\tai.onnx/13\tunsupported: op 'Erf'", lines[0]);
        Assert.EndsWith("Relu\tai.onnx/13\tsupported", lines[1]);
    }

    [Fact]
    public void Cycle_is_reported_with_its_nodes()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 1, 4)
            .Node("Add", ["x", "b"], ["a"])
            .Node("Relu", ["a"], ["b"])
            .Output("b");
        var diagnostics = OnnxTestRun.Refuse(builder.ToBytes());
        Assert.Contains(diagnostics, d => d.Id == OnnxDiagnosticIds.Cycle && d.Message.Contains("'add0'"));
    }

    [Fact]
    public void Undefined_input_names_the_node_and_tensor()
    {
        var builder = new OnnxModelBuilder().Input("x", DataType.Float, 1).Node("Add", ["x", "ghost"], ["y"]).Output("y");
        var diagnostics = OnnxTestRun.Refuse(builder.ToBytes());
        Assert.Contains(diagnostics, d => d.Id == OnnxDiagnosticIds.UndefinedTensor && d.Message.Contains("'ghost'"));
    }

    [Fact]
    public void Dynamic_dimension_is_refused_but_a_symbolic_batch_becomes_one_with_a_note()
    {
        var dynamic = new OnnxModelBuilder().SymbolicInput("x", DataType.Float, 1, "width").Node("Relu", ["x"], ["y"]).Output("y");
        Assert.Contains(OnnxTestRun.Refuse(dynamic.ToBytes()), d => d.Id == OnnxDiagnosticIds.DynamicDimension && d.Message.Contains("'width'"));

        var batch = new OnnxModelBuilder().SymbolicInput("x", DataType.Float, "N", 4).Node("Relu", ["x"], ["y"]).Output("y");
        var result = OnnxImporter.Import(batch.ToBytes(), "test.onnx");
        Assert.NotNull(result.Module);
        Assert.Equal([1, 4], result.Module!.Main.Inputs[0].Type.Shape.ToArray());
        Assert.Contains(result.Diagnostics, d => d.Id == OnnxDiagnosticIds.BatchDimensionFixed && d.Severity == MicroTvm.IR.DiagnosticSeverity.Note);
    }

    [Fact]
    public void External_data_is_refused_with_the_file_name()
    {
        var weights = new TensorProto { Name = "w", DataType = (int)DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        weights.Dims.Add(4);
        weights.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
        var builder = new OnnxModelBuilder().Input("x", DataType.Float, 4).Initializer(weights).Node("Add", ["x", "w"], ["y"]).Output("y");
        Assert.Contains(OnnxTestRun.Refuse(builder.ToBytes()), d => d.Id == OnnxDiagnosticIds.ExternalData && d.Message.Contains("weights.bin"));
    }

    [Fact]
    public void Tensor_declaring_more_elements_than_its_data_holds_is_refused()
    {
        var huge = ByteTensor("w", DataType.Float, new byte[16], 1_000_000, 1_000_000);
        var short_ = ByteTensor("v", DataType.Float, new byte[12], 4);
        var builder = new OnnxModelBuilder().Input("x", DataType.Float, 4).Initializer(huge).Initializer(short_).Node("Add", ["x", "v"], ["y"]).Output("y");
        var diagnostics = OnnxTestRun.Refuse(builder.ToBytes());
        Assert.Contains(diagnostics, d => d.Id == OnnxDiagnosticIds.TooLarge && d.Message.Contains("'w'"));
        Assert.Contains(diagnostics, d => d.Id == OnnxDiagnosticIds.TensorDataMismatch && d.Message.Contains("'v'"));
    }

    [Fact]
    public void Shape_fed_at_run_time_is_refused_as_not_constant()
    {
        var builder = new OnnxModelBuilder().Input("x", DataType.Float, 2, 3).Input("shape", DataType.Int64, 1).Node("Reshape", ["x", "shape"], ["y"]).Output("y");
        Assert.Contains(OnnxTestRun.Refuse(builder.ToBytes()), d => d.Id == OnnxDiagnosticIds.OperandNotConstant && d.Message.Contains("'shape'"));
    }

    [Fact]
    public void Unsupported_element_type_is_named()
    {
        var builder = new OnnxModelBuilder().Input("x", DataType.Double, 2).Node("Relu", ["x"], ["y"]).Output("y");
        Assert.Contains(OnnxTestRun.Refuse(builder.ToBytes()), d => d.Id == OnnxDiagnosticIds.UnsupportedElementType && d.Message.Contains("double"));
    }

    [Fact]
    public void Ill_typed_node_is_refused_naming_the_node()
    {
        var builder = new OnnxModelBuilder().Input("x", DataType.Float, 2, 3).Input("z", DataType.Float, 4).Node("Add", ["x", "z"], ["y"]).Output("y");
        Assert.Contains(OnnxTestRun.Refuse(builder.ToBytes()), d => d.Id == OnnxDiagnosticIds.InvalidOperands && d.Location!.File.Contains("add0"));
    }

    [Fact]
    public void Empty_file_has_no_graph()
    {
        var model = new ModelProto();
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        Assert.Contains(OnnxTestRun.Refuse(model.ToByteArray()), d => d.Id == OnnxDiagnosticIds.MissingGraph);
    }
}
