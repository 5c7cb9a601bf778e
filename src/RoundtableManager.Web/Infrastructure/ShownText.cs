namespace RoundtableManager.Web.Infrastructure;

/// <summary>How pages print text that people typed over several lines (addresses, descriptions, comments, needs).</summary>
public static class ShownText
{
    /// <summary>
    /// The text with every line break as LF. Browsers post a textarea's line breaks as CRLF, and HTML encoding writes each
    /// CR as <c>&amp;#xD;</c>, which is invalid HTML (the Nu HTML Checker fails the page). Every view that prints
    /// multi-line text, as element content, in a textarea or in a hidden field, goes through here.
    /// </summary>
    public static string? Lines(string? text) => text?.ReplaceLineEndings("\n");
}
