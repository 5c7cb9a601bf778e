namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>
/// One yes/no checkbox bound to a bool: <c>&lt;govuk-checkbox for="IsPrimary" label="Primary contact" /&gt;</c>.
/// A hidden "false" follows the box so an unticked box posts false; it must come after, because model binding takes
/// the first value posted. It goes after the whole item, not between the box and its label: GOV.UK Frontend draws the
/// tick and the focus ring with <c>input:checked + label</c> and <c>input:focus + label</c>, which anything in between breaks.
/// </summary>
[HtmlTargetElement("govuk-checkbox", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkCheckboxTagHelper(HtmlEncoder encoder) : GovUkFieldTagHelperBase(encoder)
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var value = CurrentValue;
        // A ticked box posts "true" and then the hidden "false", so a redisplayed form's attempted value is "true,false".
        var first = value?.Split(',')[0];
        var isChecked = string.Equals(first, "true", StringComparison.OrdinalIgnoreCase) ? " checked" : "";
        var hint = HintHtml(" govuk-checkboxes__hint");
        var error = ErrorHtml();
        var control = error
            + "<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">"
            + $"<input class=\"govuk-checkboxes__input\" id=\"{FieldId}\" name=\"{E(FieldName)}\" type=\"checkbox\" value=\"true\"{isChecked}"
            + (DescribedBy.Length == 0 ? "" : $" aria-describedby=\"{DescribedBy}\"") + ">"
            + $"<label class=\"govuk-label govuk-checkboxes__label\" for=\"{FieldId}\">{E(LabelText)}</label>{hint}</div></div>"
            + $"<input type=\"hidden\" name=\"{E(FieldName)}\" value=\"false\">";
        SetFormGroup(output, control);
    }
}
