namespace MicroTvm.Passes;

/// <summary>
/// A planner's offsets (by buffer index), the bytes they need, the algorithm that produced them,
/// and, when the exact search ran, whether it proved no plan needs fewer bytes.
/// </summary>
public sealed record PlannerResult(long[] Offsets, long Bytes, PlanningAlgorithm Algorithm, bool? ProvenOptimal);
