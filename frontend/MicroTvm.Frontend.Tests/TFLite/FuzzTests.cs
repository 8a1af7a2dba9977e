using MicroTvm.Frontend.TFLite;
using MicroTvm.Frontend.TFLite.Samples;
using MicroTvm.IR;
using Xunit.Abstractions;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>
/// Mutated real models (the corpus's when present, and the project's sample) must only ever
/// produce diagnostics: no exception, no hang (each case has a time limit), and a module only
/// when there is no error. Failures print the seed model and case number to replay.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int CasesPerModel = 1500;
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public void MutatedModelsGiveOnlyDiagnostics()
    {
        var seeds = TestPaths.CorpusTfliteModels().Select(p => (Path.GetFileName(p), File.ReadAllBytes(p)))
            .Append(("tiny_cnn.tflite", TinyCnnSample.Build()))
            .ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var imported = 0;
        var cases = seeds.SelectMany(s => Enumerable.Range(0, CasesPerModel).Select(i => (s.Item1, s.Item2, i))).ToArray();
        var slowest = (Name: string.Empty, Index: 0, Milliseconds: 0L);
        var gate = new object();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            var (name, bytes, index) = c;
            var mutated = ByteMutator.Mutate(bytes, HashCode.Combine(name.Length, index, name[0]));
            ImportResult? result = null;
            Exception? error = null;

            // A thread of its own, not the pool's: a blocked pool thread waiting on a pool task starves the pool.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var thread = new Thread(() =>
            {
                try
                {
                    result = TfliteImporter.Import(mutated, name);
                    TfliteImporter.SupportedOps(mutated, name);
                }
                catch (Exception e)
                {
                    error = e;
                }
            })
            { IsBackground = true };
            thread.Start();
            if (!thread.Join(CaseLimit))
            {
                failures.Add($"{name} case {index}: no answer within {CaseLimit.TotalSeconds} s");
                return;
            }

            lock (gate)
            {
                if (watch.ElapsedMilliseconds > slowest.Milliseconds)
                {
                    slowest = (name, index, watch.ElapsedMilliseconds);
                }
            }

            if (error is not null)
            {
                failures.Add($"{name} case {index}: {error}");
            }
            else if (result!.Module is not null)
            {
                Interlocked.Increment(ref imported);
                if (result.Diagnostics.Any(d => d.IsError))
                {
                    failures.Add($"{name} case {index}: a module came back with errors");
                }
            }
            else if (!result.Diagnostics.Any(d => d.IsError))
            {
                failures.Add($"{name} case {index}: no module and no error");
            }
        });

        output.WriteLine($"slowest: {slowest.Name} case {slowest.Index}, {slowest.Milliseconds} ms");
        output.WriteLine($"{cases.Length} cases over {seeds.Length} models; {imported} still imported");
        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.Take(5)));
    }
}
