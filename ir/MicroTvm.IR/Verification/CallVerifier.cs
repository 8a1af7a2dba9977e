namespace MicroTvm.IR.Verification;

/// <summary>
/// The module-level rules of <c>call</c>, which no single graph can check: the callee exists,
/// the operands match its inputs and the results its outputs (count and type), and no graph
/// reaches itself through calls (a depth-first walk over the call graph finds every cycle once).
/// </summary>
internal static class CallVerifier
{
    public static void Verify(Module module, DiagnosticBag diagnostics)
    {
        var callees = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var graph in module.Graphs)
        {
            var called = callees.TryAdd(graph.Name, []) ? callees[graph.Name] : [];
            foreach (var node in graph.Nodes.Where(node => ReferenceEquals(node.Op, Ops.Call)))
            {
                if (node.GetAttribute("callee") is not StringAttribute { Value: var name })
                {
                    continue; // the graph verifier reports the missing attribute
                }

                var place = $"graph '{graph.Name}', {(node.Results.Length > 0 ? $"%{node.Results[0].Name} = " : string.Empty)}call @{name}";
                if (module.FindGraph(name) is not { } callee)
                {
                    diagnostics.Error(VerifierDiagnosticIds.UnknownCallee, $"{place}: the module has no graph '{name}'", node.Location);
                    continue;
                }

                called.Add(name);
                CheckOperands(graph, node, callee, place, diagnostics);
                CheckResults(node, callee, place, diagnostics);
            }
        }

        ReportCycles(module, callees, diagnostics);
    }

    private static void CheckOperands(Graph graph, Node node, Graph callee, string place, DiagnosticBag diagnostics)
    {
        if (node.Operands.Length != callee.Inputs.Length)
        {
            diagnostics.Error(VerifierDiagnosticIds.CallOperandMismatch, $"{place}: passes {node.Operands.Length} operand(s) but '{callee.Name}' takes {callee.Inputs.Length}", node.Location);
            return;
        }

        for (var i = 0; i < node.Operands.Length; i++)
        {
            if (graph.Index.FindValue(node.Operands[i]) is { } value && !value.Type.Equals(callee.Inputs[i].Type))
            {
                diagnostics.Error(
                    VerifierDiagnosticIds.CallOperandMismatch,
                    $"{place}: operand {i} '%{value.Name}' is {TypeSpelling.Of(value.Type)} but input '%{callee.Inputs[i].Name}' of '{callee.Name}' is {TypeSpelling.Of(callee.Inputs[i].Type)}",
                    node.Location);
            }
        }
    }

    private static void CheckResults(Node node, Graph callee, string place, DiagnosticBag diagnostics)
    {
        if (node.Results.Length != callee.Outputs.Length)
        {
            diagnostics.Error(VerifierDiagnosticIds.CallResultMismatch, $"{place}: declares {node.Results.Length} result(s) but '{callee.Name}' returns {callee.Outputs.Length}", node.Location);
            return;
        }

        for (var i = 0; i < node.Results.Length; i++)
        {
            if (callee.Index.FindValue(callee.Outputs[i]) is { } output && !output.Type.Equals(node.Results[i].Type))
            {
                diagnostics.Error(
                    VerifierDiagnosticIds.CallResultMismatch,
                    $"{place}: result {i} '%{node.Results[i].Name}' is declared {TypeSpelling.Of(node.Results[i].Type)} but '{callee.Name}' returns {TypeSpelling.Of(output.Type)}",
                    node.Location);
            }
        }
    }

    /// <summary>Three-colour depth-first search; an edge to a graph still on the stack closes a cycle.</summary>
    private static void ReportCycles(Module module, Dictionary<string, List<string>> callees, DiagnosticBag diagnostics)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the stack, true: done
        foreach (var root in module.Graphs.Select(g => g.Name))
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            var path = new List<string> { root };
            var stack = new Stack<IEnumerator<string>>();
            state[root] = false;
            stack.Push(callees[root].GetEnumerator());
            while (stack.TryPeek(out var next))
            {
                if (!next.MoveNext())
                {
                    stack.Pop();
                    state[path[^1]] = true;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                var callee = next.Current;
                if (!state.TryGetValue(callee, out var done))
                {
                    state[callee] = false;
                    path.Add(callee);
                    stack.Push(callees[callee].GetEnumerator());
                }
                else if (!done)
                {
                    var cycle = path.Skip(path.IndexOf(callee)).Append(callee);
                    diagnostics.Error(VerifierDiagnosticIds.RecursiveCall, $"graph '{callee}' calls itself: {string.Join(" -> ", cycle.Select(n => "@" + n))}");
                }
            }
        }
    }
}
