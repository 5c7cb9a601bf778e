namespace RoundtableManager.Core.Common;

/// <summary>A problem with one field of a form, keyed by the field's name so the page can show it beside the field.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Checks of typed text that add GOV.UK messages to a list of field errors, one message per field at most.</summary>
public static class FieldErrorListExtensions
{
    /// <summary>
    /// Checks one-line text: given when <paramref name="required"/> (a message such as "Enter the title"), then
    /// <see cref="TextRules.IsSingleLine"/>, then the length. Returns the trimmed text (null when empty).
    /// </summary>
    public static string? CheckSingleLine(this ICollection<FieldError> errors, string field, string label, string? value, int maxLength, string? required = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = TextRules.SingleLine(value);
        Check(errors, field, label, text, maxLength, required, TextRules.IsSingleLine(text) ? null : TextRules.SingleLineMessage(label));
        return text;
    }

    /// <summary>
    /// Checks multi-line text as <see cref="CheckSingleLine"/> does, but line breaks are allowed. Returns the text with
    /// its line breaks as LF (<see cref="TextRules.MultiLine"/>), which is what the length is measured on.
    /// </summary>
    public static string? CheckMultiLine(this ICollection<FieldError> errors, string field, string label, string? value, int maxLength, string? required = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = TextRules.MultiLine(value);
        Check(errors, field, label, text, maxLength, required, TextRules.IsCleanMultiLine(text) ? null : TextRules.MultiLineMessage(label));
        return text;
    }

    private static void Check(ICollection<FieldError> errors, string field, string label, string? text, int maxLength, string? required, string? ruleBroken)
    {
        var message = text is null ? required
            : ruleBroken ?? (text.Length > maxLength ? string.Create(CultureInfo.InvariantCulture, $"{label} must be {maxLength:N0} characters or fewer") : null);
        if (message is not null)
        {
            errors.Add(new FieldError(field, message));
        }
    }
}
