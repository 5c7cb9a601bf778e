using Microsoft.AspNetCore.Html;

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

    /// <summary>
    /// An email's plain-text body (<see cref="EmailBody.ToText(bool)"/>) for a page that keeps its lines: as <see cref="Lines"/>,
    /// but each heading's underline (a row of '-' or '=' as long as the heading) in an <c>rtm-plain-rule</c> span that never
    /// wraps (the box cuts it at its edge), so on a phone it does not break into several rows of dashes under the heading.
    /// Hidden from screen readers, which would read every dash; the page's text is otherwise the body's own.
    /// </summary>
    public static IHtmlContent PlainText(string? text)
    {
        var shown = new HtmlContentBuilder();
        var lines = (Lines(text) ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                shown.Append("\n");
            }

            var line = lines[i];
            if (i > 0 && lines[i - 1].Trim().Length > 0 && line.Length >= 3 && (line.All(c => c == '-') || line.All(c => c == '=')))
            {
                shown.AppendHtml("<span class=\"rtm-plain-rule\" aria-hidden=\"true\">").Append(line).AppendHtml("</span>");
            }
            else
            {
                shown.Append(line);
            }
        }

        return shown;
    }
}
