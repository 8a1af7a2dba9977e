namespace MicroTvm.Frontend.TFLite.Schema;

/// <summary>schema.fbs <c>Padding</c>.</summary>
public enum TflitePadding : sbyte
{
    Same = 0,
    Valid = 1,
}
