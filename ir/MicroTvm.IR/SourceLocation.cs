namespace MicroTvm.IR;

/// <summary>
/// Where something came from: a position in a text file (1-based line and column), or, with
/// <see cref="Line"/> 0, a place described in words, such as an operator of a model file.
/// </summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation InModel(string file, string place) => new($"{file}: {place}", 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
