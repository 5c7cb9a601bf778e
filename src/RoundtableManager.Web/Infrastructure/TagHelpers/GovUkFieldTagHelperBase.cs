using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>Shared GOV.UK form-group plumbing: label, hint, inline error and aria-describedby.</summary>
public abstract class GovUkFieldTagHelperBase(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    /// <summary>Render the label as the page's h1 (a question page with one field).</summary>
    [HtmlAttributeName("label-is-heading")]
    public bool LabelIsHeading { get; set; }

    [HtmlAttributeName("input-class")]
    public string? InputClass { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    protected HtmlEncoder Encoder { get; } = encoder;

    protected string FieldName => For.Name;

    protected string FieldId => TagBuilder.CreateSanitizedId(For.Name, "_");

    protected string? ErrorMessage =>
        ViewContext.ViewData.ModelState.TryGetValue(For.Name, out var entry) && entry.Errors.Count > 0
            ? entry.Errors[0].ErrorMessage
            : null;

    /// <summary>The value to show: what the user posted if the form is being redisplayed, otherwise the model's value.</summary>
    protected string? CurrentValue =>
        ViewContext.ViewData.ModelState.TryGetValue(For.Name, out var entry) && entry.AttemptedValue is not null
            ? entry.AttemptedValue
            : For.Model switch
            {
                null => null,
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var other => other.ToString(),
            };

    protected string E(string? value) => Encoder.Encode(value ?? "");

    protected string LabelText => Label ?? For.Metadata.DisplayName ?? For.Name;

    protected string DescribedBy =>
        string.Join(' ', new[] { Hint is null ? null : FieldId + "-hint", ErrorMessage is null ? null : FieldId + "-error" }.Where(s => s is not null));

    protected void RenderGroup(TagHelperOutput output, string control)
    {
        var label = $"<label class=\"govuk-label{(LabelIsHeading ? " govuk-label--l" : "")}\" for=\"{FieldId}\">{E(LabelText)}</label>";
        if (LabelIsHeading)
        {
            label = $"<h1 class=\"govuk-label-wrapper\">{label}</h1>";
        }

        SetFormGroup(output, label + HintHtml() + ErrorHtml() + control);
    }

    /// <summary>The field's hint, or nothing; <paramref name="classes"/> follow govuk-hint in its class.</summary>
    protected string HintHtml(string classes = "") =>
        Hint is null ? "" : $"<div id=\"{FieldId}-hint\" class=\"govuk-hint{classes}\">{E(Hint)}</div>";

    /// <summary>The field's inline error message, or nothing.</summary>
    protected string ErrorHtml() =>
        ErrorMessage is null ? "" : $"<p id=\"{FieldId}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {E(ErrorMessage)}</p>";

    /// <summary>Makes the tag the field's form group (marked as in error when the field is) holding <paramref name="html"/>.</summary>
    protected void SetFormGroup(TagHelperOutput output, string html)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (ErrorMessage is null ? "" : " govuk-form-group--error"));
        output.Content.SetHtmlContent(html);
    }
}
