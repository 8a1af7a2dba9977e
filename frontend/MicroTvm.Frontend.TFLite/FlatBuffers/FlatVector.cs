namespace MicroTvm.Frontend.TFLite.FlatBuffers;

/// <summary>A vector of a <see cref="FlatBuffer"/> whose extent has been checked against the file.</summary>
internal readonly struct FlatVector
{
    internal FlatVector(FlatBuffer buffer, long start, int count, int elementSize, string what)
    {
        Buffer = buffer;
        Start = start;
        Count = count;
        ElementSize = elementSize;
        What = what;
    }

    public FlatBuffer Buffer { get; }

    public long Start { get; }

    public int Count { get; }

    public int ElementSize { get; }

    public string What { get; }

    /// <summary>The raw element bytes, a window into the file (not a copy).</summary>
    public ReadOnlyMemory<byte> Bytes() => Buffer.Bytes.Slice((int)Start, Count * ElementSize);

    public FlatTable TableAt(int index) => Buffer.TableAt(Buffer.ReferenceAt(Position(index), What), $"{What}[{index}]");

    public ImmutableArray<int> ToInt32s()
    {
        Buffer.Charge(Count);
        var values = ImmutableArray.CreateBuilder<int>(Count);
        for (var i = 0; i < Count; i++)
        {
            values.Add(Buffer.ReadInt32(Position(i), What));
        }

        return values.MoveToImmutable();
    }

    public ImmutableArray<long> ToInt64s()
    {
        Buffer.Charge(Count);
        var values = ImmutableArray.CreateBuilder<long>(Count);
        for (var i = 0; i < Count; i++)
        {
            values.Add(Buffer.ReadInt64(Position(i), What));
        }

        return values.MoveToImmutable();
    }

    public ImmutableArray<float> ToSingles()
    {
        Buffer.Charge(Count);
        var values = ImmutableArray.CreateBuilder<float>(Count);
        for (var i = 0; i < Count; i++)
        {
            values.Add(Buffer.ReadSingle(Position(i), What));
        }

        return values.MoveToImmutable();
    }

    private long Position(int index) => Start + ((long)index * ElementSize);
}
