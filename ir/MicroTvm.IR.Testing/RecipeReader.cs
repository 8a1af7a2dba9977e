namespace MicroTvm.IR.Testing;

/// <summary>
/// Reads the choices a random graph is built from. Past the end every choice is 0, the
/// simplest option, so shrinking a recipe (shortening it, zeroing entries) shrinks the graph.
/// </summary>
internal sealed class RecipeReader(IReadOnlyList<int> recipe)
{
    private int _cursor;

    /// <summary>A choice in [0, bound).</summary>
    public int Next(int bound) => _cursor < recipe.Count ? (int)((uint)recipe[_cursor++] % (uint)bound) : 0;

    /// <summary>A choice in [low, high].</summary>
    public int Between(int low, int high) => low + Next(high - low + 1);

    public bool Chance(int outOf) => Next(outOf) == outOf - 1;

    public T Pick<T>(IReadOnlyList<T> options) => options[Next(options.Count)];
}
