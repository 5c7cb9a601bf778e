namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary><c>&lt;govuk-input for="Email" label="Email address" type="email" autocomplete="email" /&gt;</c></summary>
[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkInputTagHelper(HtmlEncoder encoder) : GovUkFieldTagHelperBase(encoder)
{
    [HtmlAttributeName("type")]
    public string Type { get; set; } = "text";

    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    [HtmlAttributeName("spellcheck")]
    public bool? Spellcheck { get; set; }

    [HtmlAttributeName("inputmode")]
    public string? InputMode { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Passwords are never written back into the page.
        var value = Type == "password" ? null : CurrentValue;
        var classes = "govuk-input" + (InputClass is null ? "" : " " + InputClass) + (ErrorMessage is null ? "" : " govuk-input--error");
        var control = $"<input class=\"{classes}\" id=\"{FieldId}\" name=\"{E(FieldName)}\" type=\"{E(Type)}\""
            + (value is null ? "" : $" value=\"{E(value)}\"")
            + (DescribedBy.Length == 0 ? "" : $" aria-describedby=\"{DescribedBy}\"")
            + (Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"")
            + (Spellcheck is null ? "" : $" spellcheck=\"{(Spellcheck.Value ? "true" : "false")}\"")
            + (InputMode is null ? "" : $" inputmode=\"{E(InputMode)}\"")
            + ">";
        RenderGroup(output, control);
    }
}
