using MicroTvm.Frontend.TFLite.Schema;
using F = MicroTvm.Frontend.TFLite.Schema.Fields;

namespace MicroTvm.Frontend.TFLite.Writer;

/// <summary>
/// A builtin options table for <see cref="TfliteModelBuilder"/>: the union member and its
/// fields. The factories cover the options the importer reads; the constructor writes anything
/// (tests use it to write wrong or odd options).
/// </summary>
public sealed record TfliteOptions(BuiltinOptionsType Type, ImmutableArray<TfliteOptionField> Fields)
{
    public static TfliteOptions Conv2D(TflitePadding padding, int strideH, int strideW, TfliteActivation activation = TfliteActivation.None, int dilationH = 1, int dilationW = 1) =>
        Of(BuiltinOptionsType.Conv2DOptions, (F.Conv2D.Padding, (sbyte)padding), (F.Conv2D.StrideW, strideW), (F.Conv2D.StrideH, strideH),
            (F.Conv2D.Activation, (sbyte)activation), (F.Conv2D.DilationW, dilationW), (F.Conv2D.DilationH, dilationH));

    public static TfliteOptions DepthwiseConv2D(TflitePadding padding, int strideH, int strideW, int depthMultiplier, TfliteActivation activation = TfliteActivation.None, int dilationH = 1, int dilationW = 1) =>
        Of(BuiltinOptionsType.DepthwiseConv2DOptions, (F.DepthwiseConv2D.Padding, (sbyte)padding), (F.DepthwiseConv2D.StrideW, strideW),
            (F.DepthwiseConv2D.StrideH, strideH), (F.DepthwiseConv2D.DepthMultiplier, depthMultiplier), (F.DepthwiseConv2D.Activation, (sbyte)activation),
            (F.DepthwiseConv2D.DilationW, dilationW), (F.DepthwiseConv2D.DilationH, dilationH));

    public static TfliteOptions TransposeConv(TflitePadding padding, int strideH, int strideW, TfliteActivation activation = TfliteActivation.None) =>
        Of(BuiltinOptionsType.TransposeConvOptions, (F.TransposeConv.Padding, (sbyte)padding), (F.TransposeConv.StrideW, strideW),
            (F.TransposeConv.StrideH, strideH), (F.TransposeConv.Activation, (sbyte)activation));

    public static TfliteOptions Conv3D(TflitePadding padding, int strideD, int strideH, int strideW, TfliteActivation activation = TfliteActivation.None) =>
        Of(BuiltinOptionsType.Conv3DOptions, (F.Conv3D.Padding, (sbyte)padding), (F.Conv3D.StrideD, strideD), (F.Conv3D.StrideW, strideW),
            (F.Conv3D.StrideH, strideH), (F.Conv3D.Activation, (sbyte)activation), (F.Conv3D.DilationD, 1), (F.Conv3D.DilationW, 1), (F.Conv3D.DilationH, 1));

    public static TfliteOptions Pool2D(TflitePadding padding, int strideH, int strideW, int filterH, int filterW, TfliteActivation activation = TfliteActivation.None) =>
        Of(BuiltinOptionsType.Pool2DOptions, (F.Pool2D.Padding, (sbyte)padding), (F.Pool2D.StrideW, strideW), (F.Pool2D.StrideH, strideH),
            (F.Pool2D.FilterWidth, filterW), (F.Pool2D.FilterHeight, filterH), (F.Pool2D.Activation, (sbyte)activation));

    public static TfliteOptions FullyConnected(TfliteActivation activation = TfliteActivation.None, bool keepNumDims = false) =>
        Of(BuiltinOptionsType.FullyConnectedOptions, (F.FullyConnected.Activation, (sbyte)activation), (F.FullyConnected.KeepNumDims, keepNumDims));

    public static TfliteOptions BatchMatMul(bool adjX, bool adjY) =>
        Of(BuiltinOptionsType.BatchMatMulOptions, (F.BatchMatMul.AdjX, adjX), (F.BatchMatMul.AdjY, adjY));

    /// <summary>Options of ADD, SUB, MUL or DIV, which hold only the fused activation.</summary>
    public static TfliteOptions Binary(BuiltinOptionsType type, TfliteActivation activation) =>
        Of(type, (F.Binary.Activation, (sbyte)activation));

    public static TfliteOptions Softmax(float beta) => Of(BuiltinOptionsType.SoftmaxOptions, (F.Softmax.Beta, beta));

    public static TfliteOptions LeakyRelu(float alpha) => Of(BuiltinOptionsType.LeakyReluOptions, (F.LeakyRelu.Alpha, alpha));

    public static TfliteOptions Concatenation(int axis, TfliteActivation activation = TfliteActivation.None) =>
        Of(BuiltinOptionsType.ConcatenationOptions, (F.Concatenation.Axis, axis), (F.Concatenation.Activation, (sbyte)activation));

    public static TfliteOptions Reshape(int[] newShape) => Of(BuiltinOptionsType.ReshapeOptions, (F.Reshape.NewShape, newShape));

    public static TfliteOptions Reducer(bool keepDims) => Of(BuiltinOptionsType.ReducerOptions, (F.Reducer.KeepDims, keepDims));

    public static TfliteOptions Squeeze(int[] dims) => Of(BuiltinOptionsType.SqueezeOptions, (F.Squeeze.SqueezeDims, dims));

    public static TfliteOptions Split(int count) => Of(BuiltinOptionsType.SplitOptions, (F.Split.NumSplits, count));

    public static TfliteOptions SplitV(int count) => Of(BuiltinOptionsType.SplitVOptions, (F.Split.NumSplits, count));

    public static TfliteOptions Gather(int axis, int batchDims = 0) => Of(BuiltinOptionsType.GatherOptions, (F.Gather.Axis, axis), (F.Gather.BatchDims, batchDims));

    public static TfliteOptions StridedSlice(int beginMask = 0, int endMask = 0, int shrinkAxisMask = 0, int ellipsisMask = 0, int newAxisMask = 0, bool offset = false) =>
        Of(BuiltinOptionsType.StridedSliceOptions, (F.StridedSlice.BeginMask, beginMask), (F.StridedSlice.EndMask, endMask), (F.StridedSlice.EllipsisMask, ellipsisMask),
            (F.StridedSlice.NewAxisMask, newAxisMask), (F.StridedSlice.ShrinkAxisMask, shrinkAxisMask), (F.StridedSlice.Offset, offset));

    public static TfliteOptions MirrorPad(bool symmetric) => Of(BuiltinOptionsType.MirrorPadOptions, (F.MirrorPad.Mode, (sbyte)(symmetric ? 1 : 0)));

    public static TfliteOptions UnidirectionalSequenceLstm(TfliteActivation activation, float cellClip, float projClip, bool timeMajor) =>
        Of(BuiltinOptionsType.UnidirectionalSequenceLSTMOptions, (F.SequenceLstm.Activation, (sbyte)activation), (F.SequenceLstm.CellClip, cellClip),
            (F.SequenceLstm.ProjClip, projClip), (F.SequenceLstm.TimeMajor, timeMajor));

    private static TfliteOptions Of(BuiltinOptionsType type, params (int Id, object Value)[] fields) =>
        new(type, [.. fields.Select(f => new TfliteOptionField(f.Id, f.Value))]);
}
