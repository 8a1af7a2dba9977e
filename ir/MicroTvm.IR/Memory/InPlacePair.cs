namespace MicroTvm.IR.Memory;

/// <summary>
/// A kernel call whose result <see cref="Output"/> may share bytes with its operand
/// <see cref="Input"/>, which dies at that call: safe whenever the input's offset is at least
/// the output's offset plus <see cref="MinimumGap"/> bytes (0: the same offset is fine, as for
/// elementwise kernels; any gap of at least the output's size means no overlap at all).
/// </summary>
public sealed record InPlacePair(string Output, string Input, long MinimumGap);
