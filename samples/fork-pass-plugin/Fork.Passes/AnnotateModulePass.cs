using MicroTvm.IR;
using MicroTvm.Passes;

namespace Fork.Passes;

/// <summary>
/// Stamps a string attribute on the module, as a fork might record its build or target
/// variant in the Model Library Format metadata.
/// </summary>
[Pass("fork-annotate-module", "set a string attribute on the module", Description = "Sample plugin pass: records key = value in the module attributes.")]
public sealed class AnnotateModulePass : Pass
{
    [PassOption("key", "the attribute name", Required = true)]
    public string Key { get; set; } = string.Empty;

    [PassOption("value", "the attribute value")]
    public string Value { get; set; } = "fork";

    [PassStatistic("num-annotated", "attributes set")]
    public PassStatistic NumAnnotated { get; } = new();

    public override Module Run(Module module, PassContext context)
    {
        NumAnnotated.Increment();
        return module.WithAttributes(module.Attributes.SetItem(Key, new StringAttribute(Value)));
    }
}
