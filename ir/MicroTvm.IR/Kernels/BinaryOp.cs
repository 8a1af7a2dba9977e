namespace MicroTvm.IR.Kernels;

/// <summary>The binary operators. Operands always have the same type; see <see cref="BinaryOpExtensions"/> for which.</summary>
public enum BinaryOp
{
    Add,
    Sub,
    Mul,

    /// <summary>Integer division truncates toward zero (as C); f32 division is IEEE.</summary>
    Div,

    /// <summary>Remainder with the sign of the dividend (as C).</summary>
    Rem,
    Min,
    Max,
    Shl,

    /// <summary>Arithmetic shift right.</summary>
    Shr,
    BitAnd,
    BitOr,
    BitXor,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,

    /// <summary>Logical and of two bools. Both operands are evaluated (see docs/kernel-ir.md).</summary>
    And,

    /// <summary>Logical or of two bools. Both operands are evaluated.</summary>
    Or,
}
