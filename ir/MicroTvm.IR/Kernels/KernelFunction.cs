using System.Runtime.CompilerServices;

namespace MicroTvm.IR.Kernels;

/// <summary>
/// One kernel: a named function over buffer parameters with a loop-nest body. It has no return
/// value; its effect is the stores to its output and workspace buffers. Equality is structural.
/// </summary>
public sealed record KernelFunction
{
    public KernelFunction(string name, ImmutableArray<KernelBuffer> parameters, Stmt body)
    {
        Name = KernelNames.Require(name, nameof(name));
        if (parameters.IsDefault)
        {
            throw new ArgumentException("parameters must not be default", nameof(parameters));
        }

        foreach (var parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter, nameof(parameters));
        }

        ArgumentNullException.ThrowIfNull(body);
        Parameters = parameters;
        Body = body;
    }

    public string Name { get; }

    public ImmutableArray<KernelBuffer> Parameters { get; }

    public Stmt Body { get; }

    /// <summary>
    /// What <see cref="KernelVerifier.Verify(KernelFunction)"/> found, once found: the kernel
    /// never changes, and every pass and the pass manager's verifier ask again about each kernel
    /// a pass leaves as it was.
    /// </summary>
    internal StrongBox<ImmutableArray<Diagnostic>>? Verdict { get; set; }

    public KernelBuffer? FindParameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }

    public bool Equals(KernelFunction? other) =>
        other is not null && Name == other.Name && Body.Equals(other.Body)
        && ImmutableArrayEquality.SequenceEqual(Parameters, other.Parameters);

    public override int GetHashCode() => HashCode.Combine(Name, ImmutableArrayEquality.Hash(Parameters), Body);

    public override string ToString() => KernelPrinter.Print(this);
}
