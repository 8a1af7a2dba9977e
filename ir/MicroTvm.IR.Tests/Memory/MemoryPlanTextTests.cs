using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Memory;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;

namespace MicroTvm.IR.Tests.Memory;

/// <summary>
/// The memory plan in the .mir text: hand-written plans print exactly as written and parse back
/// equal, and random (not necessarily valid) plans attached to random modules round-trip.
/// ModuleGenerators has no memory-plan hook, so the property attaches its own plans.
/// </summary>
public sealed class MemoryPlanTextTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    // Several pools, quoted pool names, workspace names that must be quoted (reserved words,
    // a leading '.') or that are keywords usable bare, a placement in an undeclared pool and
    // a huge offset: the text does not judge the plan.
    private const string OddPlan = HandPlannedModule.Graph + "\n" + """
        memory_plan {note = "a b", "odd key" = [1, 2]} {
          pool @sram {alignment = 1, bytes = 0}
          pool @"dtcm 0" {alignment = 1073741824, bytes = 9223372036854775807}
          %"a b" workspace "true" = @"dtcm 0"[9223372036854775807]
          %"a b" workspace ".x" = @sram[0]
          %"a b" workspace in = @sram[8]
          %"q;\"\\" workspace _scratch.1 = @nowhere[3]
        }

        """;

    public static TheoryData<string> CanonicalTexts => new()
    {
        // The syntax of docs/text-format.md: plan attributes, a quoted value name and a workspace.
        HandPlannedModule.Graph + "\n" + """
            memory_plan {algorithm = "greedy-by-size", lower_bound_bytes = 4096} {
              pool @workspace {alignment = 16, bytes = 4096}
              %"conv1/relu" = @workspace[0]
              %lstm workspace state = @workspace[1024]
            }

            """,

        // No attributes, no pools, no placements.
        HandPlannedModule.Graph + "\nmemory_plan {\n}\n",

        OddPlan,

        // A whole lowered module: graph, kernels, then the plan.
        HandPlannedModule.Graph + "\n" + HandPlannedModule.Kernels + "\n" + HandPlannedModule.ValidPlan,
    };

    [Theory]
    [MemberData(nameof(CanonicalTexts))]
    public void CanonicalTextPrintsAsWrittenAndParsesBackEqual(string text)
    {
        var module = HandPlannedModule.Parse(text);
        Assert.NotNull(module.MemoryPlan);
        var printed = ModulePrinter.Print(module);
        Assert.Equal(text, printed);
        Assert.Equal(module, HandPlannedModule.Parse(printed));
    }

    [Fact]
    public void ParsesThePlanIntoPoolsPlacementsAndAttributes()
    {
        var plan = HandPlannedModule.Parse(OddPlan).MemoryPlan!;
        Assert.Equal<MemoryPool>([new MemoryPool("sram", 0, 1), new MemoryPool("dtcm 0", long.MaxValue, 1 << 30)], plan.Pools);
        Assert.Equal<BufferPlacement>(
            [
                new BufferPlacement("a b", "true", "dtcm 0", long.MaxValue),
                new BufferPlacement("a b", ".x", "sram", 0),
                new BufferPlacement("a b", "in", "sram", 8),
                new BufferPlacement("q;\"\\", "_scratch.1", "nowhere", 3),
            ],
            plan.Placements);
        Assert.Equal(["note", "odd key"], plan.Attributes.Keys);
        Assert.Equal(new StringAttribute("a b"), plan.Attributes["note"]);
        Assert.Equal(new MemoryPool("dtcm 0", long.MaxValue, 1 << 30), plan.FindPool("dtcm 0"));
        Assert.Null(plan.FindPool("nowhere"));
        Assert.Equal(new BufferPlacement("a b", "in", "sram", 8), plan.Find("a b", "in"));
        Assert.Null(plan.Find("a b"));
    }

    [Fact]
    public void PrintsAConstructedPlanInTheDocumentedForm()
    {
        var plan = new MemoryPlan(
            [new MemoryPool("workspace", 4096, 16)],
            [new BufferPlacement("conv1/relu", null, "workspace", 0), new BufferPlacement("lstm", "state", "workspace", 1024)],
            ImmutableSortedDictionary.CreateRange(
                StringComparer.Ordinal,
                [
                    KeyValuePair.Create<string, Attribute>("lower_bound_bytes", new IntAttribute(4096)),
                    KeyValuePair.Create<string, Attribute>("algorithm", new StringAttribute("greedy-by-size")),
                ]));
        var printed = ModulePrinter.Print(new Module([], memoryPlan: plan));
        Assert.Equal(
            """
            memory_plan {algorithm = "greedy-by-size", lower_bound_bytes = 4096} {
              pool @workspace {alignment = 16, bytes = 4096}
              %"conv1/relu" = @workspace[0]
              %lstm workspace state = @workspace[1024]
            }

            """,
            printed);
    }

    [Fact]
    public void APlanBeforeTheGraphsParsesToTheSameModule()
    {
        var planFirst = HandPlannedModule.Parse(HandPlannedModule.ValidPlan + HandPlannedModule.Graph + HandPlannedModule.Kernels);
        Assert.Equal(HandPlannedModule.WithPlan(HandPlannedModule.ValidPlan), planFirst);
    }

    [Fact]
    public void ThePlanTakesPartInModuleEqualityAndSurvivesCopies()
    {
        var planned = HandPlannedModule.WithPlan(HandPlannedModule.ValidPlan);
        var plan = planned.MemoryPlan!;
        Assert.NotEqual(planned, planned.WithMemoryPlan(null));
        Assert.NotEqual(planned, planned.WithMemoryPlan(new MemoryPlan(plan.Pools, plan.Placements.SetItem(3, new BufferPlacement("c", null, "workspace", 16)), plan.Attributes)));
        Assert.NotEqual(planned, planned.WithMemoryPlan(new MemoryPlan(plan.Pools, plan.Placements.Reverse().ToImmutableArray(), plan.Attributes)));
        Assert.NotEqual(planned, planned.WithMemoryPlan(new MemoryPlan([new MemoryPool("workspace", 112, 8)], plan.Placements, plan.Attributes)));
        Assert.NotEqual(
            planned,
            planned.WithMemoryPlan(new MemoryPlan(plan.Pools, plan.Placements, plan.Attributes.Add("algorithm", new StringAttribute("x")))));
        Assert.Equal(plan, planned.WithGraph(planned.Main).WithGraphs(planned.Graphs).WithKernels(planned.Kernels).WithAttributes(planned.Attributes).MemoryPlan);
    }

    [Fact]
    public void RandomPlansOnRandomModulesRoundTrip() =>
        Prop.ForAll(Arb.From(PlannedModule(), ShrinkPlanned).Convert(m => new PlannedCase(m), c => c.Module), RoundTrips).Check(Config);

    private static bool RoundTrips(PlannedCase testCase)
    {
        var text = ModulePrinter.Print(testCase.Module);
        var result = ModuleParser.Parse(text, "roundtrip.mir");
        if (result.Module is null)
        {
            throw new InvalidOperationException("the printed module does not parse:\n"
                + string.Join('\n', result.Diagnostics.Select(d => DiagnosticFormatter.Format(d, text))));
        }

        Assert.Equal(text, ModulePrinter.Print(result.Module));
        Assert.Equal(testCase.Module.MemoryPlan, result.Module.MemoryPlan);
        return result.Module.Equals(testCase.Module);
    }

    private static Gen<Module> PlannedModule() =>
        from module in ModuleGenerators.Module()
        from plan in Plan()
        select module.WithMemoryPlan(plan);

    private static Gen<MemoryPlan> Plan() =>
        from poolCount in Gen.Choose(0, 3)
        from pools in Gen.ListOf(Pool(), poolCount)
        from placementCount in Gen.Choose(0, 6)
        from placements in Gen.ListOf(Placement(), placementCount)
        from attributes in ModuleGenerators.Attributes(op: null)
        select new MemoryPlan([.. pools], [.. placements], attributes);

    private static Gen<MemoryPool> Pool() =>
        from name in ModuleGenerators.Name()
        from bytes in NonNegative()
        from log2 in Gen.Choose(0, 30)
        select new MemoryPool(name, bytes, 1 << log2);

    private static Gen<BufferPlacement> Placement() =>
        from value in ModuleGenerators.Name()
        from workspace in Gen.Frequency((2, Gen.Constant<string?>(null)), (1, WorkspaceName()))
        from pool in ModuleGenerators.Name()
        from offset in NonNegative()
        select new BufferPlacement(value, workspace, pool, offset);

    /// <summary>Kernel IR buffer names (the only names a workspace has): bare, keywords usable bare, and ones that must be quoted.</summary>
    private static Gen<string?> WorkspaceName() =>
        Gen.Elements<string?>("t", "scratch_0", "a.b", ".x", "_", "true", "false", "inf", "nan", "cast", "saturate", "in", "workspace", "for", "q", "axis", "memory_plan");

    private static Gen<long> NonNegative() =>
        Gen.Frequency(
            (3, Gen.Choose(0, 5000).Select(v => (long)v)),
            (1, ModuleGenerators.Int64().Select(v => v == long.MinValue ? long.MaxValue : Math.Abs(v))));

    /// <summary>Drop a pool, a placement or the attributes, or shrink the module under the same plan.</summary>
    private static IEnumerable<Module> ShrinkPlanned(Module module)
    {
        var plan = module.MemoryPlan!;
        for (var i = 0; i < plan.Pools.Length; i++)
        {
            yield return module.WithMemoryPlan(new MemoryPlan(plan.Pools.RemoveAt(i), plan.Placements, plan.Attributes));
        }

        for (var i = 0; i < plan.Placements.Length; i++)
        {
            yield return module.WithMemoryPlan(new MemoryPlan(plan.Pools, plan.Placements.RemoveAt(i), plan.Attributes));
        }

        if (plan.Attributes.Count > 0)
        {
            yield return module.WithMemoryPlan(new MemoryPlan(plan.Pools, plan.Placements));
        }

        foreach (var smaller in ModuleGenerators.Shrink(module.WithMemoryPlan(null)))
        {
            yield return smaller.WithMemoryPlan(plan);
        }
    }

    /// <summary>Shows a failing case as ready-to-paste .mir text (FsCheck prints it after the replay seed).</summary>
    private sealed record PlannedCase(Module Module)
    {
        public override string ToString() => "\n" + ModulePrinter.Print(Module);
    }
}
