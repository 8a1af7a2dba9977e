namespace MicroTvm.Frontend.TFLite.Model;

internal sealed record TfliteSubgraph(
    string? Name,
    ImmutableArray<TfliteTensor> Tensors,
    ImmutableArray<int> Inputs,
    ImmutableArray<int> Outputs,
    ImmutableArray<TfliteOperator> Operators);
