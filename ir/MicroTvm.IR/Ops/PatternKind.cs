namespace MicroTvm.IR;

/// <summary>How an op may fuse with its neighbours (TVM's op patterns), ordered from most to least fusable.</summary>
public enum PatternKind
{
    /// <summary>Output element i depends only on input element i.</summary>
    Elementwise,

    /// <summary>Elementwise after broadcasting the operands to one shape.</summary>
    Broadcast,

    /// <summary>Each output element is some input element (reshape, transpose, slice, concat …).</summary>
    Injective,

    /// <summary>A commutative reduction over some axes (sum, mean, max …).</summary>
    CommutativeReduce,

    /// <summary>Complex op whose output can take fused elementwise consumers (conv, fully-connected).</summary>
    OutElementwiseFusable,

    /// <summary>Groups several values (split's results).</summary>
    Tuple,

    /// <summary>Never fused (softmax, LSTM, constants).</summary>
    Opaque,
}
