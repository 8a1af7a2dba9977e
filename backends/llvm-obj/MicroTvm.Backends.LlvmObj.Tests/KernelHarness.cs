using System.Globalization;
using System.Text;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;

namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>
/// A batch of random kernels as one LLVM module of exported functions <c>k&lt;i&gt;</c>, and one C
/// program that calls each on the case's buffers (byte arrays aligned as the buffers ask) and
/// prints every output and workspace buffer as hex: <c>&lt;case&gt; &lt;buffer&gt; &lt;hex&gt;</c>.
/// </summary>
internal static class KernelHarness
{
    public static string Symbol(int c) => $"k{c}";

    public static IEnumerable<LlvmKernelDefinition> Definitions(IReadOnlyList<KernelCase> cases) =>
        cases.Select((kernelCase, c) => new LlvmKernelDefinition(
            kernelCase.Function,
            Symbol(c),
            kernelCase.StaticConstants.ToDictionary(name => name, name => (ReadOnlyMemory<byte>)kernelCase.Buffers[name])));

    public static string Source(IReadOnlyList<KernelCase> cases)
    {
        var text = new StringBuilder("#include <stdint.h>\n#include <stdio.h>\n\n");
        var calls = new StringBuilder();
        for (var c = 0; c < cases.Count; c++)
        {
            var kernelCase = cases[c];
            var passed = kernelCase.Function.Parameters.Where(b => !kernelCase.StaticConstants.Contains(b.Name)).ToList();
            text.Append($"void {Symbol(c)}({(passed.Count == 0 ? "void" : string.Join(", ", passed.Select(_ => "void*")))});\n");
            for (var b = 0; b < passed.Count; b++)
            {
                var bytes = kernelCase.Buffers[passed[b].Name];
                text.Append(CultureInfo.InvariantCulture, $"static uint8_t c{c}_b{b}[{bytes.Length}] __attribute__((aligned({Math.Max(passed[b].Alignment, 8)}))) = {{ ")
                    .Append(string.Join(",", bytes.Select(x => x.ToString(CultureInfo.InvariantCulture))))
                    .Append(" };\n");
            }

            calls.Append($"    {Symbol(c)}({string.Join(", ", passed.Select((_, b) => $"c{c}_b{b}"))});\n");
            for (var b = 0; b < passed.Count; b++)
            {
                if (passed[b].IsWritable)
                {
                    calls.Append($"    dump(\"{c} {passed[b].Name}\", c{c}_b{b}, sizeof c{c}_b{b});\n");
                }
            }
        }

        text.Append(KernelDump.FunctionAndMainOpening);
        return text.Append(calls).Append("    return 0;\n}\n").ToString();
    }
}
