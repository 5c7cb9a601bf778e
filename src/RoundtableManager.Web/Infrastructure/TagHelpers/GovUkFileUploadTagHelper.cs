namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>
/// GOV.UK file upload bound to an <c>IFormFile</c> property: <c>&lt;govuk-file-upload for="File" label="Upload a file" accept=".csv" /&gt;</c>.
/// The form needs <c>enctype="multipart/form-data"</c>. A browser never lets a page refill a file input, so nothing is written back.
/// </summary>
[HtmlTargetElement("govuk-file-upload", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkFileUploadTagHelper(HtmlEncoder encoder) : GovUkFieldTagHelperBase(encoder)
{
    [HtmlAttributeName("accept")]
    public string? Accept { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var classes = "govuk-file-upload" + (InputClass is null ? "" : " " + InputClass) + (ErrorMessage is null ? "" : " govuk-file-upload--error");
        var control = $"<input class=\"{classes}\" id=\"{FieldId}\" name=\"{E(FieldName)}\" type=\"file\""
            + (Accept is null ? "" : $" accept=\"{E(Accept)}\"")
            + (DescribedBy.Length == 0 ? "" : $" aria-describedby=\"{DescribedBy}\"")
            + ">";
        RenderGroup(output, control);
    }
}
