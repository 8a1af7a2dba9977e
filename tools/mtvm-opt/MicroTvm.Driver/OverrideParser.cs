using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Driver;

/// <summary>Reads <c>-D name=value</c> and <c>--pass-option pass.option=value</c>; values use the <c>.pass</c> value syntax.</summary>
internal static class OverrideParser
{
    public static ImmutableArray<KeyValuePair<string, PipelineValue>> Parameters(IEnumerable<string> defines) =>
    [
        .. defines.Select(define =>
        {
            var (name, value) = Split(define, "-D", "name=value");
            return KeyValuePair.Create(name, value);
        }),
    ];

    public static ImmutableArray<PassOptionOverride> PassOptions(IEnumerable<string> overrides) =>
    [
        .. overrides.Select(text =>
        {
            var (key, value) = Split(text, "--pass-option", "pass.option=value");
            var dot = key.LastIndexOf('.');
            if (dot <= 0 || dot == key.Length - 1)
            {
                throw new UsageException($"--pass-option '{text}': expected pass.option=value");
            }

            return new PassOptionOverride(key[..dot], key[(dot + 1)..], value);
        }),
    ];

    private static (string Key, PipelineValue Value) Split(string text, string option, string shape)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0)
        {
            throw new UsageException($"{option} '{text}': expected {shape}");
        }

        var (value, diagnostics) = PipelineParser.ParseValue(text[(equals + 1)..], option);
        return value is null
            ? throw new UsageException($"{option} '{text}': '{text[(equals + 1)..]}' is not a value ({string.Join("; ", diagnostics.Select(d => d.Message))})")
            : (text[..equals], value);
    }
}
