namespace MicroTvm.Passes;

/// <summary>
/// Where a nested pipeline (<c>each graph { … }</c>) runs: the anchor splits the module into
/// units, runs the nested steps on each as a module of its own, and puts the results back.
/// Declared with <see cref="NestingAnchorAttribute"/>; stateless like passes.
/// </summary>
public abstract class NestingAnchor
{
    /// <summary>The rebuilt module, or null as soon as <paramref name="runNested"/> fails on a unit.</summary>
    public abstract Module? Apply(Module module, Func<Module, Module?> runNested);
}
