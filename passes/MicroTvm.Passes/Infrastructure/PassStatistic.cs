namespace MicroTvm.Passes;

/// <summary>A counter of one pass run (the pass instance lives for one run only).</summary>
public sealed class PassStatistic
{
    public long Value { get; private set; }

    public void Increment() => Value++;

    public void Add(long amount) => Value += amount;
}
