namespace MicroTvm.IR.Memory;

/// <summary>
/// Where one planned buffer lives: <see cref="Offset"/> bytes into pool <see cref="Pool"/>. The
/// buffer is the value <see cref="Value"/> of the main graph (a <c>kernel_call</c> result), or,
/// when <see cref="Workspace"/> is set, the workspace parameter of that name of the kernel the call
/// producing <see cref="Value"/> runs (scratch memory that lives only during that call).
/// </summary>
public sealed record BufferPlacement
{
    public BufferPlacement(string value, string? workspace, string pool, long offset)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Value = value;
        Workspace = workspace is null ? null : Kernels.KernelNames.Require(workspace, nameof(workspace));
        Pool = pool;
        Offset = offset;
    }

    public string Value { get; }

    public string? Workspace { get; }

    public string Pool { get; }

    public long Offset { get; }

    /// <summary>A readable name of the buffer: <c>%value</c> or <c>%value workspace name</c>.</summary>
    public string BufferName => Workspace is null ? $"%{Value}" : $"%{Value} workspace {Workspace}";
}
