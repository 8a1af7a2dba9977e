namespace MicroTvm.Backends.LlvmObj;

/// <summary>LLVM rejected the generated IR or could not emit it: a bug in this backend, reported with LLVM's message.</summary>
public sealed class LlvmException(string message) : Exception(message);
