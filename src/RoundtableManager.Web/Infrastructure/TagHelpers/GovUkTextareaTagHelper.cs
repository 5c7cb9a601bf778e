namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary><c>&lt;govuk-textarea for="Notes" label="Notes" rows="5" /&gt;</c></summary>
[HtmlTargetElement("govuk-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkTextareaTagHelper(HtmlEncoder encoder) : GovUkFieldTagHelperBase(encoder)
{
    [HtmlAttributeName("rows")]
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var classes = "govuk-textarea" + (InputClass is null ? "" : " " + InputClass) + (ErrorMessage is null ? "" : " govuk-textarea--error");
        var control = $"<textarea class=\"{classes}\" id=\"{FieldId}\" name=\"{E(FieldName)}\" rows=\"{Rows}\""
            + (DescribedBy.Length == 0 ? "" : $" aria-describedby=\"{DescribedBy}\"")
            + $">{E(ShownText.Lines(CurrentValue))}</textarea>";
        RenderGroup(output, control);
    }
}
