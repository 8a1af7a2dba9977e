namespace MicroTvm.Conformance.Cases;

/// <summary>The first samples of a 16-bit PCM RIFF/WAVE file.</summary>
internal static class Wave
{
    public static long[] FirstSamples(string path, long count)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, position, 4);
            var size = BitConverter.ToInt32(bytes, position + 4);
            if (id == "data")
            {
                if (size < count * 2)
                {
                    throw new InvalidDataException($"{path} has {size / 2} samples, fewer than {count}");
                }

                return [.. Enumerable.Range(0, (int)count).Select(i => (long)BitConverter.ToInt16(bytes, position + 8 + (2 * i)))];
            }

            position += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk");
    }
}
