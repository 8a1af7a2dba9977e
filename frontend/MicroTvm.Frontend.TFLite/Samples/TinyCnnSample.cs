using System.Buffers.Binary;
using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;
using MicroTvm.Frontend.TFLite.Writer;

namespace MicroTvm.Frontend.TFLite.Samples;

/// <summary>
/// The README's sample model, samples/tiny_cnn.tflite: a small int8 CNN with per-channel
/// weights drawn from a fixed seed.
/// <code>
/// input 1x16x16x1 → conv 3x3 ×8 (relu) → depthwise 3x3 (relu6) → max_pool 2x2 → conv 1x1 ×16 (relu)
///       → mean over H, W → fully_connected ×4 → softmax → 1x4
/// </code>
/// Scales are chosen, not calibrated: the model is for exercising the compiler, not for accuracy.
/// </summary>
public static class TinyCnnSample
{
    private const ulong Seed = 20240611;

    public static byte[] Build()
    {
        var random = new SplitMix64(Seed);
        var b = new TfliteModelBuilder { Description = "MicroTvm sample: tiny int8 CNN", SubgraphName = "tiny_cnn" };
        var input = b.AddTensor("input", TfliteElementType.Int8, [1, 16, 16, 1], TfliteQuantization.PerTensor(1f / 128, 0));

        var conv1 = Activation(b, "conv1/relu", [1, 16, 16, 8], 0.05f, -128);
        var (w1, b1) = Weights(b, random, "conv1", [8, 3, 3, 1], 0, 1f / 128);
        b.AddOperator(BuiltinOperator.CONV_2D, [input, w1, b1], [conv1], TfliteOptions.Conv2D(TflitePadding.Same, 1, 1, TfliteActivation.Relu));

        var depthwise = Activation(b, "depthwise/relu6", [1, 16, 16, 8], 6f / 255, -128);
        var (w2, b2) = Weights(b, random, "depthwise", [1, 3, 3, 8], 3, 0.05f);
        b.AddOperator(BuiltinOperator.DEPTHWISE_CONV_2D, [conv1, w2, b2], [depthwise], TfliteOptions.DepthwiseConv2D(TflitePadding.Same, 1, 1, 1, TfliteActivation.Relu6));

        var pool = Activation(b, "pool", [1, 8, 8, 8], 6f / 255, -128);
        b.AddOperator(BuiltinOperator.MAX_POOL_2D, [depthwise], [pool], TfliteOptions.Pool2D(TflitePadding.Valid, 2, 2, 2, 2));

        var conv2 = Activation(b, "conv2/relu", [1, 8, 8, 16], 0.04f, -128);
        var (w3, b3) = Weights(b, random, "conv2", [16, 1, 1, 8], 0, 6f / 255);
        b.AddOperator(BuiltinOperator.CONV_2D, [pool, w3, b3], [conv2], TfliteOptions.Conv2D(TflitePadding.Valid, 1, 1, TfliteActivation.Relu));

        var axes = b.AddInt32Constant("mean/axes", [1, 2]);
        var mean = Activation(b, "mean", [1, 16], 0.04f, -128);
        b.AddOperator(BuiltinOperator.MEAN, [conv2, axes], [mean], TfliteOptions.Reducer(false));

        var logits = Activation(b, "logits", [1, 4], 0.1f, 0);
        var (w4, b4) = Weights(b, random, "dense", [4, 16], 0, 0.04f, perChannel: false);
        b.AddOperator(BuiltinOperator.FULLY_CONNECTED, [mean, w4, b4], [logits], TfliteOptions.FullyConnected());

        var output = Activation(b, "output", [1, 4], 1f / 256, -128);
        b.AddOperator(BuiltinOperator.SOFTMAX, [logits], [output], TfliteOptions.Softmax(1));

        b.SetInputs(input);
        b.SetOutputs(output);
        return b.Build();
    }

    private static int Activation(TfliteModelBuilder b, string name, int[] shape, float scale, int zeroPoint) =>
        b.AddTensor(name, TfliteElementType.Int8, shape, TfliteQuantization.PerTensor(scale, zeroPoint));

    /// <summary>
    /// Random real weights in [-0.5, 0.5) quantized symmetrically (per output channel along
    /// <paramref name="channelAxis"/>, or per tensor), and an int32 bias at scale input × weight.
    /// </summary>
    private static (int Weights, int Bias) Weights(TfliteModelBuilder b, SplitMix64 random, string name, int[] shape, int channelAxis, float inputScale, bool perChannel = true)
    {
        var count = shape.Aggregate(1, (x, y) => x * y);
        var channels = shape[channelAxis];
        var inner = shape.Skip(channelAxis + 1).Aggregate(1, (x, y) => x * y);
        var real = Enumerable.Range(0, count).Select(_ => random.NextSigned() / 2).ToArray();
        var scales = new float[perChannel ? channels : 1];
        for (var i = 0; i < count; i++)
        {
            var s = perChannel ? (i / inner) % channels : 0;
            scales[s] = Math.Max(scales[s], (float)(Math.Abs(real[i]) / 127));
        }

        var data = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var s = perChannel ? (i / inner) % channels : 0;
            data[i] = unchecked((byte)(sbyte)Math.Clamp(Math.Round(real[i] / scales[s]), -127, 127));
        }

        var quantization = perChannel
            ? TfliteQuantization.PerChannel([.. scales], [.. new long[channels]], channelAxis)
            : TfliteQuantization.PerTensor(scales[0], 0);
        var weights = b.AddConstant($"{name}/weights", TfliteElementType.Int8, shape, data, quantization);

        var outputs = shape[channelAxis == 3 ? 3 : 0];
        var biasScales = Enumerable.Range(0, outputs).Select(c => inputScale * scales[perChannel ? c : 0]).ToArray();
        var bias = new byte[4 * outputs];
        for (var c = 0; c < outputs; c++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bias.AsSpan(4 * c), (int)Math.Round(random.NextSigned() * 0.1 / biasScales[c]));
        }

        var biasQuantization = perChannel
            ? TfliteQuantization.PerChannel([.. biasScales], [.. new long[outputs]], 0)
            : TfliteQuantization.PerTensor(biasScales[0], 0);
        return (weights, b.AddConstant($"{name}/bias", TfliteElementType.Int32, [outputs], bias, biasQuantization));
    }
}
