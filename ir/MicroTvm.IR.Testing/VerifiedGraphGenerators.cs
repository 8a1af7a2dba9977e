using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR;

namespace MicroTvm.IR.Testing;

/// <summary>
/// Random graphs that <see cref="Verification.ModuleVerifier"/> accepts: chains and DAGs of
/// elementwise, broadcast, conv, depthwise conv, pooling, reshape and concat ops over f32 or
/// int8-quantized tensors (per-tensor activations, per-tensor or per-channel weights, int32
/// biases), with constants. A graph is a deterministic function of a recipe of choices; the
/// arbitrary shrinks the recipe, which shrinks the graph, and prints the recipe for replay
/// with <see cref="FromRecipe"/>. For passes and the interpreter to reuse.
/// </summary>
public static class VerifiedGraphGenerators
{
    /// <summary>A graph named <c>main</c>, f32 or quantized at random.</summary>
    public static Gen<Graph> Graph() => Recipe().Select(recipe => FromRecipe(recipe));

    /// <summary>A graph whose tensors are all f32 (<paramref name="quantized"/> false) or all int8-quantized.</summary>
    public static Gen<Graph> Graph(bool quantized) => Recipe().Select(recipe => FromRecipe(recipe, quantized));

    public static Gen<Module> Module() => Graph().Select(graph => new Module([graph]));

    /// <summary>Cases that shrink towards smaller graphs and print as <c>.mir</c> with their recipe.</summary>
    public static Arbitrary<VerifiedGraphCase> Arbitrary(bool? quantized = null) =>
        Arb.From(Recipe().Select(recipe => new VerifiedGraphCase(recipe, quantized)), ShrinkCase);

    /// <summary>The graph a recipe describes; null <paramref name="quantized"/> lets the recipe choose.</summary>
    public static Graph FromRecipe(IReadOnlyList<int> recipe, bool? quantized = null, string name = IR.Module.MainGraphName) =>
        VerifiedGraphBuilder.Build(recipe, quantized, name);

    private static Gen<ImmutableArray<int>> Recipe() =>
        Gen.Sized(size => Gen.ArrayOf(Gen.Choose(0, int.MaxValue), 8 + (size * 3))).Select(choices => choices.ToImmutableArray());

    private static IEnumerable<VerifiedGraphCase> ShrinkCase(VerifiedGraphCase graphCase) =>
        ShrinkRecipe(graphCase.Recipe).Select(recipe => graphCase with { Recipe = recipe });

    /// <summary>Halve the recipe, drop one choice, or zero one choice: each makes the built graph simpler.</summary>
    private static IEnumerable<ImmutableArray<int>> ShrinkRecipe(ImmutableArray<int> recipe)
    {
        if (recipe.Length > 1)
        {
            yield return recipe[..(recipe.Length / 2)];
        }

        for (var i = recipe.Length - 1; i >= 0; i--)
        {
            yield return recipe.RemoveAt(i);
        }

        for (var i = 0; i < recipe.Length; i++)
        {
            if (recipe[i] != 0)
            {
                yield return recipe.SetItem(i, 0);
            }
        }
    }
}
