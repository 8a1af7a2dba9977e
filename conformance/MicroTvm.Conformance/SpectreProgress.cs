using System.Collections.Concurrent;
using MicroTvm.Conformance.Running;
using Spectre.Console;

namespace MicroTvm.Conformance;

/// <summary>The suite's progress as Spectre.Console bars, one per task (compiling, then each board).</summary>
internal sealed class SpectreProgress(ProgressContext context) : ISuiteProgress
{
    private readonly ConcurrentDictionary<string, ProgressTask> _tasks = new();

    public void Start(string task, int total) => _tasks[task] = context.AddTask(task, maxValue: Math.Max(total, 1));

    public void Advance(string task, int count) => _tasks[task].Increment(count);
}
