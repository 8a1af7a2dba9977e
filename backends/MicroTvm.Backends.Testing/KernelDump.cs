using System.Buffers.Binary;
using System.Globalization;

namespace MicroTvm.Backends.Testing;

/// <summary>
/// How the backends' kernel harnesses report buffers: a C <c>dump</c> function printing one line
/// <c>&lt;case&gt; &lt;buffer&gt; &lt;hex bytes&gt;</c> per buffer, and the parser of those lines.
/// </summary>
public static class KernelDump
{
    /// <summary>The C function, followed by the opening of <c>main</c>, for a harness to append its calls and <c>return 0; }</c> to.</summary>
    public const string FunctionAndMainOpening = """

        static void dump(const char* label, const void* data, unsigned long size)
        {
            const unsigned char* bytes = (const unsigned char*)data;
            unsigned long i;
            printf("%s ", label);
            for (i = 0; i < size; ++i) {
                printf("%02x", bytes[i]);
            }
            printf("\n");
        }

        int main(void)
        {

        """;

    /// <summary>Parses the program's output into (case, buffer) → bytes.</summary>
    public static Dictionary<(int Case, string Buffer), byte[]> Parse(string output)
    {
        var result = new Dictionary<(int, string), byte[]>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            result[(int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1])] = Convert.FromHexString(parts.Length > 2 ? parts[2] : string.Empty);
        }

        return result;
    }

    /// <summary>Bit equality of two dumps of one buffer, except that any two f32 NaNs match (C and .NET may pick different payloads).</summary>
    public static bool SameValues(ElementType type, byte[] expected, byte[] actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (type != ElementType.F32 || expected.Length != actual.Length)
        {
            return expected.AsSpan().SequenceEqual(actual);
        }

        for (var i = 0; i < expected.Length; i += 4)
        {
            var e = BinaryPrimitives.ReadSingleLittleEndian(expected.AsSpan(i));
            var a = BinaryPrimitives.ReadSingleLittleEndian(actual.AsSpan(i));
            if (!(float.IsNaN(e) && float.IsNaN(a)) && BitConverter.SingleToInt32Bits(e) != BitConverter.SingleToInt32Bits(a))
            {
                return false;
            }
        }

        return true;
    }
}
