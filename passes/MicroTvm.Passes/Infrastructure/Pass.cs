namespace MicroTvm.Passes;

/// <summary>
/// A transformation from module to module. The manager creates a fresh instance for every run,
/// sets its <see cref="PassOptionAttribute"/> properties from the pipeline and reads its
/// <see cref="PassStatisticAttribute"/> counters afterwards, so a pass keeps no state between
/// runs. Failures are reported as errors on the context, never thrown.
/// </summary>
public abstract class Pass
{
    public abstract Module Run(Module module, PassContext context);
}
