namespace MicroTvm.Passes.Pipelines;

/// <summary><c>include "path"</c>, relative to the including file. Equality ignores the location.</summary>
public sealed record IncludeDirective(string Path, SourceLocation? Location = null)
{
    public bool Equals(IncludeDirective? other) => other is not null && Path == other.Path;

    public override int GetHashCode() => Path.GetHashCode(StringComparison.Ordinal);
}
