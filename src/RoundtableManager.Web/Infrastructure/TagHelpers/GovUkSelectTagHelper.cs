using System.Text;

namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary><c>&lt;govuk-select for="Type" label="Type" items="Model.TypeOptions" /&gt;</c>. Items with a Group are put in &lt;optgroup&gt;s.</summary>
[HtmlTargetElement("govuk-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkSelectTagHelper(HtmlEncoder encoder) : GovUkFieldTagHelperBase(encoder)
{
    [HtmlAttributeName("items")]
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var current = CurrentValue;
        var options = new StringBuilder();
        SelectListGroup? group = null;
        foreach (var item in Items)
        {
            if (item.Group != group)
            {
                options.Append(group is null ? "" : "</optgroup>");
                options.Append(item.Group is null ? "" : $"<optgroup label=\"{E(item.Group.Name)}\">");
                group = item.Group;
            }

            var selected = string.Equals(item.Value, current, StringComparison.Ordinal) ? " selected" : "";
            options.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(item.Value)}\"{selected}>{E(item.Text)}</option>");
        }

        options.Append(group is null ? "" : "</optgroup>");

        var classes = "govuk-select" + (InputClass is null ? "" : " " + InputClass) + (ErrorMessage is null ? "" : " govuk-select--error");
        var control = $"<select class=\"{classes}\" id=\"{FieldId}\" name=\"{E(FieldName)}\""
            + (DescribedBy.Length == 0 ? "" : $" aria-describedby=\"{DescribedBy}\"")
            + $">{options}</select>";
        RenderGroup(output, control);
    }
}
