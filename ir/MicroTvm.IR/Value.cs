namespace MicroTvm.IR;

/// <summary>
/// A named SSA value: a graph input or a node result. Names are unique within a graph and are
/// the model's own tensor names where the model has them.
/// </summary>
public sealed class Value(string name, TensorType type) : IEquatable<Value>
{
    public string Name { get; } = !string.IsNullOrEmpty(name) ? name : throw new ArgumentException("a value needs a name", nameof(name));

    public TensorType Type { get; } = type ?? throw new ArgumentNullException(nameof(type));

    public Value WithType(TensorType type) => new(Name, type);

    public Value WithName(string name) => new(name, Type);

    public bool Equals(Value? other) => other is not null && Name == other.Name && Type.Equals(other.Type);

    public override bool Equals(object? obj) => Equals(obj as Value);

    public override int GetHashCode() => HashCode.Combine(Name, Type);

    public override string ToString() => $"%{Name}: {Type}";
}
