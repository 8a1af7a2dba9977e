namespace MicroTvm.IR.Interpretation;

/// <summary>
/// A node the interpreter cannot evaluate (an ill-formed graph or an unsupported combination of
/// types). Thrown inside kernels and turned into an MTVM1110 diagnostic by the interpreter; it
/// never escapes <see cref="Interpreter.Run(Module, IReadOnlyDictionary{string, TensorData})"/>.
/// </summary>
internal sealed class InterpreterFailure(string message) : Exception(message);
