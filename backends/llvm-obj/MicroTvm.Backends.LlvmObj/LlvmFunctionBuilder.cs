using System.Globalization;
using System.Text;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// The body of one LLVM function as text: numbered temporaries, basic blocks with unique labels,
/// and the entry block's allocas (kept apart so that every local lives in the entry block, where
/// LLVM's mem2reg turns them into SSA values).
/// </summary>
internal sealed class LlvmFunctionBuilder
{
    private readonly StringBuilder _allocas = new();
    private readonly StringBuilder _body = new();
    private int _temporaries;
    private int _labels;

    /// <summary>Emits <c>%tN = instruction</c> and returns <c>%tN</c>.</summary>
    public string Value(string instruction)
    {
        var name = $"%t{(++_temporaries).ToString(CultureInfo.InvariantCulture)}";
        _body.Append("  ").Append(name).Append(" = ").Append(instruction).Append('\n');
        return name;
    }

    /// <summary>Emits an instruction without a result (store, br, call void, ret).</summary>
    public void Instruction(string instruction) => _body.Append("  ").Append(instruction).Append('\n');

    /// <summary>A stack slot in the entry block; returns its pointer's name.</summary>
    public string Alloca(string type, string hint)
    {
        var name = $"%v.{hint}.{(++_temporaries).ToString(CultureInfo.InvariantCulture)}";
        _allocas.Append($"  {name} = alloca {type}\n");
        return name;
    }

    /// <summary>A fresh block label (without the %).</summary>
    public string Label(string hint) => $"{hint}.{(++_labels).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The label of the block being emitted (for phi operands).</summary>
    public string CurrentBlock { get; private set; } = "entry";

    /// <summary>Starts block <paramref name="label"/>; the previous block must have ended with a terminator.</summary>
    public void Block(string label)
    {
        _body.Append(label).Append(":\n");
        CurrentBlock = label;
    }

    /// <summary>The function's blocks: the entry with its allocas, then everything emitted.</summary>
    public string Body() => $"entry:\n{_allocas}{_body}";
}
