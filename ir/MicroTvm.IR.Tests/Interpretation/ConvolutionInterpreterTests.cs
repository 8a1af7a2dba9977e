using FsCheck;
using FsCheck.Fluent;
using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class ConvolutionInterpreterTests
{
    [Fact]
    public void Conv2dWithPaddingAndBias()
    {
        // 3x3 input 1..9, 2x2 filter of ones, pads 1 on top/left only, bias 10.
        var input = Floats(F32(1, 3, 3, 1), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        var filter = Floats(F32(1, 2, 2, 1), 1, 1, 1, 1);
        var actual = RunFloats(Ops.Conv, [input, filter, Floats(F32(1), 10)], F32(1, 3, 3, 1), ("pads", Ints(1, 1, 0, 0)));
        Close([11, 13, 15, 15, 22, 26, 21, 34, 38], actual);
    }

    [Fact]
    public void Conv2dWithStrideDilationAndGroups()
    {
        // 1x4x4x2 input: channel 0 = index, channel 1 = −index; two groups of one channel each.
        var data = Enumerable.Range(0, 16).SelectMany(i => new[] { (float)i, -(float)i }).ToArray();
        var filter = Floats(F32(2, 2, 2, 1), 1, 0, 0, 1, 2, 0, 0, 0);
        var actual = RunFloats(Ops.Conv, [Floats(F32(1, 4, 4, 2), data), filter], F32(1, 1, 1, 2),
            ("strides", Ints(2, 2)), ("dilations", Ints(2, 2)), ("groups", Int(2)));
        Close([0 + 10, -0f], actual);
    }

    [Fact]
    public void Conv1dAndConv3dUseTheSameLoops()
    {
        Close([3, 5], RunFloats(Ops.Conv, [Floats(F32(1, 3, 1), 1, 2, 3), Floats(F32(1, 2, 1), 1, 1)], F32(1, 2, 1)));
        var cube = Enumerable.Range(1, 8).Select(i => (float)i).ToArray();
        Close([36], RunFloats(Ops.Conv, [Floats(F32(1, 2, 2, 2, 1), cube), Floats(F32(1, 2, 2, 2, 1), 1, 1, 1, 1, 1, 1, 1, 1)], F32(1, 1, 1, 1, 1)));
    }

    [Fact]
    public void DepthwiseWithMultiplier()
    {
        // channels (1, 10) per pixel, 2 pixels, 1x2 kernel, multiplier 2: out channel oc reads input channel oc / 2.
        var input = Floats(F32(1, 1, 2, 2), 1, 10, 2, 20);
        var filter = Floats(F32(1, 1, 2, 4), 1, 2, 3, 4, 5, 6, 7, 8);
        var actual = RunFloats(Ops.DepthwiseConv, [input, filter], F32(1, 1, 1, 4), ("depth_multiplier", Int(2)));
        Close([(1 * 1) + (2 * 5), (1 * 2) + (2 * 6), (10 * 3) + (20 * 7), (10 * 4) + (20 * 8)], actual);
    }

    [Fact]
    public void ConvTransposeScattersWithStride()
    {
        // input [1, 2] (1-d), kernel [1, 1, 1], stride 2 → output length (2−1)·2 + 2 = 4.
        var actual = RunFloats(Ops.ConvTranspose, [Floats(F32(1, 2, 1), 1, 2), Floats(F32(1, 2, 1), 1, 10)], F32(1, 4, 1), ("strides", Ints(2)));
        Close([1, 10, 2, 20], actual);
        var padded = RunFloats(Ops.ConvTranspose, [Floats(F32(1, 2, 1), 1, 2), Floats(F32(1, 3, 1), 1, 1, 1)], F32(1, 2, 1), ("pads", Ints(1, 1)));
        Close([3, 3], padded);
    }

    [Fact]
    public void ConvEqualsANaiveDirectDefinition()
    {
        var cases = from h in Gen.Choose(1, 5)
                    from w in Gen.Choose(1, 5)
                    from c in Gen.Choose(1, 3)
                    from o in Gen.Choose(1, 3)
                    from k in Gen.Choose(1, 3)
                    from s in Gen.Choose(1, 2)
                    from d in Gen.Choose(1, 2)
                    from p in Gen.Choose(0, 2)
                    from seed in Gen.Choose(0, 1000)
                    select (h, w, c, o, k, s, d, p, seed);
        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (h, w, c, o, k, s, d, p, seed) = t;
            var outH = ((h + (2 * p) - (d * (k - 1)) - 1) / s) + 1;
            var outW = ((w + (2 * p) - (d * (k - 1)) - 1) / s) + 1;
            if (outH <= 0 || outW <= 0)
            {
                return true;
            }

            var random = new Random(seed);
            var x = Enumerable.Range(0, h * w * c).Select(_ => (float)random.Next(-4, 5)).ToArray();
            var f = Enumerable.Range(0, o * k * k * c).Select(_ => (float)random.Next(-4, 5)).ToArray();
            var actual = RunFloats(Ops.Conv, [Floats(F32(1, h, w, c), x), Floats(F32(o, k, k, c), f)], F32(1, outH, outW, o),
                ("strides", Ints(s, s)), ("dilations", Ints(d, d)), ("pads", Ints(p, p, p, p)));
            for (var oy = 0; oy < outH; oy++)
                for (var ox = 0; ox < outW; ox++)
                    for (var oc = 0; oc < o; oc++)
                    {
                        float expected = 0;
                        for (var ky = 0; ky < k; ky++)
                            for (var kx = 0; kx < k; kx++)
                                for (var ic = 0; ic < c; ic++)
                                {
                                    var (iy, ix) = ((oy * s) + (ky * d) - p, (ox * s) + (kx * d) - p);
                                    var value = iy < 0 || iy >= h || ix < 0 || ix >= w ? 0 : x[(((iy * w) + ix) * c) + ic];
                                    expected += value * f[(((((oc * k) + ky) * k) + kx) * c) + ic];
                                }

                        if (actual[(((oy * outW) + ox) * o) + oc] != expected)
                        {
                            return false;
                        }
                    }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FullyConnectedMatMulAndBatchMatMul()
    {
        var input = Floats(F32(2, 3), 1, 2, 3, 4, 5, 6);
        var weights = Floats(F32(2, 3), 1, 0, 0, 0, 1, 1);
        Close([1 + 1, 5 + 1, 4 + 1, 11 + 1], RunFloats(Ops.FullyConnected, [input, weights, Floats(F32(2), 1, 1)], F32(2, 2)));
        Close([1, 5, 4, 11], RunFloats(Ops.FullyConnected, [input, weights], F32(2, 2), ("keep_num_dims", Bool(true))));
        var b = Floats(F32(3, 2), 1, 0, 0, 1, 1, 1);
        Close([4, 5, 10, 11], RunFloats(Ops.MatMul, [input, b], F32(2, 2)));
        Close([4, 5], RunFloats(Ops.MatMul, [Floats(F32(3), 1, 2, 3), b], F32(2)));
        Close([14, 32], RunFloats(Ops.MatMul, [input, Floats(F32(3), 1, 2, 3)], F32(2)));
        Close([14, 32], RunFloats(Ops.BatchMatMul, [input, Floats(F32(1, 3), 1, 2, 3)], F32(2, 1), ("adj_y", Bool(true))));
        Close([1, 4, 2, 5, 3, 6], RunFloats(Ops.BatchMatMul, [Floats(F32(2, 3), 1, 2, 3, 4, 5, 6), Floats(F32(2, 2), 1, 0, 0, 1)], F32(3, 2), ("adj_x", Bool(true))));
        var batched = RunFloats(Ops.MatMul, [Floats(F32(2, 1, 2), 1, 2, 3, 4), Floats(F32(2, 1), 1, 1)], F32(2, 1, 1));
        Close([3, 7], batched);
    }
}
