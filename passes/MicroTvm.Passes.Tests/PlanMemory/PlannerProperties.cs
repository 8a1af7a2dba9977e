using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Memory;

namespace MicroTvm.Passes.Tests.PlanMemory;

/// <summary>
/// Every algorithm on random planning problems (with and without in-place pairs): every offset
/// aligned; no two buffers live together closer than their separation allows (so no overlap
/// except an in-place output at most its gap below its input); the size is the highest end and
/// at least the bound; best is no worse than any single algorithm; and on problems small enough
/// to try every order, a finished exact search equals the best first-fit order and says so.
/// </summary>
public sealed class PlannerProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(60);

    private static readonly PlanningAlgorithm[] Algorithms = Enum.GetValues<PlanningAlgorithm>();

    [Fact]
    public void EveryAlgorithmGivesAValidPlan() =>
        Check.One(Config, Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (seed, count) =>
        {
            var problem = Problem(seed, count);
            var results = Algorithms.ToDictionary(a => a, a => BufferPlanner.Plan(problem, a, new PlannerOptions { ExactTimeLimitMs = 20 }));
            var problems = results.Select(r => Problem(problem, r.Value) is { } p ? $"{r.Key}: {p}" : null).Where(p => p is not null).ToList();
            if (results[PlanningAlgorithm.Best].Bytes > results.Values.Where(r => r.Algorithm != PlanningAlgorithm.Exact).Min(r => r.Bytes))
            {
                problems.Add("best is worse than one of the heuristics");
            }

            return (problems.Count == 0).Label($"replay: seed {seed}, {count} buffers\n{string.Join("\n", problems)}");
        }));

    [Fact]
    public void AFinishedExactSearchIsOptimal() =>
        Check.One(Config, Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var problem = Problem(seed, 6);
            var exact = BufferPlanner.Plan(problem, PlanningAlgorithm.Exact, new PlannerOptions { ExactTimeLimitMs = 10_000, ExactNodeLimit = long.MaxValue });
            var best = Permutations([.. Enumerable.Range(0, 6)]).Min(order => FirstFit.Place(problem, order).Bytes);
            return (exact.Bytes == best && exact.ProvenOptimal == true).Label($"replay: seed {seed}: exact {exact.Bytes} ({exact.ProvenOptimal}), every order {best}");
        }));

    /// <summary>Random buffers, and for some seeds in-place pairs between buffers that meet at one step, with random gaps.</summary>
    private static PlacementProblem Problem(int seed, int count)
    {
        var random = new Random(seed);
        var buffers = RandomBuffers.Make(random, count);
        var pairs = new List<InPlacePair>();
        if (random.Next(2) == 0)
        {
            foreach (var output in buffers.Where(b => b.Workspace is null))
            {
                foreach (var input in buffers.Where(b => b.Workspace is null && b.LastStep == output.FirstStep && b != output))
                {
                    pairs.Add(new InPlacePair(output.Value, input.Value, random.Next((int)output.Bytes)));
                }
            }
        }

        return new PlacementProblem(buffers, pairs);
    }

    private static string? Problem(PlacementProblem problem, PlannerResult result)
    {
        var buffers = problem.Buffers;
        for (var i = 0; i < buffers.Count; i++)
        {
            if (result.Offsets[i] % buffers[i].Alignment != 0 || result.Offsets[i] < 0)
            {
                return $"{buffers[i].Name} at {result.Offsets[i]} is not {buffers[i].Alignment}-aligned";
            }

            foreach (var conflict in problem.Conflicts[i])
            {
                var (mine, theirs) = (result.Offsets[i], result.Offsets[conflict.Other]);
                if (!(mine + conflict.Above <= theirs || theirs + conflict.Below <= mine))
                {
                    return $"{buffers[i].Name} at {mine} and {buffers[conflict.Other].Name} at {theirs} are too close";
                }

                var shareBytes = mine < theirs + buffers[conflict.Other].Bytes && theirs < mine + buffers[i].Bytes;
                if (shareBytes && problem.InPlaceCount == 0)
                {
                    return $"{buffers[i].Name} and {buffers[conflict.Other].Name} overlap without in-place pairs";
                }
            }
        }

        var end = buffers.Select((b, i) => result.Offsets[i] + b.Bytes).DefaultIfEmpty(0).Max();
        return end != result.Bytes ? $"size {result.Bytes} but the highest end is {end}"
            : result.Bytes < problem.LowerBound ? $"size {result.Bytes} below the bound {problem.LowerBound}"
            : null;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
