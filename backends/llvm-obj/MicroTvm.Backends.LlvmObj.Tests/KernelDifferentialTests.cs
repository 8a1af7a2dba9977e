using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;
using Xunit.Abstractions;

namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>
/// Random kernels (the generator the C backend's differential test uses), compiled through
/// LLVM's O2 pipeline into a host x86_64 object, linked by gcc with a C harness and run, must
/// produce exactly the bytes the kernel evaluator produces — the C backend's semantics, since
/// the evaluator is C-exact. Kernels the evaluator finds undefined are set aside; exp, log and
/// tanh are not generated (they are only as exact as the libm).
/// </summary>
public sealed class KernelDifferentialTests(ITestOutputHelper output)
{
    private const int KernelsPerBatch = 100;
    private const int Batches = 3;

    private static readonly LlvmTarget Host = LlvmTarget.Find("host")!;

    [LlvmFact("gcc")]
    public void CompiledKernelsAgreeWithTheEvaluatorBitForBit()
    {
        var batches = Gen.Choose(0, int.MaxValue).Select(seed =>
            Enumerable.Range(0, KernelsPerBatch).Select(k => RandomKernelBuilder.Build(HashCode.Combine(seed, k), $"k{k}")).ToList());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Batches), Prop.ForAll(Arb.From(batches), (List<KernelCase> batch) => RunBatch(batch, optimize: true)));
    }

    [LlvmFact("gcc")]
    public void UnoptimisedKernelsAgreeToo()
    {
        var seed = Random.Shared.Next();
        RunBatch([.. Enumerable.Range(0, KernelsPerBatch).Select(k => RandomKernelBuilder.Build(HashCode.Combine(seed, k), $"k{k}"))], optimize: false);
    }

    private void RunBatch(List<KernelCase> candidates, bool optimize)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (cases, expected) = DefinedKernels.Evaluate(candidates);
        Assert.True(cases.Count >= candidates.Count / 2, $"only {cases.Count} of {candidates.Count} random kernels are free of undefined behaviour");
        using var scratch = new ScratchDirectory();
        var ir = LlvmKernelEmitter.EmitModule(KernelHarness.Definitions(cases), Host, "kernels.ll");
        File.WriteAllBytes(scratch.File("kernels.o"), LlvmCompiler.EmitObject(ir, Host, "kernels.ll", optimize));
        File.WriteAllText(scratch.File("harness.c"), KernelHarness.Source(cases));
        output.WriteLine($"{cases.Count} kernels, LLVM {(optimize ? "O2" : "without optimisation")}: {clock.ElapsedMilliseconds} ms");
        ExternalProgram.Check("gcc", "-std=c99", "-O1", scratch.File("harness.c"), scratch.File("kernels.o"), "-o", scratch.File("harness"), "-lm");
        var actual = KernelDump.Parse(ExternalProgram.Check(scratch.File("harness")));
        foreach (var ((c, name), bytes) in expected)
        {
            var kernelCase = cases[c];
            var buffer = kernelCase.Function.FindParameter(name)!;
            Assert.True(actual.TryGetValue((c, name), out var got), $"case {c} printed no buffer '{name}'");
            if (!KernelDump.SameValues(buffer.ElementType, bytes, got))
            {
                // The summary comes last as well: a CI log that keeps only the tail still shows how to reproduce.
                var summary = new StringBuilder()
                    .AppendLine($"kernel {kernelCase.Function.Name} (RandomKernelBuilder.Build({kernelCase.Seed}, \"{kernelCase.Function.Name}\")), buffer '{name}'")
                    .AppendLine($"evaluator: {Convert.ToHexString(bytes)}")
                    .AppendLine($"LLVM:      {Convert.ToHexString(got)}")
                    .ToString();
                Assert.Fail(new StringBuilder()
                    .Append(summary)
                    .AppendLine(kernelCase.Function.ToString())
                    .AppendLine(LlvmKernelEmitter.EmitModule(KernelHarness.Definitions([kernelCase]), Host, "case.ll"))
                    .Append(summary)
                    .ToString());
            }
        }

        output.WriteLine($"agrees: {clock.ElapsedMilliseconds} ms");
    }
}
