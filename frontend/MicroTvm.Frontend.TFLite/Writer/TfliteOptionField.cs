namespace MicroTvm.Frontend.TFLite.Writer;

/// <summary>One field of a builtin options table: its schema field id and its value (sbyte, bool, int, float or int[]).</summary>
public sealed record TfliteOptionField(int Id, object Value);
