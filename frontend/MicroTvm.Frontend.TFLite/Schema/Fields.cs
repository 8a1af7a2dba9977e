namespace MicroTvm.Frontend.TFLite.Schema;

/// <summary>
/// Field ids of the schema.fbs tables this frontend reads and writes: a field's id is its
/// declaration index, and a union field takes two ids (its type tag, then its value).
/// </summary>
internal static class Fields
{
    public const string FileIdentifier = "TFL3";
    public const uint SchemaVersion = 3;

    public static class Model
    {
        public const int Version = 0;
        public const int OperatorCodes = 1;
        public const int Subgraphs = 2;
        public const int Description = 3;
        public const int Buffers = 4;
        public const int Metadata = 6;
    }

    public static class OperatorCode
    {
        public const int DeprecatedBuiltinCode = 0;
        public const int CustomCode = 1;
        public const int Version = 2;
        public const int BuiltinCode = 3;
    }

    public static class SubGraph
    {
        public const int Tensors = 0;
        public const int Inputs = 1;
        public const int Outputs = 2;
        public const int Operators = 3;
        public const int Name = 4;
    }

    public static class Tensor
    {
        public const int Shape = 0;
        public const int Type = 1;
        public const int Buffer = 2;
        public const int Name = 3;
        public const int Quantization = 4;
        public const int IsVariable = 5;
        public const int Sparsity = 6;
        public const int ShapeSignature = 7;
    }

    public static class QuantizationParameters
    {
        public const int Scale = 2;
        public const int ZeroPoint = 3;
        public const int DetailsType = 4;
        public const int QuantizedDimension = 6;
    }

    public static class Operator
    {
        public const int OpcodeIndex = 0;
        public const int Inputs = 1;
        public const int Outputs = 2;
        public const int BuiltinOptionsType = 3;
        public const int BuiltinOptions = 4;
    }

    public static class Buffer
    {
        public const int Data = 0;
        public const int Offset = 1;
        public const int Size = 2;
    }

    public static class Metadata
    {
        public const int Name = 0;
        public const int Buffer = 1;
    }

    public static class Conv2D
    {
        public const int Padding = 0;
        public const int StrideW = 1;
        public const int StrideH = 2;
        public const int Activation = 3;
        public const int DilationW = 4;
        public const int DilationH = 5;
    }

    public static class Conv3D
    {
        public const int Padding = 0;
        public const int StrideD = 1;
        public const int StrideW = 2;
        public const int StrideH = 3;
        public const int Activation = 4;
        public const int DilationD = 5;
        public const int DilationW = 6;
        public const int DilationH = 7;
    }

    public static class DepthwiseConv2D
    {
        public const int Padding = 0;
        public const int StrideW = 1;
        public const int StrideH = 2;
        public const int DepthMultiplier = 3;
        public const int Activation = 4;
        public const int DilationW = 5;
        public const int DilationH = 6;
    }

    public static class TransposeConv
    {
        public const int Padding = 0;
        public const int StrideW = 1;
        public const int StrideH = 2;
        public const int Activation = 3;
    }

    public static class Pool2D
    {
        public const int Padding = 0;
        public const int StrideW = 1;
        public const int StrideH = 2;
        public const int FilterWidth = 3;
        public const int FilterHeight = 4;
        public const int Activation = 5;
    }

    public static class FullyConnected
    {
        public const int Activation = 0;
        public const int WeightsFormat = 1;
        public const int KeepNumDims = 2;
    }

    /// <summary>Add, Sub, Mul, Div and Concatenation-less binary options: the activation is field 0.</summary>
    public static class Binary
    {
        public const int Activation = 0;
    }

    public static class Concatenation
    {
        public const int Axis = 0;
        public const int Activation = 1;
    }

    public static class Softmax
    {
        public const int Beta = 0;
    }

    public static class Reshape
    {
        public const int NewShape = 0;
    }

    public static class Gather
    {
        public const int Axis = 0;
        public const int BatchDims = 1;
    }

    public static class Reducer
    {
        public const int KeepDims = 0;
    }

    public static class Squeeze
    {
        public const int SqueezeDims = 0;
    }

    public static class StridedSlice
    {
        public const int BeginMask = 0;
        public const int EndMask = 1;
        public const int EllipsisMask = 2;
        public const int NewAxisMask = 3;
        public const int ShrinkAxisMask = 4;
        public const int Offset = 5;
    }

    public static class Split
    {
        public const int NumSplits = 0;
    }

    public static class LeakyRelu
    {
        public const int Alpha = 0;
    }

    public static class MirrorPad
    {
        public const int Mode = 0;
    }

    public static class SequenceLstm
    {
        public const int Activation = 0;
        public const int CellClip = 1;
        public const int ProjClip = 2;
        public const int TimeMajor = 3;
    }

    public static class BatchMatMul
    {
        public const int AdjX = 0;
        public const int AdjY = 1;
    }
}
