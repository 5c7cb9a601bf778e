using System.Text;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>
/// GOV.UK error summary built from ModelState: each error links to its field. Errors with an empty key
/// (about the whole form) are listed without a link.
/// </summary>
[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkErrorSummaryTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var modelState = ViewContext.ViewData.ModelState;
        if (modelState.IsValid)
        {
            output.SuppressOutput();
            return;
        }

        // GOV.UK: errors are listed in the order the fields appear, which is the order of the model's properties.
        var order = ViewContext.ViewData.ModelMetadata.Properties.Select((p, i) => (p.PropertyName, i))
            .ToDictionary(p => p.PropertyName ?? "", p => p.i, StringComparer.Ordinal);
        int Position(string key) => order.TryGetValue(key.Split('.', '[')[0], out var index) ? index : (key.Length == 0 ? -1 : int.MaxValue);
        var items = new StringBuilder();
        foreach (var (key, entry) in modelState.OrderBy(e => Position(e.Key)).Select(e => (e.Key, e.Value!)))
        {
            foreach (var error in entry.Errors)
            {
                var text = encoder.Encode(error.ErrorMessage);
                items.Append(string.IsNullOrEmpty(key)
                    ? $"<li>{text}</li>"
                    : $"<li><a href=\"#{TagBuilder.CreateSanitizedId(key, "_")}\">{text}</a></li>");
            }
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-summary");
        output.Attributes.SetAttribute("data-module", "govuk-error-summary");
        output.Content.SetHtmlContent(
            "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2>"
            + $"<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">{items}</ul></div></div>");
    }
}
