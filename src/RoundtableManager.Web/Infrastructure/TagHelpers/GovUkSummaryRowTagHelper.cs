using Microsoft.AspNetCore.Mvc.TagHelpers;

namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>
/// One row of a GOV.UK summary list: <c>&lt;govuk-summary-row key="Reply by"&gt;@UkTime.Format(deadline)&lt;/govuk-summary-row&gt;</c>.
/// The content is the value; <c>value-class</c> and other <c>value-*</c> attributes go on the value cell
/// (<c>value-class="rtm-preserve-lines"</c>, <c>value-data-email-status="sent"</c>); any other attribute stays on the row.
/// </summary>
[HtmlTargetElement("govuk-summary-row", Attributes = "key")]
public sealed class GovUkSummaryRowTagHelper(HtmlEncoder encoder) : TagHelper
{
    public string Key { get; set; } = "";

    [HtmlAttributeName(DictionaryAttributePrefix = "value-")]
    public IDictionary<string, string?> ValueAttributes { get; set; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var value = await output.GetChildContentAsync();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("govuk-summary-list__row", encoder);
        var cell = "govuk-summary-list__value";
        var attributes = "";
        foreach (var (name, attributeValue) in ValueAttributes)
        {
            if (name == "class")
            {
                cell += " " + attributeValue;
            }
            else
            {
                attributes += attributeValue is null ? $" {name}" : $" {name}=\"{encoder.Encode(attributeValue)}\"";
            }
        }

        output.Content.SetHtmlContent($"<dt class=\"govuk-summary-list__key\">{encoder.Encode(Key)}</dt><dd class=\"{encoder.Encode(cell)}\"{attributes}>");
        output.Content.AppendHtml(value);
        output.Content.AppendHtml("</dd>");
    }
}
