namespace MicroTvm.IR;

/// <summary>"Did you mean …?" for misspelt names: the closest candidate by edit distance.</summary>
public static class Suggestions
{
    /// <summary>
    /// The candidate nearest to <paramref name="name"/> (optimal string alignment distance:
    /// insertions, deletions, substitutions and adjacent swaps), or null when none is near enough
    /// to be a plausible typo. Ties go to the earlier candidate.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        var limit = name.Length <= 3 ? 1 : name.Length <= 7 ? 2 : 3;
        string? best = null;
        var bestDistance = limit + 1;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance && candidate != name)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Formats <c>; did you mean 'x'?</c> or an empty string.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } suggestion ? $"; did you mean '{suggestion}'?" : string.Empty;

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
