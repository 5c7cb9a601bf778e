namespace RoundtableManager.Core.Common;

/// <summary>
/// Counts beside nouns, the one place the service makes English plurals: "1 organisation", "1,003 organisations",
/// "1 person", "2 people", "1.5 days", "Weekly overdue actions summaries". Pages, banners, audit lines and emails all
/// use it (emails are composed in Core, so it lives here rather than in Web).
/// </summary>
public static class Plural
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.OrdinalIgnoreCase)
    {
        ["person"] = "people",
        ["child"] = "children",
        ["criterion"] = "criteria",
    };

    /// <summary>"1 delegate", "3 delegates", "1,003 organisations"; <paramref name="plural"/> when the rules get it wrong.</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {Noun(count, singular, plural)}");

    /// <summary>A measured amount: "1 day", "1.5 days", "2 hours" (<paramref name="format"/> as for double, e.g. "0.#").</summary>
    public static string Count(double amount, string format, string singular, string? plural = null)
    {
        var shown = amount.ToString(format, CultureInfo.InvariantCulture);
        return $"{shown} {Noun(double.Parse(shown, CultureInfo.InvariantCulture), singular, plural)}";
    }

    /// <summary>The noun alone, to suit the count: "organisation" for 1, "organisations" otherwise (0 included).</summary>
    public static string Noun(double count, string singular, string? plural = null) =>
        count == 1 ? singular : plural ?? Of(singular);

    /// <summary>The plural of a noun or a noun phrase (its last word): "RSVP chaser" to "RSVP chasers", "summary" to "summaries".</summary>
    public static string Of(string singular)
    {
        ArgumentNullException.ThrowIfNull(singular);
        var space = singular.LastIndexOf(' ');
        var (head, word) = (singular[..(space + 1)], singular[(space + 1)..]);
        if (word.Length == 0)
        {
            return singular;
        }

        if (Irregular.TryGetValue(word, out var irregular))
        {
            return head + (char.IsUpper(word[0]) ? char.ToUpperInvariant(irregular[0]) + irregular[1..] : irregular);
        }

        if (word.Length > 1 && word.EndsWith('y') && !"aeiou".Contains(char.ToLowerInvariant(word[^2]), StringComparison.Ordinal))
        {
            return head + word[..^1] + "ies";
        }

        return head + word + (word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z') || word.EndsWith("ch", StringComparison.Ordinal) || word.EndsWith("sh", StringComparison.Ordinal) ? "es" : "s");
    }
}
