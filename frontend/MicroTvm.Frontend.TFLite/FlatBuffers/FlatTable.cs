namespace MicroTvm.Frontend.TFLite.FlatBuffers;

/// <summary>
/// A table of a <see cref="FlatBuffer"/>: fields are found through its vtable by field id (the
/// declaration order in the schema, where a union takes two ids: its type, then its value).
/// Absent fields read as the schema's default.
/// </summary>
internal readonly struct FlatTable
{
    private readonly long _vtable;
    private readonly int _vtableSize;
    private readonly int _inlineSize;

    internal FlatTable(FlatBuffer buffer, long position, long vtable, int vtableSize, int inlineSize, string what)
    {
        Buffer = buffer;
        Position = position;
        _vtable = vtable;
        _vtableSize = vtableSize;
        _inlineSize = inlineSize;
        What = what;
    }

    public FlatBuffer Buffer { get; }

    public long Position { get; }

    /// <summary>What the table is, for error messages ("operator 3 options").</summary>
    public string What { get; }

    public bool Has(int field) => FieldPosition(field, 1) is not null;

    public byte GetByte(int field, byte defaultValue = 0) =>
        FieldPosition(field, 1) is { } p ? Buffer.ReadByte(p, Describe(field)) : defaultValue;

    public sbyte GetSByte(int field, sbyte defaultValue = 0) => unchecked((sbyte)GetByte(field, unchecked((byte)defaultValue)));

    public bool GetBool(int field, bool defaultValue = false) =>
        FieldPosition(field, 1) is { } p ? Buffer.ReadByte(p, Describe(field)) != 0 : defaultValue;

    public int GetInt32(int field, int defaultValue = 0) =>
        FieldPosition(field, 4) is { } p ? Buffer.ReadInt32(p, Describe(field)) : defaultValue;

    public uint GetUInt32(int field, uint defaultValue = 0) =>
        FieldPosition(field, 4) is { } p ? Buffer.ReadUInt32(p, Describe(field)) : defaultValue;

    public long GetInt64(int field, long defaultValue = 0) =>
        FieldPosition(field, 8) is { } p ? Buffer.ReadInt64(p, Describe(field)) : defaultValue;

    public float GetSingle(int field, float defaultValue = 0) =>
        FieldPosition(field, 4) is { } p ? Buffer.ReadSingle(p, Describe(field)) : defaultValue;

    public string? GetString(int field) =>
        FieldPosition(field, 4) is { } p ? Buffer.StringAt(Buffer.ReferenceAt(p, Describe(field)), Describe(field)) : null;

    public FlatTable? GetTable(int field) =>
        FieldPosition(field, 4) is { } p ? Buffer.TableAt(Buffer.ReferenceAt(p, Describe(field)), Describe(field)) : null;

    public FlatVector? GetVector(int field, int elementSize) =>
        FieldPosition(field, 4) is { } p ? Buffer.VectorAt(Buffer.ReferenceAt(p, Describe(field)), elementSize, Describe(field)) : null;

    /// <summary>The elements of an int vector field; empty when absent.</summary>
    public ImmutableArray<int> GetInt32s(int field) => GetVector(field, 4)?.ToInt32s() ?? [];

    private long? FieldPosition(int field, int size)
    {
        var slot = 4 + (2 * field);
        if (slot + 2 > _vtableSize)
        {
            return null;
        }

        var offset = (ushort)Buffer.ReadInt16(_vtable + slot, Describe(field));
        if (offset == 0)
        {
            return null;
        }

        if (offset + size > _inlineSize)
        {
            throw new FlatBufferException($"{Describe(field)}: field offset {offset} lies outside the table's {_inlineSize} bytes");
        }

        return Position + offset;
    }

    private string Describe(int field) => $"{What} field {field}";
}
