using System.Globalization;

namespace MicroTvm.Driver.Micro;

/// <summary>A firmware image's flash (text + data) and RAM (data + bss, arena and stack included) use, with the board's limits where it has them.</summary>
public sealed record ImageSize(string Board, long Flash, long? FlashLimit, long Ram, long? RamLimit)
{
    public bool Fits => (FlashLimit is not { } flash || Flash <= flash) && (RamLimit is not { } ram || Ram <= ram);

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"flash {Figure(Flash, FlashLimit)}, RAM {Figure(Ram, RamLimit)}");

    private static string Figure(long used, long? limit) =>
        limit is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{used:N0} of {total:N0} bytes ({100.0 * used / total:F1}%){(used > total ? " — OVER the limit" : string.Empty)}")
            : string.Create(CultureInfo.InvariantCulture, $"{used:N0} bytes (no limit)");
}
