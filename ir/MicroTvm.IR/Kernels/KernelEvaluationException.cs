namespace MicroTvm.IR.Kernels;

/// <summary>
/// A kernel did something whose C translation would be undefined (signed overflow, division by
/// zero, an out-of-range shift or float-to-integer conversion, a bool that is neither 0 nor 1) or
/// called an intrinsic outside its documented domain.
/// </summary>
public sealed class KernelEvaluationException(string message) : Exception(message);
