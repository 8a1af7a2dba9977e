namespace MicroTvm.IR;

/// <summary>
/// Operand positions of <c>unidirectional_sequence_lstm</c> (TFLite's order: per gate i, f, c, o
/// the input weights 1–4, recurrent weights 5–8, peepholes 9–11 (i, f, o), biases 12–15; then the
/// projection, the states and the layer-norm coefficients), and the gates' order, for the
/// interpreter and the lowering alike.
/// </summary>
public static class LstmOperands
{
    public const int Input = 0;
    public const int InputWeights = 1;
    public const int RecurrentWeights = 5;
    public const int PeepholeWeights = 9;
    public const int GateBias = 12;
    public const int ProjectionWeights = 16;
    public const int ProjectionBias = 17;
    public const int OutputState = 18;
    public const int CellState = 19;
    public const int LayerNorm = 20;

    public const int InputGate = 0;
    public const int ForgetGate = 1;
    public const int CellGate = 2;
    public const int OutputGate = 3;
}
