using System.Buffers.Binary;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>
/// Seeded mutations of a model file: flipped bits, overwritten words (with values that make
/// offsets and lengths interesting), truncation, and inserted or deleted bytes.
/// </summary>
internal static class ByteMutator
{
    private static readonly int[] InterestingWords = [0, 1, -1, 4, 8, 0x7FFFFFFF, int.MinValue, 0xFFFF, 0x10000, 3, 127, 128, 255, -128];

    public static byte[] Mutate(byte[] original, int seed)
    {
        var random = new Random(seed);
        var bytes = (byte[])original.Clone();
        var mutations = 1 + random.Next(4);
        for (var m = 0; m < mutations && bytes.Length > 0; m++)
        {
            switch (random.Next(6))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 2 when bytes.Length >= 4:
                    // Words at 4-aligned positions are where offsets, lengths and indices live.
                    var position = random.Next(bytes.Length / 4) * 4;
                    var word = random.Next(2) == 0 ? InterestingWords[random.Next(InterestingWords.Length)] : random.Next(-64, bytes.Length + 64);
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(position), word);
                    break;
                case 3:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 4:
                    var at = random.Next(bytes.Length);
                    var length = 1 + random.Next(8);
                    bytes = [.. bytes[..at], .. new byte[length], .. bytes[at..]];
                    break;
                default:
                    var from = random.Next(bytes.Length);
                    bytes = [.. bytes[..from], .. bytes[Math.Min(bytes.Length, from + 1 + random.Next(8))..]];
                    break;
            }
        }

        return bytes;
    }
}
