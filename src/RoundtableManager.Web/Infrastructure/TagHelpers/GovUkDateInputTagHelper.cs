namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>
/// GOV.UK date input (day, month, year) bound to a <see cref="DateInput"/> property:
/// <c>&lt;govuk-date-input for="Deadline" legend="Reply by" hint="For example, 27 3 2027" /&gt;</c>.
/// Add errors under the property's own name; the error link targets the day field.
/// </summary>
[HtmlTargetElement("govuk-date-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkDateInputTagHelper(HtmlEncoder encoder) : GovUkFieldTagHelperBase(encoder)
{
    [HtmlAttributeName("legend")]
    public string? Legend { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var model = For.Model as DateInput;
        var errorClass = ErrorMessage is null ? "" : " govuk-input--error";
        string Part(string part, string label, string? value, string width, string? autocompletePart) =>
            "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">"
            + $"<label class=\"govuk-label govuk-date-input__label\" for=\"{FieldId}{(part == "Day" ? "" : "_" + part)}\">{label}</label>"
            + $"<input class=\"govuk-input govuk-date-input__input {width}{errorClass}\" id=\"{FieldId}{(part == "Day" ? "" : "_" + part)}\" name=\"{E(FieldName)}.{part}\" type=\"text\" inputmode=\"numeric\""
            + (value is null ? "" : $" value=\"{E(value)}\"")
            + (autocompletePart is null ? "" : $" autocomplete=\"{autocompletePart}\"")
            + "></div></div>";
        var inputs = Part("Day", "Day", AttemptedPart("Day") ?? model?.Day, "govuk-input--width-2", null)
            + Part("Month", "Month", AttemptedPart("Month") ?? model?.Month, "govuk-input--width-2", null)
            + Part("Year", "Year", AttemptedPart("Year") ?? model?.Year, "govuk-input--width-4", null);
        SetFormGroup(
            output,
            $"<fieldset class=\"govuk-fieldset\" role=\"group\"{(DescribedBy.Length == 0 ? "" : $" aria-describedby=\"{DescribedBy}\"")}>"
            + $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">{E(Legend ?? LabelText)}</legend>"
            + HintHtml() + ErrorHtml() + $"<div class=\"govuk-date-input\" id=\"{FieldId}-parts\">{inputs}</div></fieldset>");
    }

    private string? AttemptedPart(string part) =>
        ViewContext.ViewData.ModelState.TryGetValue($"{For.Name}.{part}", out var entry) ? entry.AttemptedValue : null;
}
