using MicroTvm.IR.Kernels;
using MicroTvm.IR.Memory;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>
/// Builds the module from the syntax tree, resolving op names and checking what the grammar
/// cannot: literals, element types, attribute kinds and result counts; kernels are built (and
/// verified) by <see cref="KernelBuilder"/>. Subtrees touched by a
/// syntax error are skipped (that error is already reported); everything else is still checked,
/// so one run reports every error. Graph semantics (operand counts, types, SSA) are the verifier's.
/// </summary>
internal sealed class ModuleBuilder
{
    private static readonly string[] OpNames = [.. OpRegistry.All.Select(op => op.Name)];

    private readonly LiteralReader _literals;
    private readonly CleanSubtrees _clean;
    private readonly TypeBuilder _types;
    private readonly AttributeBuilder _attributes;
    private readonly DiagnosticBag _diagnostics;

    public ModuleBuilder(LiteralReader literals, CleanSubtrees clean, DiagnosticBag diagnostics)
    {
        _literals = literals;
        _diagnostics = diagnostics;
        _clean = clean;
        _types = new TypeBuilder(literals);
        _attributes = new AttributeBuilder(literals, new DenseBuilder(literals, _types));
    }

    /// <summary>The module, or null when anything could not be built.</summary>
    public Module? Build(MirParser.ModuleContext context)
    {
        var ok = true;
        var attributes = ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);
        if (context.moduleHeader() is { } header && _clean.IsClean(header))
        {
            var built = _attributes.Build(header.attributeDictionary(), op: null);
            ok &= built is not null;
            attributes = built ?? attributes;
        }

        var graphs = ImmutableArray.CreateBuilder<Graph>();
        foreach (var graphContext in context.graph())
        {
            var graph = Graph(graphContext);
            ok &= graph is not null;
            if (graph is not null)
            {
                graphs.Add(graph);
            }
        }

        var kernels = ImmutableArray.CreateBuilder<KernelFunction>();
        foreach (var kernelContext in context.kernel())
        {
            // A kernel with a syntax error is skipped whole: its scopes cannot be trusted.
            var kernel = _clean.IsClean(kernelContext) ? KernelBuilder.Build(kernelContext, _literals, _types, _diagnostics) : null;
            ok &= kernel is not null;
            if (kernel is not null)
            {
                kernels.Add(kernel);
            }
        }

        MemoryPlan? memoryPlan = null;
        var seenPlan = false;
        foreach (var planContext in context.memoryPlan())
        {
            if (seenPlan)
            {
                _literals.Error(TextDiagnosticIds.DuplicateMemoryPlan, "a module has at most one memory_plan", planContext.Start);
                ok = false;
                continue;
            }

            seenPlan = true;
            memoryPlan = _clean.IsClean(planContext) ? new MemoryPlanBuilder(_literals, _attributes, _clean).Build(planContext) : null;
            ok &= memoryPlan is not null;
        }

        return ok ? new Module(graphs.ToImmutable(), attributes, kernels.ToImmutable(), memoryPlan) : null;
    }

    private Graph? Graph(MirParser.GraphContext context)
    {
        var ok = _clean.IsClean(context);
        var name = context.GRAPH_NAME() is { } nameNode && _clean.IsClean(nameNode) ? _literals.Name(nameNode.Symbol) : null;
        ok &= name is not null;

        var inputs = ImmutableArray.CreateBuilder<Value>();
        foreach (var parameter in context.parameter())
        {
            var input = _clean.IsClean(parameter) ? Parameter(parameter) : null;
            ok &= input is not null;
            if (input is not null)
            {
                inputs.Add(input);
            }
        }

        var attributes = context.attributeDictionary() is { } dictionary && _clean.IsClean(dictionary)
            ? _attributes.Build(dictionary, op: null)
            : null;
        ok &= context.attributeDictionary() is null || attributes is not null;

        var nodes = ImmutableArray.CreateBuilder<Node>();
        foreach (var statement in context.statement())
        {
            var node = _clean.IsClean(statement) ? Node(statement) : null;
            ok &= node is not null;
            if (node is not null)
            {
                nodes.Add(node);
            }
        }

        var outputs = context.returnStatement() is { } returns && _clean.IsClean(returns) ? Names(returns.VALUE_NAME()) : null;
        ok &= outputs is not null;

        return ok ? new Graph(name!, inputs.ToImmutable(), nodes.ToImmutable(), outputs!.Value, attributes) : null;
    }

    private Value? Parameter(MirParser.ParameterContext context)
    {
        var name = _literals.Name(context.VALUE_NAME().Symbol);
        var type = _types.Build(context.tensorType());
        return name is not null && type is not null ? new Value(name, type) : null;
    }

    private Node? Node(MirParser.StatementContext context)
    {
        var opToken = context.opName().Start;
        var known = OpRegistry.TryFind(opToken.Text, out var op);
        if (!known)
        {
            _literals.Error(TextDiagnosticIds.UnknownOp, $"unknown op '{opToken.Text}'{Suggestions.DidYouMean(opToken.Text, OpNames)}", opToken);
        }

        var resultNames = Names(context.VALUE_NAME());
        var operands = Operands(context.operand());
        var attributes = _attributes.Build(context.attributeDictionary(), known ? op : null);
        var typeContexts = context.tensorType();
        var types = new List<TensorType?>(typeContexts.Length);
        foreach (var typeContext in typeContexts)
        {
            types.Add(_types.Build(typeContext));
        }

        var countsMatch = context.VALUE_NAME().Length == typeContexts.Length;
        if (!countsMatch)
        {
            _literals.Error(TextDiagnosticIds.ResultTypeCount, ResultTypeCountMessage(context.VALUE_NAME().Length, typeContexts.Length), context.Start);
        }

        if (!known || !countsMatch || resultNames is null || operands is null || attributes is null || types.Contains(null))
        {
            return null;
        }

        var results = ImmutableArray.CreateBuilder<Value>(types.Count);
        for (var i = 0; i < types.Count; i++)
        {
            results.Add(new Value(resultNames.Value[i], types[i]!));
        }

        return new Node(op, operands.Value, results.MoveToImmutable(), attributes, _literals.At(context.Start));
    }

    private ImmutableArray<string>? Operands(MirParser.OperandContext[] contexts)
    {
        var operands = ImmutableArray.CreateBuilder<string>(contexts.Length);
        var ok = true;
        foreach (var operand in contexts)
        {
            var name = operand.ABSENT() is not null ? string.Empty : _literals.Name(operand.VALUE_NAME().Symbol);
            ok &= name is not null;
            operands.Add(name ?? string.Empty);
        }

        return ok ? operands.MoveToImmutable() : null;
    }

    private ImmutableArray<string>? Names(Antlr4.Runtime.Tree.ITerminalNode[] tokens)
    {
        var names = ImmutableArray.CreateBuilder<string>(tokens.Length);
        var ok = true;
        foreach (var token in tokens)
        {
            var name = _literals.Name(token.Symbol);
            ok &= name is not null;
            names.Add(name ?? string.Empty);
        }

        return ok ? names.MoveToImmutable() : null;
    }

    private static string ResultTypeCountMessage(int names, int types) =>
        $"{Count(names, "result name")} but {Count(types, "result type")}; every result needs exactly one type after ':'";

    private static string Count(int count, string noun) => count switch
    {
        0 => $"no {noun}s",
        1 => $"1 {noun}",
        _ => $"{count} {noun}s",
    };
}
