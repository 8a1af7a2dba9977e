using MicroTvm.IR.Memory;

namespace MicroTvm.Passes.Tests.PlanMemory;

/// <summary>
/// Random planning problems shaped like executors: lifetimes that mostly end a few steps after
/// they start (with some long skips), sizes over three orders of magnitude, alignments 1–16,
/// and some one-step workspaces.
/// </summary>
internal static class RandomBuffers
{
    public static List<PlannableBuffer> Make(Random random, int count)
    {
        var buffers = new List<PlannableBuffer>(count);
        for (var i = 0; i < count; i++)
        {
            var first = random.Next(Math.Max(1, count / 2));
            var length = random.Next(4) == 0 ? random.Next(count / 2 + 1) : random.Next(3);
            var bytes = (long)Math.Pow(2, 4 + (random.NextDouble() * 10)) + random.Next(7);
            var workspace = random.Next(6) == 0;
            buffers.Add(new PlannableBuffer($"v{i}", workspace ? "scratch" : null, bytes, 1 << random.Next(5), first, workspace ? first : first + length));
        }

        return buffers;
    }
}
