namespace MicroTvm.Frontend.TFLite.Model;

/// <summary>The decoded, structurally checked contents of a .tflite file (schema.fbs <c>Model</c>).</summary>
internal sealed record TfliteModel(
    uint Version,
    ImmutableArray<TfliteOperatorCode> OperatorCodes,
    ImmutableArray<TfliteSubgraph> Subgraphs,
    ImmutableArray<ReadOnlyMemory<byte>> Buffers,
    ImmutableArray<TfliteMetadata> Metadata);
