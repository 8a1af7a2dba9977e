using MicroTvm.Frontend.TFLite.FlatBuffers;
using MicroTvm.Frontend.TFLite.Schema;

namespace MicroTvm.Frontend.TFLite.Importing.Operators;

/// <summary>Reads of an options table that may be absent, in which case every field has its schema default.</summary>
internal static class OptionReads
{
    public static int Int(this FlatTable? table, int field, int defaultValue = 0) => table?.GetInt32(field, defaultValue) ?? defaultValue;

    public static float Float(this FlatTable? table, int field, float defaultValue = 0) => table?.GetSingle(field, defaultValue) ?? defaultValue;

    public static bool Bool(this FlatTable? table, int field, bool defaultValue = false) => table?.GetBool(field, defaultValue) ?? defaultValue;

    public static sbyte SByte(this FlatTable? table, int field, sbyte defaultValue = 0) => table?.GetSByte(field, defaultValue) ?? defaultValue;

    public static ImmutableArray<int> Ints(this FlatTable? table, int field) => table?.GetInt32s(field) ?? [];

    public static TflitePadding Padding(this FlatTable? table, int field) => (TflitePadding)table.SByte(field);

    public static TfliteActivation Activation(this FlatTable? table, int field) => (TfliteActivation)table.SByte(field);
}
