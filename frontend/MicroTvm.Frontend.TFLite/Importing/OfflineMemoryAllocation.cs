using System.Buffers.Binary;
using MicroTvm.Frontend.TFLite.Model;

namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>
/// TFLM's <c>OfflineMemoryAllocation</c> metadata: int32 words [version, subgraph, count,
/// offset × count], one arena offset per tensor of the subgraph (-1: plan online). Kept as the
/// module attribute <see cref="AttributeName"/>: the offsets, indexed by TFLite tensor index.
/// </summary>
internal static class OfflineMemoryAllocation
{
    public const string MetadataName = "OfflineMemoryAllocation";
    public const string AttributeName = "tflite.offline_memory_allocation";
    private const int HeaderWords = 3;

    public static IntListAttribute? Read(TfliteModel model, ImportLog log)
    {
        var entry = model.Metadata.FirstOrDefault(m => m.Name == MetadataName);
        if (entry is null)
        {
            return null;
        }

        if (entry.Buffer >= model.Buffers.Length)
        {
            log.Error(TfliteDiagnosticIds.BadOfflineMemoryAllocation, $"{MetadataName} metadata refers to buffer {entry.Buffer}, but the model has {model.Buffers.Length}");
            return null;
        }

        var bytes = model.Buffers[(int)entry.Buffer].Span;
        var words = bytes.Length / 4;
        var count = words >= HeaderWords ? BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) : -1;
        var tensors = model.Subgraphs.IsEmpty ? 0 : model.Subgraphs[0].Tensors.Length;
        if (bytes.Length % 4 != 0 || words < HeaderWords || count != words - HeaderWords || count != tensors)
        {
            log.Error(TfliteDiagnosticIds.BadOfflineMemoryAllocation, $"{MetadataName} metadata ({bytes.Length} bytes) must hold 3 header words and one offset per tensor ({tensors})");
            return null;
        }

        var offsets = ImmutableArray.CreateBuilder<long>(count);
        for (var i = 0; i < count; i++)
        {
            offsets.Add(BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4 * (HeaderWords + i), 4)));
        }

        return new IntListAttribute(offsets.MoveToImmutable());
    }
}
