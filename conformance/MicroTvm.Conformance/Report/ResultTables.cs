using System.Globalization;
using System.Text;
using System.Text.Json;
using MicroTvm.Conformance.Running;

namespace MicroTvm.Conformance.Report;

/// <summary>
/// The results table, case × board, as <c>results.md</c> (totals per board, the table, then every
/// failure with its first differing elements and every unsupported case with its reason) and as
/// <c>results.json</c> (one object per cell).
/// </summary>
public static class ResultTables
{
    public static void Write(SuiteResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.md"), Markdown(result));
        using var stream = File.Create(Path.Combine(directory, "results.json"));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("elapsed_seconds", Math.Round(result.Elapsed.TotalSeconds, 1));
        json.WriteStartArray("results");
        foreach (var o in result.Outcomes)
        {
            json.WriteStartObject();
            json.WriteString("case", o.Case);
            json.WriteString("board", o.Board);
            json.WriteString("status", Name(o.Status));
            Number(json, "instructions_per_inference", o.Instructions);
            Number(json, "flash_bytes", o.Flash);
            Number(json, "ram_bytes", o.Ram);
            if (o.Detail.Length > 0)
            {
                json.WriteString("detail", o.Detail);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Totals(SuiteResult result) =>
        string.Join("\n", result.Boards.Select(b => $"{b}: {result.Count(b, CaseStatus.Pass)} pass, {result.Count(b, CaseStatus.Fail)} fail, {result.Count(b, CaseStatus.Unsupported)} unsupported"));

    private static string Markdown(SuiteResult result)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# QEMU conformance results\n\n{result.Outcomes.Select(o => o.Case).Distinct().Count()} cases in {result.Elapsed.TotalMinutes:F1} minutes. A cell is status, instructions per inference, the model's flash (its object's text + data) and RAM (inputs, outputs, pools).\n\n")
            .Append("| board | pass | fail | unsupported |\n|---|---|---|---|\n");
        foreach (var board in result.Boards)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {board} | {result.Count(board, CaseStatus.Pass)} | {result.Count(board, CaseStatus.Fail)} | {result.Count(board, CaseStatus.Unsupported)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n| case | {string.Join(" | ", result.Boards)} |\n|---|{string.Concat(result.Boards.Select(_ => "---|"))}\n");
        foreach (var row in result.Outcomes.GroupBy(o => o.Case))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.Key} | {string.Join(" | ", result.Boards.Select(b => row.FirstOrDefault(o => o.Board == b) is { } o ? Cell(o) : string.Empty))} |\n");
        }

        foreach (var (title, status) in new[] { ("Failures", CaseStatus.Fail), ("Unsupported", CaseStatus.Unsupported) })
        {
            var cells = result.Outcomes.Where(o => o.Status == status).GroupBy(o => (o.Case, o.Detail)).ToList();
            text.Append(CultureInfo.InvariantCulture, $"\n## {title} ({cells.Count})\n\n");
            foreach (var cell in cells)
            {
                text.Append(CultureInfo.InvariantCulture, $"- `{cell.Key.Case}` on {string.Join(", ", cell.Select(o => o.Board))}: {cell.Key.Detail.Replace("\n", " ", StringComparison.Ordinal)}\n");
            }
        }

        return text.ToString();
    }

    private static string Cell(CaseOutcome o) => o.Status switch
    {
        CaseStatus.Pass => string.Create(CultureInfo.InvariantCulture, $"pass {o.Instructions:N0} ins, {o.Flash:N0} B flash, {o.Ram:N0} B RAM"),
        _ => Name(o.Status),
    };

    private static string Name(CaseStatus status) => status.ToString().ToLowerInvariant();

    private static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
