using AngleSharp;
using RoundtableManager.Web.Agenda;

namespace RoundtableManager.Tests.Agenda;

public sealed class MinutesRendererTests
{
    private static async Task<AngleSharp.Dom.IDocument> RenderAsync(string markdown)
    {
        var html = MinutesRenderer.ToHtml(markdown);
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content($"<body>{html}</body>"));
    }

    [Fact]
    public async Task ToHtml_Markdown_RendersHeadingsListsAndLinksWithNoopener()
    {
        var document = await RenderAsync("## Actions\n\n- **Patch** within 14 days\n- See [the CAF](https://www.ncsc.gov.uk/collection/caf)");
        Assert.Equal("Actions", document.QuerySelector("h2")!.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("li").Length);
        Assert.Equal("Patch", document.QuerySelector("strong")!.TextContent);
        var link = document.QuerySelector("a")!;
        Assert.Equal("https://www.ncsc.gov.uk/collection/caf", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=\"alert(1)\">")]
    [InlineData("<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<div style=\"position:fixed\">raw html</div>")]
    public async Task ToHtml_RawHtml_IsShownAsTextNotMarkup(string markdown)
    {
        var document = await RenderAsync(markdown);
        Assert.Empty(document.QuerySelectorAll("script, img, iframe, div, a"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style"));
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    public async Task ToHtml_DangerousLinkScheme_LosesItsHref(string markdown)
    {
        var document = await RenderAsync(markdown);
        Assert.All(document.QuerySelectorAll("a"), a => Assert.Null(a.GetAttribute("href")));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Value.Contains("javascript", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("See [the plan](javascript:alert(1)) today")]
    [InlineData("See [the plan](data:text/html;base64,PHNjcmlwdD4=) today")]
    public async Task ToHtml_DangerousLink_ShowsItsTextWithoutALink(string markdown)
    {
        // An <a> left without its href is invalid HTML beside rel (Nu HTML Checker) and looks like a link that does nothing.
        var document = await RenderAsync(markdown);
        Assert.Empty(document.QuerySelectorAll("a"));
        Assert.Equal("See the plan today", document.QuerySelector("p")!.TextContent);
    }
}
