namespace MicroTvm.Frontend.TFLite.Samples;

/// <summary>A tiny seeded generator (SplitMix64) whose sequence never changes with the runtime, so sample models are reproducible byte for byte.</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [-1, 1).</summary>
    public double NextSigned() => ((Next() >> 11) * (1.0 / (1UL << 53)) * 2) - 1;
}
