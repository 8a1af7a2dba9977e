using FsCheck;
using FsCheck.Fluent;
using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class PoolingInterpreterTests
{
    private static readonly TensorData Grid = Floats(F32(1, 3, 3, 1), 1, 2, 3, 4, 5, 6, 7, 8, 9);

    [Fact]
    public void MaxAndAvgWithoutPadding()
    {
        Close([5, 6, 8, 9], RunFloats(Ops.MaxPool, [Grid], F32(1, 2, 2, 1), ("kernel", Ints(2, 2))));
        Close([3, 4, 6, 7], RunFloats(Ops.AvgPool, [Grid], F32(1, 2, 2, 1), ("kernel", Ints(2, 2))));
    }

    [Fact]
    public void AvgExcludesOrCountsPadding()
    {
        Close([3, 4.5f, 7.5f, 9], RunFloats(Ops.AvgPool, [Grid], F32(1, 2, 2, 1), ("kernel", Ints(2, 2)), ("strides", Ints(2, 2)), ("pads", Ints(0, 0, 1, 1))));
        Close([3, 2.25f, 3.75f, 2.25f], RunFloats(Ops.AvgPool, [Grid], F32(1, 2, 2, 1), ("kernel", Ints(2, 2)), ("strides", Ints(2, 2)), ("pads", Ints(0, 0, 1, 1)), ("count_include_pad", Bool(true))));
    }

    [Fact]
    public void CeilModeWindowsBeyondThePaddingNeverCount()
    {
        // 1-d: [1, 2, 3, 4, 5], kernel 2, stride 2, ceil mode → 3 windows, the last holds only 5.
        var row = Floats(F32(1, 5, 1), 1, 2, 3, 4, 5);
        Close([1.5f, 3.5f, 5], RunFloats(Ops.AvgPool, [row], F32(1, 3, 1), ("kernel", Ints(2)), ("strides", Ints(2)), ("ceil_mode", Bool(true))));
        Close([1.5f, 3.5f, 5], RunFloats(Ops.AvgPool, [row], F32(1, 3, 1), ("kernel", Ints(2)), ("strides", Ints(2)), ("ceil_mode", Bool(true)), ("count_include_pad", Bool(true))));
        Close([2, 4, 5], RunFloats(Ops.MaxPool, [row], F32(1, 3, 1), ("kernel", Ints(2)), ("strides", Ints(2)), ("ceil_mode", Bool(true))));
    }

    [Fact]
    public void GlobalPools()
    {
        Close([5], RunFloats(Ops.GlobalAvgPool, [Grid], F32(1, 1, 1, 1)));
        Close([9], RunFloats(Ops.GlobalMaxPool, [Grid], F32(1, 1, 1, 1)));
    }

    [Fact]
    public void PoolsEqualANaiveDefinition()
    {
        var cases = from n in Gen.Choose(1, 7)
                    from k in Gen.Choose(1, 3)
                    from s in Gen.Choose(1, 3)
                    from p in Gen.Choose(0, 1)
                    from include in Gen.Elements(true, false)
                    from seed in Gen.Choose(0, 1000)
                    select (n, k, s, p, include, seed);
        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (n, k, s, p, include, seed) = t;
            if (k <= p || n + (2 * p) < k)
            {
                return true;
            }

            var outN = ((n + (2 * p) - k) / s) + 1;
            var random = new Random(seed);
            var x = Enumerable.Range(0, n).Select(_ => (float)random.Next(-9, 10)).ToArray();
            (string, Attribute)[] attributes = [("kernel", Ints(k)), ("strides", Ints(s)), ("pads", Ints(p, p)), ("count_include_pad", Bool(include))];
            var max = RunFloats(Ops.MaxPool, [Floats(F32(1, n, 1), x)], F32(1, outN, 1), attributes);
            var avg = RunFloats(Ops.AvgPool, [Floats(F32(1, n, 1), x)], F32(1, outN, 1), attributes);
            for (var o = 0; o < outN; o++)
            {
                var taps = Enumerable.Range((o * s) - p, k).ToArray();
                var inside = taps.Where(i => i >= 0 && i < n).Select(i => x[i]).ToArray();
                var divisor = include ? taps.Count(i => i < n + p) : inside.Length;
                if (max[o] != inside.Max() || Math.Abs(avg[o] - (inside.Sum() / divisor)) > 1e-5)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
