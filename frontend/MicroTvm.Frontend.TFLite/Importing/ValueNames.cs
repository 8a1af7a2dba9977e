using MicroTvm.Frontend.TFLite.Model;

namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>
/// Value names: each tensor keeps its TFLite name (unnamed ones become <c>tensor_N</c>; a
/// repeated name gets the tensor index appended), and values the importer adds get fresh names
/// derived from the tensor they serve.
/// </summary>
internal sealed class ValueNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly string[] _tensorNames;

    public ValueNames(ImmutableArray<TfliteTensor> tensors)
    {
        _tensorNames = new string[tensors.Length];
        for (var i = 0; i < tensors.Length; i++)
        {
            var name = string.IsNullOrEmpty(tensors[i].Name) ? $"tensor_{i}" : tensors[i].Name!;
            _tensorNames[i] = Fresh(_used.Contains(name) ? $"{name}_{i}" : name);
        }
    }

    public string OfTensor(int index) => _tensorNames[index];

    public string Fresh(string baseName)
    {
        var name = baseName;
        for (var suffix = 1; !_used.Add(name); suffix++)
        {
            name = $"{baseName}_{suffix}";
        }

        return name;
    }
}
