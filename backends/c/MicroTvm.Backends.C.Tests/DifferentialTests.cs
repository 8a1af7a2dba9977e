using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MicroTvm.Backends.Testing;
using MicroTvm.IR;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;
using Xunit.Abstractions;

namespace MicroTvm.Backends.C.Tests;

/// <summary>
/// Random kernels, emitted to C, compiled by the host gcc (optimised, and again with
/// AddressSanitizer and UBSan) and by arm-none-eabi-gcc when installed, must produce exactly
/// the bytes the kernel evaluator produces. Kernels the evaluator finds undefined are set aside.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int KernelsPerBatch = 100;
    private const int Batches = 3;

    [CompilerFact("gcc")]
    public void EmittedCAgreesWithTheEvaluatorBitForBit()
    {
        var batches = Gen.Choose(0, int.MaxValue).Select(seed =>
            Enumerable.Range(0, KernelsPerBatch).Select(k => RandomKernelBuilder.Build(HashCode.Combine(seed, k), $"k{k}")).ToList());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Batches), Prop.ForAll(Arb.From(batches), (List<KernelCase> batch) => RunBatch(batch, output)));
    }

    private static void RunBatch(List<KernelCase> candidates, ITestOutputHelper output)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var candidate in candidates)
        {
            var diagnostics = KernelVerifier.Verify(candidate.Function);
            Assert.True(diagnostics.IsEmpty, $"seed {candidate.Seed}: the generator built a kernel that does not verify:\n{string.Join("\n", diagnostics)}\n{candidate.Function}");
        }

        var (cases, expected) = DefinedKernels.Evaluate(candidates);
        Assert.True(cases.Count >= candidates.Count / 2, $"only {cases.Count} of {candidates.Count} random kernels are free of undefined behaviour");
        output.WriteLine($"{cases.Count} of {candidates.Count} kernels are free of undefined behaviour; evaluated in {clock.ElapsedMilliseconds} ms");
        using var scratch = new ScratchDirectory();
        var source = scratch.File("harness.c");
        File.WriteAllText(source, CHarness.Source(cases));
        string[] builds = [$"{CCompiler.StrictFlags} -O2", $"{CCompiler.StrictFlags} -O0 -g -fsanitize=address,undefined -fno-sanitize-recover=all"];
        for (var b = 0; b < builds.Length; b++)
        {
            var program = scratch.File($"harness{b}");
            CCompiler.Compile("gcc", source, program, builds[b], "-lm");
            var (exitCode, stdout, stderr) = CCompiler.Run(program, string.Empty);
            Assert.True(exitCode == 0, $"{builds[b]}: the harness exited with {exitCode}:\n{stderr}");
            Compare(cases, expected, KernelDump.Parse(stdout), builds[b]);
            output.WriteLine($"{builds[b]}: agrees, {clock.ElapsedMilliseconds} ms");
        }

        if (CCompiler.IsAvailable("arm-none-eabi-gcc"))
        {
            CCompiler.Compile("arm-none-eabi-gcc", source, scratch.File("harness.o"), $"-mcpu=cortex-m4 -mthumb {CCompiler.StrictFlags} -O2 -c");
            output.WriteLine($"arm-none-eabi-gcc: compiles, {clock.ElapsedMilliseconds} ms");
        }
    }

    private static void Compare(List<KernelCase> cases, Dictionary<(int, string), byte[]> expected, Dictionary<(int, string), byte[]> actual, string build)
    {
        foreach (var ((c, name), bytes) in expected)
        {
            var kernelCase = cases[c];
            var buffer = kernelCase.Function.FindParameter(name)!;
            Assert.True(actual.TryGetValue((c, name), out var got), $"{build}: case {c} printed no buffer '{name}'");
            if (!KernelDump.SameValues(buffer.ElementType, bytes, got))
            {
                var message = new StringBuilder()
                    .AppendLine($"{build}: kernel {kernelCase.Function.Name} (generator seed {kernelCase.Seed}), buffer '{name}'")
                    .AppendLine($"evaluator: {Convert.ToHexString(bytes)}")
                    .AppendLine($"C:         {Convert.ToHexString(got)}")
                    .AppendLine(kernelCase.Function.ToString())
                    .AppendLine(CKernelEmitter.Emit(kernelCase.Function));
                Assert.Fail(message.ToString());
            }
        }
    }
}
