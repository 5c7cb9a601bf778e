using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>
/// Every GOV.UK table (<c>&lt;table class="govuk-table"&gt;</c>) is put in a region that scrolls sideways on its own,
/// named by the table's caption and reachable with the keyboard, so a table wider than a 320 px screen never makes the
/// whole page scroll (WCAG 2.2 reflow, 1.4.10). A table a view already puts in such a region
/// (<c>&lt;div role="region"&gt;</c>, see <see cref="ScrollRegionTagHelper"/>) is left as it is.
/// </summary>
[HtmlTargetElement("table")]
public sealed class TableScrollTagHelper : TagHelper
{
    private static readonly object CounterKey = new();

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Items.ContainsKey(typeof(ScrollRegionTagHelper)))
        {
            context.Items[typeof(TableScrollTagHelper)] = new Caption();
        }
    }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (!context.Items.TryGetValue(typeof(TableScrollTagHelper), out var item) || item is not Caption caption
            || Text(output.Attributes["class"])?.Split(' ').Contains("govuk-table") != true)
        {
            return;
        }

        // The caption (CaptionTagHelper) says its id as the table's content is rendered.
        caption.NewId = () => "rtm-table-caption-" + NextNumber();
        output.Content.SetHtmlContent(await output.GetChildContentAsync());
        var name = caption.Id is { } id ? $" aria-labelledby=\"{id}\"" : "";
        output.PreElement.AppendHtml($"<div class=\"rtm-table-scroll\" role=\"region\"{name} tabindex=\"0\">");
        output.PostElement.AppendHtml("</div>");
    }

    /// <summary>An attribute's value as written in the page (a value with Razor in it is HTML content, not a string).</summary>
    internal static string? Text(TagHelperAttribute? attribute)
    {
        switch (attribute?.Value)
        {
            case null:
                return null;
            case IHtmlContent content:
                using (var writer = new StringWriter(CultureInfo.InvariantCulture))
                {
                    content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
                    return writer.ToString();
                }

            case var value:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    private int NextNumber()
    {
        var items = ViewContext.HttpContext.Items;
        var number = items.TryGetValue(CounterKey, out var last) && last is int n ? n + 1 : 1;
        items[CounterKey] = number;
        return number;
    }

    internal sealed class Caption
    {
        public Func<string>? NewId { get; set; }

        public string? Id { get; set; }
    }
}

/// <summary>A table's caption gets an id (its own, or a new one) for the region <see cref="TableScrollTagHelper"/> puts the table in.</summary>
[HtmlTargetElement("caption")]
public sealed class CaptionTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (!context.Items.TryGetValue(typeof(TableScrollTagHelper), out var item) || item is not TableScrollTagHelper.Caption { NewId: { } newId } caption)
        {
            return;
        }

        if (TableScrollTagHelper.Text(output.Attributes["id"]) is { Length: > 0 } id)
        {
            caption.Id = id;
        }
        else
        {
            caption.Id = newId();
            output.Attributes.SetAttribute("id", caption.Id);
        }
    }
}

/// <summary>Marks a view's own scrolling region (<c>&lt;div role="region"&gt;</c>), so the tables inside it are not wrapped again.</summary>
[HtmlTargetElement("div", Attributes = "[role=region]")]
public sealed class ScrollRegionTagHelper : TagHelper
{
    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[typeof(ScrollRegionTagHelper)] = true;
    }
}
