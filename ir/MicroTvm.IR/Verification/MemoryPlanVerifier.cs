using MicroTvm.IR.Memory;

namespace MicroTvm.IR.Verification;

/// <summary>
/// Checks a module's memory plan against its main graph (<see cref="PlannableBuffers"/>): pools
/// have unique names; every buffer that needs a place (the model's I/O too in a plan marked
/// <c>io_in_pool = true</c>) has exactly one and nothing else has one;
/// each placement names a known pool, is aligned as its kernels need (and as the pool's base
/// guarantees), fits inside the pool; and no two buffers that are live at the same step share a byte,
/// except, in a plan marked <c>in_place = true</c>, a call's result and an operand that dies at
/// that call, when the operand starts at least the gap <see cref="InPlaceAnalysis"/> proves from
/// the kernel above the result (the analysis runs again here, only for pairs that do share bytes).
/// </summary>
internal static class MemoryPlanVerifier
{
    public static void Verify(Module module, DiagnosticBag diagnostics)
    {
        if (module.MemoryPlan is not { } plan || module.Graphs.Length == 0)
        {
            return;
        }

        var pools = new Dictionary<string, MemoryPool>(StringComparer.Ordinal);
        foreach (var pool in plan.Pools)
        {
            if (!pools.TryAdd(pool.Name, pool))
            {
                diagnostics.Error(VerifierDiagnosticIds.DuplicatePool, $"memory plan: pool @{pool.Name} is declared more than once");
            }
        }

        var buffers = PlannableBuffers.Of(module).ToDictionary(b => (b.Value, b.Workspace));
        var placed = new List<(PlannableBuffer Buffer, BufferPlacement Placement)>();
        var seen = new HashSet<(string, string?)>();
        foreach (var placement in plan.Placements)
        {
            if (!seen.Add((placement.Value, placement.Workspace)))
            {
                diagnostics.Error(VerifierDiagnosticIds.DuplicatePlacement, $"memory plan: {placement.BufferName} is placed more than once");
                continue;
            }

            if (!buffers.TryGetValue((placement.Value, placement.Workspace), out var buffer))
            {
                diagnostics.Error(
                    VerifierDiagnosticIds.UnplannableBuffer,
                    plan.HoldsIo
                        ? $"memory plan: {placement.BufferName} is not a buffer of the executor (only graph inputs, kernel_call results and kernel workspaces live in pools)"
                        : $"memory plan: {placement.BufferName} is not an intermediate buffer of the executor (only kernel_call results that are not graph outputs, and kernel workspaces, live in pools unless the plan has io_in_pool = true)");
                continue;
            }

            if (!pools.TryGetValue(placement.Pool, out var pool))
            {
                diagnostics.Error(VerifierDiagnosticIds.UnknownPool, $"memory plan: {placement.BufferName} is placed in pool @{placement.Pool}, which the plan does not declare");
                continue;
            }

            CheckPlacement(buffer, placement, pool, diagnostics);
            placed.Add((buffer, placement));
        }

        foreach (var buffer in buffers.Values.Where(b => plan.Find(b.Value, b.Workspace) is null))
        {
            diagnostics.Error(VerifierDiagnosticIds.UnplacedBuffer, $"memory plan: {buffer.Name} ({buffer.Bytes} bytes) has no place");
        }

        CheckOverlaps(module, plan.Attributes.GetValueOrDefault(MemoryPlan.InPlaceAttribute) is BoolAttribute { Value: true }, placed, diagnostics);
    }

    private static void CheckPlacement(PlannableBuffer buffer, BufferPlacement placement, MemoryPool pool, DiagnosticBag diagnostics)
    {
        if (placement.Offset % buffer.Alignment != 0 || buffer.Alignment > pool.Alignment)
        {
            diagnostics.Error(
                VerifierDiagnosticIds.MisalignedPlacement,
                $"memory plan: {buffer.Name} needs {buffer.Alignment}-byte alignment but is at offset {placement.Offset} of pool @{pool.Name} (aligned to {pool.Alignment})");
        }

        if (placement.Offset + buffer.Bytes > pool.Bytes)
        {
            diagnostics.Error(
                VerifierDiagnosticIds.PlacementOutsidePool,
                $"memory plan: {buffer.Name} occupies bytes [{placement.Offset}, {placement.Offset + buffer.Bytes}) but pool @{pool.Name} has {pool.Bytes}");
        }
    }

    private static void CheckOverlaps(Module module, bool inPlace, List<(PlannableBuffer Buffer, BufferPlacement Placement)> placed, DiagnosticBag diagnostics)
    {
        for (var i = 0; i < placed.Count; i++)
        {
            for (var j = i + 1; j < placed.Count; j++)
            {
                var (a, pa) = placed[i];
                var (b, pb) = placed[j];
                var sharesBytes = pa.Pool == pb.Pool && pa.Offset < pb.Offset + b.Bytes && pb.Offset < pa.Offset + a.Bytes;
                if (sharesBytes && a.IsLiveWith(b) && !(inPlace && (InPlaceAllows(module, a, pa, b, pb) || InPlaceAllows(module, b, pb, a, pa))))
                {
                    diagnostics.Error(
                        VerifierDiagnosticIds.OverlappingPlacements,
                        $"memory plan: {a.Name} [{pa.Offset}, {pa.Offset + a.Bytes}) and {b.Name} [{pb.Offset}, {pb.Offset + b.Bytes}) share bytes of pool @{pa.Pool} while both are live (steps {Math.Max(a.FirstStep, b.FirstStep)}–{Math.Min(a.LastStep, b.LastStep)})");
                }
            }
        }
    }

    /// <summary>Whether <paramref name="result"/> may share bytes with <paramref name="input"/> under the in-place rule.</summary>
    private static bool InPlaceAllows(Module module, PlannableBuffer result, BufferPlacement resultPlace, PlannableBuffer input, BufferPlacement inputPlace)
    {
        if (result.Workspace is not null || input.Workspace is not null || input.LastStep != result.FirstStep)
        {
            return false;
        }

        var call = module.Main.Nodes[result.FirstStep];
        return call.Operands.Contains(input.Value)
            && PlannableBuffers.KernelOf(module, call) is { } kernel
            && InPlaceAnalysis.Gap(module, call, kernel, input.Value, result.Value) is { } gap
            && inputPlace.Offset - resultPlace.Offset >= gap;
    }
}
