using MicroTvm.IR.Kernels;
using MicroTvm.IR.Text;

namespace MicroTvm.Passes.Tests.KernelPasses;

/// <summary>Kernels written as .mir text, and their bodies printed back as trimmed lines, for focused tests of one rewrite.</summary>
internal static class KernelText
{
    public static KernelFunction Parse(string kernel)
    {
        var parsed = ModuleParser.Parse($"{kernel}\ngraph @main(%a: tensor<1xf32>) {{\n  return %a\n}}\n", "test.mir");
        Assert.True(parsed.Module is not null, string.Join("\n", parsed.Diagnostics));
        var function = Assert.Single(parsed.Module.Kernels);
        Assert.Empty(KernelVerifier.Verify(function));
        return function;
    }

    /// <summary>The body's lines without the kernel's own first and last line, trimmed.</summary>
    public static string[] Body(KernelFunction kernel)
    {
        var lines = kernel.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();
        return lines[1..^1];
    }

    /// <summary>The rewritten kernel verifies, computes what the original does on <paramref name="buffers"/>, and its body reads as <paramref name="expected"/>.</summary>
    public static void AssertRewrite(KernelFunction before, KernelFunction after, string[] expected, IReadOnlyDictionary<string, byte[]>? buffers = null)
    {
        Assert.Equal(expected, Body(after));
        if (buffers is not null)
        {
            Assert.Null(KernelEquivalence.Check(before, after, buffers));
        }
        else
        {
            Assert.Empty(KernelVerifier.Verify(after));
        }
    }

    /// <summary>Little-endian i32 elements.</summary>
    public static byte[] I32s(params int[] values) => [.. values.SelectMany(BitConverter.GetBytes)];

    /// <summary>Little-endian f32 elements.</summary>
    public static byte[] F32s(params float[] values) => [.. values.SelectMany(BitConverter.GetBytes)];
}
