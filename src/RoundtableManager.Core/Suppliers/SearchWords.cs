namespace RoundtableManager.Core.Suppliers;

/// <summary>
/// How the directory's search cuts text into words: runs of letters and digits, upper-cased, at most
/// <see cref="OrganisationSearchTerm.TermMaxLength"/> characters. "priya.shah@northgate-managed.example" is PRIYA,
/// SHAH, NORTHGATE, MANAGED and EXAMPLE; a search matches an organisation when each of its words starts one of the
/// organisation's words.
/// </summary>
public static class SearchWords
{
    /// <summary>At most this many words of a search are used (the rest are ignored).</summary>
    public const int MaxSearchWords = 8;

    public static IReadOnlyList<string> Of(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..Math.Min(i, start + OrganisationSearchTerm.TermMaxLength)].ToUpperInvariant();
                if (!words.Contains(word, StringComparer.Ordinal))
                {
                    words.Add(word);
                }

                start = -1;
            }
        }

        return words;
    }

    /// <summary>The first string after every string that starts with <paramref name="prefix"/>, in code-point order.</summary>
    public static string UpperBound(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString());
    }
}
