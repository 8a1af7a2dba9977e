namespace MicroTvm.Passes;

/// <summary>A counter of one pass run (the pass instance lives for one run only); safe to add to from several threads.</summary>
public sealed class PassStatistic
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);

    public void Add(long amount) => Interlocked.Add(ref _value, amount);
}
