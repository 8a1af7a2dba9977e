using MicroTvm.Frontend.TFLite.FlatBuffers;

namespace MicroTvm.Frontend.TFLite.Model;

/// <summary>One operator; its builtin options stay an unread table until the op's importer reads them.</summary>
internal sealed record TfliteOperator(
    uint OpcodeIndex,
    ImmutableArray<int> Inputs,
    ImmutableArray<int> Outputs,
    byte OptionsType,
    FlatTable? Options);
