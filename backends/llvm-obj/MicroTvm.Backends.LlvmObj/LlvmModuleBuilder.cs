using System.Globalization;
using System.Text;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// Collects one LLVM IR module as text: type definitions, globals, function definitions, the
/// external declarations they need (each once), the fixed-point helpers on demand, metadata
/// nodes and the module flags that make the object's ABI attributes match gcc's for the target
/// (wchar_t of 4 bytes; on ARM the small enums of arm-none-eabi-gcc; on RISC-V the ilp32f ABI).
/// Every function and data array gets its own section, as gcc's <c>-ffunction-sections
/// -fdata-sections</c> would, so the firmware's <c>--gc-sections</c> drops what is unused.
/// </summary>
internal sealed class LlvmModuleBuilder(LlvmTarget target)
{
    private readonly StringBuilder _types = new();
    private readonly StringBuilder _globals = new();
    private readonly StringBuilder _functions = new();
    private readonly SortedDictionary<string, string> _declarations = new(StringComparer.Ordinal);
    private readonly SortedSet<FixedPointHelper> _helpers = [];
    private readonly List<string?> _metadata = [];
    private readonly HashSet<string> _globalNames = new(StringComparer.Ordinal);

    public LlvmTarget Target => target;

    public string SizeType => target.SizeType;

    /// <summary>A global symbol name not taken yet: <paramref name="name"/>, or with the smallest free suffix _2, _3, ….</summary>
    public string ClaimGlobal(string name)
    {
        var unique = name;
        for (var suffix = 2; !_globalNames.Add(unique); suffix++)
        {
            unique = $"{name}_{suffix}";
        }

        return unique;
    }

    public void AddType(string line) => _types.Append(line).Append('\n');

    public void AddGlobal(string text) => _globals.Append(text).Append('\n');

    public void AddFunction(string text) => _functions.Append(text).Append('\n');

    /// <summary>Declares an external function once, e.g. <c>float @expf(float)</c>.</summary>
    public void Declare(string name, string declaration) => _declarations.TryAdd(name, declaration);

    /// <summary>Asks for a helper of mtvm/fixed_point.h (and the helpers it calls); returns its name.</summary>
    public string Helper(FixedPointHelper helper)
    {
        _helpers.Add(helper);
        foreach (var dependency in FixedPointFunctions.Dependencies(helper))
        {
            _helpers.Add(dependency);
        }

        foreach (var (name, declaration) in FixedPointFunctions.Declarations(helper, target.HasDsp))
        {
            Declare(name, declaration);
        }

        return FixedPointFunctions.Name(helper);
    }

    /// <summary>A data array in its own read-only section.</summary>
    public void AddConstantBytes(string name, ReadOnlySpan<byte> bytes, int alignment)
    {
        AddGlobal($"{LlvmTypes.Global(name)} = internal constant [{bytes.Length} x i8] {LlvmTypes.Bytes(bytes)}, section \".rodata.{name}\", align {alignment}");
    }

    /// <summary>Reserves a metadata node number, to be defined with <see cref="DefineMetadata"/> (self-references need the number first).</summary>
    public int ReserveMetadata()
    {
        _metadata.Add(null);
        return _metadata.Count - 1;
    }

    public void DefineMetadata(int id, string text) => _metadata[id] = text;

    public string Metadata(string text)
    {
        var id = ReserveMetadata();
        DefineMetadata(id, text);
        return $"!{id.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The whole module's text.</summary>
    public string Build(string moduleName)
    {
        var flags = new List<string> { Metadata("!{i32 1, !\"wchar_size\", i32 4}") };
        if (target.ElfMachine == LlvmTarget.MachineArm)
        {
            flags.Add(Metadata("!{i32 1, !\"min_enum_size\", i32 1}"));
        }

        if (target.Abi is { } abi)
        {
            flags.Add(Metadata($"!{{i32 1, !\"target-abi\", !\"{abi}\"}}"));
        }

        var text = new StringBuilder()
            .Append($"; ModuleID = '{moduleName}'\n")
            .Append($"source_filename = \"{moduleName}\"\n\n");
        if (target.IsArmHardFloat)
        {
            // Tag_ABI_VFP_args (28) = 1, "VFP registers", as gcc's -mfloat-abi=hard objects say: GNU ld
            // refuses to link objects that disagree. LLVM 14 emits it only when the target machine's
            // float ABI is hard, which the C API cannot set.
            text.Append("module asm \".eabi_attribute 28, 1\"\n\n");
        }

        text
            .Append(_types).Append('\n')
            .Append(_globals).Append('\n');
        foreach (var helper in _helpers)
        {
            text.Append(FixedPointFunctions.Definition(helper, target.HasDsp)).Append('\n');
        }

        text.Append(_functions);
        foreach (var declaration in _declarations.Values)
        {
            text.Append("declare ").Append(declaration).Append('\n');
        }

        text.Append("\nattributes #0 = { nounwind }\n");
        text.Append("attributes #1 = { alwaysinline nounwind readnone }\n\n");
        text.Append($"!llvm.module.flags = !{{{string.Join(", ", flags)}}}\n");
        for (var i = 0; i < _metadata.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"!{i} = {_metadata[i] ?? throw new InvalidOperationException($"metadata !{i} was reserved but never defined")}\n");
        }

        return text.ToString();
    }
}
