namespace MicroTvm.Conformance.Running;

/// <summary>
/// A model compiled for the suite: its Model Library Format archive and imported module, or why
/// there is none — <see cref="Unsupported"/> (the importer or lower-to-kernels refuses it, with the
/// reason) or <see cref="Failure"/> (anything else: a compile error is a failure).
/// </summary>
internal sealed record CompiledModel(string CName, string? Archive, Module? Module, string? Unsupported, string? Failure);
