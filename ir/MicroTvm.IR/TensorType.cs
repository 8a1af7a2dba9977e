namespace MicroTvm.IR;

/// <summary>A statically shaped tensor type, optionally quantized. Rank 0 is a scalar.</summary>
public sealed class TensorType : IEquatable<TensorType>
{
    public TensorType(ElementType elementType, ImmutableArray<int> shape, Quantization? quantization = null)
    {
        if (shape.IsDefault)
        {
            throw new ArgumentException("shape must not be default", nameof(shape));
        }

        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"dimension {dimension} is negative: shapes are static", nameof(shape));
            }
        }

        ElementType = elementType;
        Shape = shape;
        Quantization = quantization;
    }

    public ElementType ElementType { get; }

    public ImmutableArray<int> Shape { get; }

    public Quantization? Quantization { get; }

    public int Rank => Shape.Length;

    public bool IsQuantized => Quantization is not null;

    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var dimension in Shape)
            {
                count *= dimension;
            }

            return count;
        }
    }

    public long ByteSize => ElementCount * ElementType.ByteSize();

    public TensorType WithShape(ImmutableArray<int> shape) => new(ElementType, shape, Quantization);

    public TensorType WithElementType(ElementType elementType, Quantization? quantization) =>
        new(elementType, Shape, quantization);

    public TensorType WithQuantization(Quantization? quantization) => new(ElementType, Shape, quantization);

    public bool Equals(TensorType? other) =>
        other is not null
        && ElementType == other.ElementType
        && ImmutableArrayEquality.SequenceEqual(Shape, other.Shape)
        && Equals(Quantization, other.Quantization);

    public override bool Equals(object? obj) => Equals(obj as TensorType);

    public override int GetHashCode() =>
        HashCode.Combine(ElementType, ImmutableArrayEquality.Hash(Shape), Quantization);

    /// <summary>Diagnostic spelling, e.g. <c>1x28x28x8xi8</c>; the text format owns the full syntax.</summary>
    public override string ToString() =>
        Rank == 0 ? ElementType.Mnemonic() : $"{string.Join('x', Shape)}x{ElementType.Mnemonic()}";
}
