using System.Text.RegularExpressions;
using MicroTvm.Driver.Firmware;
using MicroTvm.Driver.Micro;
using MicroTvm.Driver.Output;

namespace MicroTvm.Conformance.Running;

/// <summary>
/// Runs every planned run of the suite on one board with as few builds and boots as possible: one
/// project (<see cref="MicroProject"/>) holds every compiled model, one image runs the whole plan.
/// A model whose C does not build is taken out of the image (its runs fail with the compiler's
/// message); a run that faults, aborts, fails or hangs ends that boot, is reported with what the
/// firmware said, and the rest of the plan boots again.
/// </summary>
internal sealed partial class BoardRunner(string board, string directory, FirmwareSettings settings, Action<int> advance)
{
    /// <returns>A result per planned run, and per model (C name) its flash (object text + data) and RAM (inputs, outputs, pools).</returns>
    public (EntryResult[] Results, IReadOnlyDictionary<string, long> Flash, IReadOnlyDictionary<string, long> Ram) Run(IReadOnlyList<PlanEntry> plan, IReadOnlyDictionary<string, string> archives)
    {
        var results = new EntryResult?[plan.Count];
        var models = plan.Select(e => e.Model).Distinct().ToList();
        var (project, excluded) = BuildableProject(models, archives);
        foreach (var (model, reason) in excluded)
        {
            Complete(results, plan, i => plan[i].Model == model, new EntryResult($"the model's firmware does not build on {board}: {reason}", null));
        }

        if (project is null)
        {
            return ([.. results.Select(r => r!)], new Dictionary<string, long>(), new Dictionary<string, long>());
        }

        var index = project.Options.Models.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var pending = Enumerable.Range(0, plan.Count).Where(i => results[i] is null).ToList();
        while (pending.Count > 0)
        {
            var run = project.Run([.. pending.Select(i => Planned(project, index[plan[i].Model], plan[i]))], settings, TextWriter.Null);
            for (var k = 0; k < run.Results.Length; k++)
            {
                var entry = plan[pending[k]];
                var result = run.Results[k];
                results[pending[k]] = result.Succeeded
                    ? new EntryResult(entry.Run.Check(Decode(project.Models[index[entry.Model]], result.Outputs!)), result.InstructionsPerInference)
                    : new EntryResult(result.Describe(), null);
            }

            advance(run.Results.Length);
            pending = pending.Skip(Math.Max(run.Results.Length, 1)).ToList();
        }

        var ram = project.Models.ToDictionary(m => m.CName, m => m.Inputs.Concat(m.Outputs).Sum(t => t.Bytes) + m.PoolBytes, StringComparer.Ordinal);
        return ([.. results.Select(r => r!)], project.ModelFlashBytes(), ram);
    }

    /// <summary>A project of the models that build, recreating it without each model the compiler rejects.</summary>
    private (MicroProject? Project, List<(string Model, string Reason)> Excluded) BuildableProject(List<string> models, IReadOnlyDictionary<string, string> archives)
    {
        var excluded = new List<(string, string)>();
        while (models.Count > 0)
        {
            var projectDirectory = Path.Combine(directory, "project");
            if (Directory.Exists(projectDirectory))
            {
                Directory.Delete(projectDirectory, recursive: true);
            }

            var project = MicroProject.Create(board, [.. models.Select(m => archives[m])], projectDirectory);
            try
            {
                project.Flash(settings, TextWriter.Null);
                return (project, excluded);
            }
            catch (ToolException e)
            {
                var culprit = ModelPath().Match(e.Message) is { Success: true } match && models.Contains(match.Groups[1].Value) ? match.Groups[1].Value : null;
                if (culprit is null)
                {
                    excluded.AddRange(models.Select(m => (m, e.Message)));
                    return (null, excluded);
                }

                excluded.Add((culprit, string.Join("\n", e.Message.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Take(3))));
                models.Remove(culprit);
            }
        }

        return (null, excluded);
    }

    private static PlannedRun Planned(MicroProject project, int model, PlanEntry entry)
    {
        var package = project.Models[model];
        return new PlannedRun(model, [.. package.Inputs.SelectMany(i => entry.Run.Inputs[i.Name].Bytes.ToArray())]);
    }

    /// <summary>The firmware's outputs by name, in descriptor order (checks may pair them by position).</summary>
    private static Dictionary<string, TensorData> Decode(MlfPackage package, byte[] bytes)
    {
        var outputs = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        var position = 0;
        foreach (var tensor in package.Outputs)
        {
            outputs[tensor.Name] = new TensorData(tensor.Type, bytes.AsMemory(position, (int)tensor.Bytes));
            position += (int)tensor.Bytes;
        }

        return outputs;
    }

    private void Complete(EntryResult?[] results, IReadOnlyList<PlanEntry> plan, Func<int, bool> which, EntryResult result)
    {
        var count = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            if (results[i] is null && which(i))
            {
                results[i] = result;
                count++;
            }
        }

        advance(count);
    }

    [GeneratedRegex(@"models/([A-Za-z0-9_]+)/codegen/")]
    private static partial Regex ModelPath();
}
