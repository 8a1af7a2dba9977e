using MicroTvm.Frontend.TFLite.Schema;

namespace MicroTvm.Frontend.TFLite.Model;

internal sealed record TfliteTensor(
    string? Name,
    ImmutableArray<int> Shape,
    ImmutableArray<int> ShapeSignature,
    TfliteElementType Type,
    uint Buffer,
    TfliteQuantization? Quantization,
    bool IsVariable,
    bool IsSparse);
