using System.Text;

namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>One choice in a <see cref="GovUkCheckboxesTagHelper"/> group.</summary>
public sealed record CheckboxItem(string Value, string Text, string? Hint = null, bool Checked = false);

/// <summary>
/// A GOV.UK checkboxes fieldset posting many values under one name (a list property):
/// <c>&lt;govuk-checkboxes for="ContactIds" legend="Who should get it?" items="Model.ContactChoices" /&gt;</c>.
/// What is ticked comes from the items, so the controller decides (and can show back exactly what was posted).
/// The first checkbox carries the field's id, so error-summary links land on it.
/// </summary>
[HtmlTargetElement("govuk-checkboxes", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkCheckboxesTagHelper(HtmlEncoder encoder) : GovUkFieldTagHelperBase(encoder)
{
    [HtmlAttributeName("legend")]
    public string? Legend { get; set; }

    [HtmlAttributeName("legend-class")]
    public string LegendClass { get; set; } = "govuk-fieldset__legend--s";

    [HtmlAttributeName("items")]
    public IEnumerable<CheckboxItem> Items { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var boxes = new StringBuilder();
        var index = 0;
        foreach (var item in Items)
        {
            var id = index == 0 ? FieldId : $"{FieldId}-{index}";
            var hint = item.Hint is null ? "" : $"<div id=\"{id}-item-hint\" class=\"govuk-hint govuk-checkboxes__hint\">{E(item.Hint)}</div>";
            boxes.Append("<div class=\"govuk-checkboxes__item\">")
                .Append(CultureInfo.InvariantCulture, $"<input class=\"govuk-checkboxes__input\" id=\"{id}\" name=\"{E(FieldName)}\" type=\"checkbox\" value=\"{E(item.Value)}\"")
                .Append(item.Checked ? " checked" : "")
                .Append(item.Hint is null ? "" : $" aria-describedby=\"{id}-item-hint\"")
                .Append(CultureInfo.InvariantCulture, $"><label class=\"govuk-label govuk-checkboxes__label\" for=\"{id}\">{E(item.Text)}</label>{hint}</div>");
            index++;
        }

        SetFormGroup(
            output,
            $"<fieldset class=\"govuk-fieldset\"{(DescribedBy.Length == 0 ? "" : $" aria-describedby=\"{DescribedBy}\"")}>"
            + $"<legend class=\"govuk-fieldset__legend {E(LegendClass)}\">{E(Legend ?? LabelText)}</legend>"
            + HintHtml() + ErrorHtml()
            + $"<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">{boxes}</div></fieldset>");
    }
}
