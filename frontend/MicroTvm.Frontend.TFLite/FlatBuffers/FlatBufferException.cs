namespace MicroTvm.Frontend.TFLite.FlatBuffers;

/// <summary>
/// The file is not a well-formed FlatBuffer: an offset or size points outside it, or it asks for
/// more work than its length justifies. Thrown by the reader, caught at the importer's boundary
/// and reported as a diagnostic; it never leaves the assembly.
/// </summary>
internal sealed class FlatBufferException(string message) : Exception(message);
