namespace RoundtableManager.Core.Common;

/// <summary>
/// The one rule for text people type, applied wherever text enters Core (forms, CSV import, the command line).
/// Single-line text (names, titles, places, addresses of email and web) must hold no line break or control character:
/// a line break in a delegate's name once broke out of a calendar invitation's ATTENDEE line. Multi-line text
/// (descriptions, notes, minutes, comments) keeps its line breaks, stored as LF whatever the browser or file sent.
/// </summary>
public static class TextRules
{
    /// <summary>"Full name must not contain line breaks or control characters".</summary>
    public static string SingleLineMessage(string label) => $"{label} must not contain line breaks or control characters";

    /// <summary>"Notes must not contain control characters" (line breaks and tabs are fine there).</summary>
    public static string MultiLineMessage(string label) => $"{label} must not contain control characters";

    /// <summary>
    /// False when the text holds a character that has no place on one line: C0 and C1 controls (CR, LF, tab, NEL...),
    /// DEL, the Unicode line and paragraph separators, and the bidirectional embeddings, overrides and isolates that
    /// can make a name read as something else (U+202A to U+202E, U+2066 to U+2069). The invisible direction marks
    /// (U+200E, U+200F, U+061C) stay allowed: right-to-left names can need them and they cannot reorder other text.
    /// </summary>
    public static bool IsSingleLine(string? value) => value is null || IsPrintableAscii(value) || !value.Any(IsForbiddenOnOneLine);

    /// <summary>False when multi-line text holds a control character other than a line break or a tab.</summary>
    public static bool IsCleanMultiLine(string? value) => value is null || IsPrintableAscii(value) || !value.Any(c => char.IsControl(c) && !IsLineBreak(c) && c != '\t');

    /// <summary>The message for <paramref name="label"/> when <paramref name="value"/> is not single-line text, else null.</summary>
    public static string? CheckSingleLine(string? value, string label) => IsSingleLine(value) ? null : SingleLineMessage(label);

    /// <summary>The message for <paramref name="label"/> when <paramref name="value"/> holds a stray control character, else null.</summary>
    public static string? CheckMultiLine(string? value, string label) => IsCleanMultiLine(value) ? null : MultiLineMessage(label);

    /// <summary>Trimmed single-line text, or null when there is none. Does not check it: see <see cref="CheckSingleLine"/>.</summary>
    public static string? SingleLine(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>
    /// Trimmed multi-line text with every line break (CRLF, CR, NEL, vertical tab, form feed, U+2028, U+2029) stored as
    /// LF, or null when there is none. Browsers post text areas with CRLF; a stored CR shows as "&amp;#xD;" in pages.
    /// </summary>
    public static string? MultiLine(string? value)
    {
        var normalised = value?.ReplaceLineEndings("\n").Replace('\v', '\n').Trim();
        return string.IsNullOrEmpty(normalised) ? null : normalised;
    }

    /// <summary>Multi-line text as one line (line breaks and tabs become spaces), for a title made from a longer text.</summary>
    public static string ToOneLine(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Join(' ', value.ReplaceLineEndings(" ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string(word.Where(c => !IsForbiddenOnOneLine(c)).ToArray())).Where(w => w.Length > 0));
    }

    // Most text is printable ASCII, which holds none of the characters either rule refuses: one vectorised pass
    // settles it (a 10,000-row import checks every cell).
    private static bool IsPrintableAscii(string value) => !value.AsSpan().ContainsAnyExceptInRange(' ', '~');

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029';

    private static bool IsForbiddenOnOneLine(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
