namespace MicroTvm.Passes.Tests.Support;

/// <summary>A pass with one option of every kind, for binding and printing tests; it records the values it ran with in a module attribute.</summary>
[Pass("test-options", "records its options in the module attributes", Description = "Test only.")]
public sealed class OptionsProbePass : Pass
{
    [PassOption("depth", "an integer")]
    public int Depth { get; set; } = 8;

    [PassOption("ratio", "a float")]
    public double Ratio { get; set; } = 0.5;

    [PassOption("enabled", "a bool")]
    public bool Enabled { get; set; } = true;

    [PassOption("label", "a string")]
    public string Label { get; set; } = "x";

    [PassOption("budget", "a byte size")]
    public ByteSize Budget { get; set; } = new(256 * 1024);

    [PassOption("kind", "an enum")]
    public TestPassKind Kind { get; set; } = TestPassKind.Plain;

    [PassOption("sizes", "a list")]
    public ImmutableArray<long> Sizes { get; set; } = [];

    [PassOption("target", "a required string", Required = true)]
    public string Target { get; set; } = string.Empty;

    [PassStatistic("num-runs", "times it ran")]
    public PassStatistic NumRuns { get; } = new();

    public override Module Run(Module module, PassContext context)
    {
        NumRuns.Increment();
        var record = $"{Depth} {Ratio} {Enabled} {Label} {Budget.Bytes} {Kind} [{string.Join(",", Sizes)}] {Target}";
        return module.WithAttributes(module.Attributes.SetItem("test.options", new StringAttribute(record)));
    }
}
