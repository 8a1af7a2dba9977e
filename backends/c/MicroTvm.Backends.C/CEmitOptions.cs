namespace MicroTvm.Backends.C;

/// <summary>How <see cref="CKernelEmitter"/> renders a kernel.</summary>
public sealed record CEmitOptions
{
    /// <summary>Emit a <c>static</c> function (the default) or one with external linkage.</summary>
    public bool Static { get; init; } = true;

    /// <summary>The C function's name; null derives it from the kernel's name.</summary>
    public string? FunctionName { get; init; }

    /// <summary>
    /// Contents of constant buffers, by buffer name, as little-endian element bytes. Each becomes
    /// a file-scope <c>static const</c> array (aligned as the buffer asks) named
    /// <c>&lt;kernel&gt;_&lt;buffer&gt;</c>, and leaves the parameter list. Constants without data stay parameters.
    /// </summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> ConstantData { get; init; } =
        new Dictionary<string, ReadOnlyMemory<byte>>();

    /// <summary>Parameters that may share memory with another (an in-place memory plan): declared without <c>restrict</c>.</summary>
    public IReadOnlySet<string> MayAlias { get; init; } = new HashSet<string>();
}
