using System.Collections.Immutable;
using MicroTvm.IR;
using MicroTvm.IR.Text;

namespace MicroTvm.IR.Testing;

/// <summary>One generated graph together with the recipe that rebuilds it.</summary>
public sealed record VerifiedGraphCase(ImmutableArray<int> Recipe, bool? Quantized)
{
    public Graph Graph => VerifiedGraphGenerators.FromRecipe(Recipe, Quantized);

    public Module Module => new([Graph]);

    /// <summary>The replay line and the module as <c>.mir</c> text, ready to paste into a test.</summary>
    public override string ToString() =>
        $"VerifiedGraphGenerators.FromRecipe([{string.Join(", ", Recipe)}], {(Quantized is { } q ? q.ToString().ToLowerInvariant() : "null")})\n{ModulePrinter.Print(Module)}";
}
