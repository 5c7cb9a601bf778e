using Ganss.Xss;
using Markdig;

namespace RoundtableManager.Web.Agenda;

/// <summary>
/// Minutes are Markdown. Markdig runs with raw HTML disabled (typed tags come out as text), then HtmlSanitizer
/// removes anything that could still run: script, event-handler attributes, javascript: and data: links. A link that
/// loses its address is shown as its text: an <c>a</c> without href would look like a link and do nothing.
/// </summary>
public static class MinutesRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var html = Markdown.ToHtml(markdown, Pipeline);
        return Sanitizer.Sanitize(html);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                element.RemoveAttribute("style");
                if (element.LocalName == "a")
                {
                    element.SetAttribute("rel", "noopener noreferrer");
                    element.ClassList.Add("govuk-link");
                }
                else if (element.LocalName is "p")
                {
                    element.ClassList.Add("govuk-body");
                }
                else if (element.LocalName is "ul")
                {
                    element.ClassList.Add("govuk-list", "govuk-list--bullet");
                }
                else if (element.LocalName is "ol")
                {
                    element.ClassList.Add("govuk-list", "govuk-list--number");
                }
            }
        };
        sanitizer.PostProcessDom += (_, e) =>
        {
            foreach (var link in e.Document.QuerySelectorAll("a:not([href])").ToList())
            {
                link.Replace([.. link.ChildNodes]);
            }
        };
        return sanitizer;
    }
}
