using System.Globalization;
using System.Security;
using System.Text;

namespace MicroTvm.Driver.Memory;

/// <summary>
/// <c>--memory-plot</c>: an SVG per pool of time (steps, left to right) × address (offset, bottom
/// to top), one rectangle per buffer with its name as a tooltip, the pool's peak step shaded and
/// the lower bound drawn as a dashed line. Self-contained, so any browser shows it.
/// </summary>
internal static class MemoryPlot
{
    private const double Width = 900;
    private const double PanelHeight = 360;
    private const double Margin = 60;

    public static string Svg(PlanFigures figures)
    {
        var culture = CultureInfo.InvariantCulture;
        var height = Margin + (figures.Pools.Length * (PanelHeight + Margin));
        var svg = new StringBuilder();
        svg.Append(culture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width + (2 * Margin)}\" height=\"{Math.Max(height, 2 * Margin)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(culture, $"<text x=\"{Margin}\" y=\"20\">{Escape($"{figures.Algorithm}: {figures.PlannedBytes:N0} B planned, lower bound {figures.LowerBound:N0} B, gap {figures.GapPercent:F2} %")}</text>\n");
        var steps = Math.Max(1, figures.Steps);
        var stepWidth = Width / steps;
        for (var p = 0; p < figures.Pools.Length; p++)
        {
            var (pool, peak) = figures.Pools[p];
            var top = Margin + (p * (PanelHeight + Margin));
            var bytes = Math.Max(1, Math.Max(pool.Bytes, figures.LowerBound));
            double Y(long address) => top + PanelHeight - (PanelHeight * address / bytes);
            svg.Append(culture, $"<text x=\"{Margin}\" y=\"{top - 8}\">pool {Escape(pool.Name)}: {pool.Bytes:N0} B (address, up) × step (right)</text>\n");
            svg.Append(culture, $"<rect x=\"{Margin}\" y=\"{top}\" width=\"{Width}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#444\"/>\n");
            svg.Append(culture, $"<rect x=\"{Margin + (peak * stepWidth):F1}\" y=\"{top}\" width=\"{stepWidth:F1}\" height=\"{PanelHeight}\" fill=\"#fdd\"><title>peak at step {peak}</title></rect>\n");
            svg.Append(culture, $"<text x=\"{Margin + (peak * stepWidth):F1}\" y=\"{top + PanelHeight + 14}\" fill=\"#c00\">peak: step {peak}</text>\n");
            var colour = 0;
            foreach (var row in figures.Rows.Where(r => r.Placement.Pool == pool.Name))
            {
                var x = Margin + (row.Buffer.FirstStep * stepWidth);
                // Model outputs in the pool outlive the run (LastStep is one past the last step): drawn to the right edge.
                var w = (Math.Min(row.Buffer.LastStep, steps - 1) - row.Buffer.FirstStep + 1) * stepWidth;
                var hue = colour++ * 67 % 360;
                svg.Append(culture, $"<rect x=\"{x:F1}\" y=\"{Y(row.End):F1}\" width=\"{w:F1}\" height=\"{Y(row.Placement.Offset) - Y(row.End):F1}\" fill=\"hsl({hue},60%,70%)\" fill-opacity=\"0.8\" stroke=\"#222\" stroke-width=\"0.5\">")
                    .Append(culture, $"<title>{Escape($"{row.Buffer.Name}: {row.Buffer.Bytes:N0} B at {row.Placement.Offset:N0}, steps {row.Buffer.FirstStep}–{row.Buffer.LastStep}")}</title></rect>\n");
            }

            if (figures.Pools.Length == 1)
            {
                svg.Append(culture, $"<line x1=\"{Margin}\" x2=\"{Margin + Width}\" y1=\"{Y(figures.LowerBound):F1}\" y2=\"{Y(figures.LowerBound):F1}\" stroke=\"#00c\" stroke-dasharray=\"6 4\"><title>lower bound {figures.LowerBound:N0} B</title></line>\n");
            }
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
