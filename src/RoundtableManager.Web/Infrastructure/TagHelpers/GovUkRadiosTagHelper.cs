using System.Text;

namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>
/// A GOV.UK radios fieldset: <c>&lt;govuk-radios for="Type" legend="Type of organisation" items="Model.TypeOptions" /&gt;</c>.
/// The first radio carries the field's id, so error-summary links land on it.
/// </summary>
[HtmlTargetElement("govuk-radios", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkRadiosTagHelper(HtmlEncoder encoder) : GovUkFieldTagHelperBase(encoder)
{
    [HtmlAttributeName("legend")]
    public string? Legend { get; set; }

    [HtmlAttributeName("items")]
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    [HtmlAttributeName("inline")]
    public bool Inline { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        SetFormGroup(output, RenderFieldset(Legend ?? LabelText, Items, Inline));
    }

    private string RenderFieldset(string legend, IEnumerable<SelectListItem> items, bool inline)
    {
        var current = CurrentValue;
        var radios = new StringBuilder();
        var index = 0;
        foreach (var item in items)
        {
            var id = index == 0 ? FieldId : $"{FieldId}-{index}";
            var isChecked = string.Equals(item.Value, current, StringComparison.Ordinal) ? " checked" : "";
            radios.Append("<div class=\"govuk-radios__item\">")
                .Append(CultureInfo.InvariantCulture, $"<input class=\"govuk-radios__input\" id=\"{id}\" name=\"{E(FieldName)}\" type=\"radio\" value=\"{E(item.Value)}\"{isChecked}>")
                .Append(CultureInfo.InvariantCulture, $"<label class=\"govuk-label govuk-radios__label\" for=\"{id}\">{E(item.Text)}</label></div>");
            index++;
        }

        var legendHtml = LabelIsHeading
            ? $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 class=\"govuk-fieldset__heading\">{E(legend)}</h1></legend>"
            : $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">{E(legend)}</legend>";
        return $"<fieldset class=\"govuk-fieldset\"{(DescribedBy.Length == 0 ? "" : $" aria-describedby=\"{DescribedBy}\"")}>"
            + legendHtml + HintHtml() + ErrorHtml()
            + $"<div class=\"govuk-radios{(inline ? " govuk-radios--inline" : "")}\" data-module=\"govuk-radios\">{radios}</div></fieldset>";
    }
}
