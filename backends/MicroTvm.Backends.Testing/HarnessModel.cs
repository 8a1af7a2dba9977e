using MicroTvm.Backends.C;
using MicroTvm.IR.Executor;

namespace MicroTvm.Backends.Testing;

/// <summary>
/// One generated model for <see cref="TypedApiHarness"/>: its C files (the header is always used;
/// the source is compiled unless <see cref="Object"/> holds the model's code as a host object),
/// its interface and its inputs' bytes in interface order.
/// </summary>
public sealed record HarnessModel(CModelFiles Code, ModelInterface Interface, IReadOnlyList<byte[]> Inputs, byte[]? Object = null);
