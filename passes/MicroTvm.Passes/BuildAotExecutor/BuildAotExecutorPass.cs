using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes;

/// <summary>
/// Makes the lowered main graph the ahead-of-time executor: a straight-line list of
/// <c>kernel_call</c> steps over constants, in an order that respects every dependency, that a
/// backend turns into one run function passing every buffer explicitly. Every node must be a
/// <c>constant</c> or a <c>kernel_call</c> (anything else is reported, all at once, naming
/// <c>lower-to-kernels</c>). A graph output that no kernel writes into the application's output
/// buffer (a model input or a constant returned as is, or a value returned twice) gets a copy
/// kernel, so that every output buffer is written by exactly one step. Marks the module with
/// <c>executor = "aot"</c>, which <c>plan-memory</c> and the backends require.
/// </summary>
[Pass(
    "build-aot-executor",
    "turn the lowered main graph into the ahead-of-time executor's step list",
    Description = "Checks that the main graph holds only `constant` and `kernel_call` nodes (reporting every other node), "
        + "adds a copy kernel for each graph output that is a model input, a constant or a repeated output, and marks the module "
        + "`executor = \"aot\"`. Backends emit one run function from it, calling the kernels in order with every buffer passed explicitly.")]
public sealed class BuildAotExecutorPass : Pass
{
    /// <summary>The module attribute naming the executor the main graph is built for.</summary>
    public const string ExecutorAttribute = "executor";

    public const string AotExecutor = "aot";

    [PassStatistic("num-steps", "kernel calls the run function makes")]
    public PassStatistic NumSteps { get; } = new();

    [PassStatistic("num-output-copies", "copy kernels added for outputs no kernel writes")]
    public PassStatistic NumOutputCopies { get; } = new();

    public static bool IsBuilt(Module module) =>
        module.Attributes.GetValueOrDefault(ExecutorAttribute) is StringAttribute { Value: AotExecutor };

    public override Module Run(Module module, PassContext context)
    {
        var main = module.Main;
        var unlowered = main.Nodes.Where(n => !ReferenceEquals(n.Op, Ops.Constant) && !ReferenceEquals(n.Op, Ops.KernelCall)).ToList();
        foreach (var node in unlowered)
        {
            var name = node.Results.Length > 0 ? $"%{node.Results[0].Name} = " : string.Empty;
            context.Error(
                PassDiagnosticIds.NotLowered,
                $"build-aot-executor: {name}{node.Op.Name} in graph '{main.Name}' is not lowered to a kernel; run lower-to-kernels first",
                node.Location);
        }

        if (unlowered.Count > 0)
        {
            return module;
        }

        var (graph, copies) = AddOutputCopies(module, main);
        NumSteps.Add(graph.Nodes.Count(n => ReferenceEquals(n.Op, Ops.KernelCall)));
        NumOutputCopies.Add(copies.Length);
        return module.WithGraph(graph)
            .WithKernels([.. module.Kernels, .. copies])
            .WithAttributes(module.Attributes.SetItem(ExecutorAttribute, new StringAttribute(AotExecutor)));
    }

    private static (Graph Graph, ImmutableArray<KernelFunction> Copies) AddOutputCopies(Module module, Graph main)
    {
        var written = main.Nodes.Where(n => ReferenceEquals(n.Op, Ops.KernelCall)).SelectMany(n => n.Results).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var names = new NameAllocator(main, module);
        var nodes = main.Nodes.ToBuilder();
        var outputs = main.Outputs.ToBuilder();
        var copies = ImmutableArray.CreateBuilder<KernelFunction>();
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            if (written.Contains(output) && claimed.Add(output))
            {
                continue;
            }

            var type = main.Index.FindValue(output)!.Type;
            var kernel = CopyKernel(names.Kernel($"copy_{output}"), type.ElementType, (int)type.ElementCount);
            var result = names.Value($"{output}_copy");
            copies.Add(kernel);
            nodes.Add(new Node(
                Ops.KernelCall,
                [output],
                [new Value(result, type)],
                ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, IR.Attribute>("kernel", new StringAttribute(kernel.Name))])));
            outputs[i] = result;
            claimed.Add(result);
        }

        return (main.WithNodes(nodes.ToImmutable()).WithOutputs(outputs.ToImmutable()), copies.ToImmutable());
    }

    private static KernelFunction CopyKernel(string name, ElementType elementType, int count)
    {
        var source = new KernelBuffer("source", elementType, count, BufferRole.Input);
        var destination = new KernelBuffer("destination", elementType, count, BufferRole.Output);
        var index = new Var("i", ElementType.I32);
        return new KernelFunction(name, [source, destination], new For(index, count, new Store(destination, index, new Load(source, index))));
    }

    /// <summary>Fresh value and kernel names: the wanted name, else with the smallest free numeric suffix.</summary>
    private sealed class NameAllocator(Graph main, Module module)
    {
        private readonly HashSet<string> _values = [.. main.Inputs.Select(v => v.Name), .. main.Nodes.SelectMany(n => n.Results).Select(r => r.Name)];
        private readonly HashSet<string> _kernels = [.. module.Kernels.Select(k => k.Name)];

        public string Value(string wanted) => Take(_values, wanted);

        public string Kernel(string wanted) =>
            Take(_kernels, string.Concat(wanted.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_')));

        private static string Take(HashSet<string> taken, string wanted)
        {
            var name = wanted;
            for (var suffix = 1; !taken.Add(name); suffix++)
            {
                name = $"{wanted}_{suffix}";
            }

            return name;
        }
    }
}
