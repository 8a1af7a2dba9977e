using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Kernels;
using MicroTvm.Passes.Lowering;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// The kernel IR form of TFLite's int16 logistic and tanh agrees with the interpreter's on every
/// int16 input, for the input rescalings the integer LSTM uses (a power-of-two multiplier with
/// shift 0 and 1, and multiplier 3 with a rounding right shift), and its table reads verify.
/// </summary>
public sealed class Int16ActivationExprsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(3, 3)]
    public void AgreesWithTheInterpreterOnEveryInput(int multiplier, int shift)
    {
        const int count = 1 << 16;
        var input = new KernelBuffer("x", ElementType.I16, count, BufferRole.Input);
        var table = new KernelBuffer("table", ElementType.I16, 256, BufferRole.Constant);
        var logistic = new KernelBuffer("logistic", ElementType.I16, count, BufferRole.Output);
        var tanh = new KernelBuffer("tanh", ElementType.I16, count, BufferRole.Output);
        var builder = new KernelBuilder();
        var exprs = new Int16ActivationExprs(builder, table);
        builder.Loop("i", count, i =>
        {
            var x = builder.Local("v", CastTo(ElementType.I32, new Load(input, i)));
            builder.Emit(new Store(logistic, i, CastTo(ElementType.I16, exprs.Logistic(x, multiplier, shift))));
            builder.Emit(new Store(tanh, i, CastTo(ElementType.I16, exprs.Tanh(x, multiplier, shift))));
        });
        var kernel = new KernelFunction("lut", [input, table, logistic, tanh], builder.Finish());
        Assert.Empty(KernelVerifier.Verify(kernel));

        var inputs = Enumerable.Range(short.MinValue, count).Select(v => (long)v).ToArray();
        var buffers = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["x"] = TensorData.FromInt64s(new TensorType(ElementType.I16, [count]), inputs).Bytes.ToArray(),
            ["table"] = TensorData.FromInt64s(new TensorType(ElementType.I16, [256]), [.. Int16ActivationExprs.TableEntries]).Bytes.ToArray(),
            ["logistic"] = new byte[count * 2],
            ["tanh"] = new byte[count * 2],
        };
        KernelEvaluator.Run(kernel, buffers);

        for (var k = 0; k < count; k++)
        {
            var x = (short)inputs[k];
            var (expectedLogistic, expectedTanh) = (Int16Activations.Logistic(x, multiplier, shift), Int16Activations.Tanh(x, multiplier, shift));
            var (actualLogistic, actualTanh) = (BitConverter.ToInt16(buffers["logistic"], k * 2), BitConverter.ToInt16(buffers["tanh"], k * 2));
            Assert.True(expectedLogistic == actualLogistic, $"logistic({x}): expected {expectedLogistic}, got {actualLogistic}");
            Assert.True(expectedTanh == actualTanh, $"tanh({x}): expected {expectedTanh}, got {actualTanh}");
        }
    }
}
