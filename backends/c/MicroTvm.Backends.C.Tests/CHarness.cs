using System.Globalization;
using System.Text;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;
using MicroTvm.Backends.Testing;

namespace MicroTvm.Backends.C.Tests;

/// <summary>
/// One C program that runs a batch of emitted kernels on fixed inputs and prints every output
/// and workspace buffer as hex, one line per buffer: <c>&lt;case&gt; &lt;buffer&gt; &lt;hex&gt;</c>.
/// </summary>
internal static class CHarness
{
    public static string Source(IReadOnlyList<KernelCase> cases)
    {
        var text = new StringBuilder("#include <stdio.h>\n").Append(CKernelEmitter.Includes).Append('\n');
        var calls = new StringBuilder();
        for (var c = 0; c < cases.Count; c++)
        {
            var kernelCase = cases[c];
            var function = kernelCase.Function;
            var constants = kernelCase.StaticConstants.ToDictionary(name => name, name => (ReadOnlyMemory<byte>)kernelCase.Buffers[name]);
            text.Append(CKernelEmitter.Emit(function, new CEmitOptions { ConstantData = constants })).Append('\n');
            var arguments = new List<string>();
            foreach (var buffer in function.Parameters)
            {
                if (constants.ContainsKey(buffer.Name))
                {
                    continue;
                }

                var array = ArrayName(c, buffer);
                var qualifier = buffer.IsWritable ? string.Empty : "const ";
                text.Append($"static {qualifier}{CTypeName(buffer)} {array}[{buffer.Count}] = ")
                    .Append(CArrayInitializer.Render(buffer.ElementType, kernelCase.Buffers[buffer.Name])).Append(";\n");
                arguments.Add(array);
            }

            text.Append('\n');
            calls.Append($"    if ({CName(function.Name)}({string.Join(", ", arguments)}) != MTVM_OK) {{\n        return 1;\n    }}\n");
            foreach (var buffer in function.Parameters.Where(b => b.IsWritable))
            {
                calls.Append($"    dump(\"{c} {buffer.Name}\", {ArrayName(c, buffer)}, sizeof {ArrayName(c, buffer)});\n");
            }
        }

        text.Append(KernelDump.FunctionAndMainOpening);
        return text.Append(calls).Append("    return 0;\n}\n").ToString();
    }

    // Kernel and buffer names in the random cases are already C identifiers once '.' is replaced.
    private static string CName(string name) => name.Replace('.', '_');

    private static string ArrayName(int c, KernelBuffer buffer) => $"c{c}_{CName(buffer.Name)}";

    private static string CTypeName(KernelBuffer buffer) => CTypes.Name(buffer.ElementType);
}
