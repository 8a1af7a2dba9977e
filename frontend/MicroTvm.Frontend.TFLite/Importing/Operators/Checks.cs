namespace MicroTvm.Frontend.TFLite.Importing.Operators;

/// <summary>Operand checks shared by the op importers; each failure names the operand and what was expected.</summary>
internal static class Checks
{
    public static void Rank(OperatorContext c, TensorType type, int rank, string role) =>
        c.Require(type.Rank == rank, TfliteDiagnosticIds.BadOperands, $"{role} must have rank {rank}, but is {type}");

    public static void Positive(OperatorContext c, ReadOnlySpan<int> values, string role)
    {
        foreach (var value in values)
        {
            c.Require(value > 0, TfliteDiagnosticIds.BadOperands, $"{role} must be positive, got {value}");
        }
    }

    /// <summary>Normalises a possibly negative axis against a rank.</summary>
    public static int Axis(OperatorContext c, long axis, int rank, string role = "axis")
    {
        var normalized = axis < 0 ? axis + rank : axis;
        c.Require(normalized >= 0 && normalized < rank, TfliteDiagnosticIds.BadOperands, $"{role} {axis} is out of range for rank {rank}");
        return (int)normalized;
    }
}
