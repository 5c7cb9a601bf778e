using System.Net;
using System.Text;

namespace RoundtableManager.Core.Email;

/// <summary>
/// Builds an email's HTML and plain-text bodies together, in GOV.UK Notify's plain style: headings, paragraphs,
/// a list of details, inset text and links. Everything given is text and is escaped; there is no raw HTML.
/// </summary>
public sealed class EmailBody
{
    private readonly List<Block> _blocks = [];

    public EmailBody Heading(string text) => Add(new Block(BlockKind.Heading, text));

    public EmailBody Paragraph(string text) => Add(new Block(BlockKind.Paragraph, text));

    public EmailBody Inset(string text) => Add(new Block(BlockKind.Inset, text));

    public EmailBody Link(string text, string url) => Add(new Block(BlockKind.Link, text, url));

    /// <summary>
    /// A link that works on its own (it carries a token: an invitation, a set-password link, any future personal link).
    /// The outbox stores the body with a placeholder in its place and keeps the link apart, encrypted, until the email
    /// has left (see <see cref="WithheldLinks"/>), so a sent or failed email in the database holds no working link.
    /// </summary>
    public EmailBody PersonalLink(string text, string url) => Add(new Block(BlockKind.Link, text, url, Placeholder: WithheldLinks.NewPlaceholder()));

    /// <summary>The personal links and the placeholders that stand for them in <see cref="ToText(bool)"/> and <see cref="ToHtml(string, bool)"/>.</summary>
    public IReadOnlyList<WithheldLink> PersonalLinks =>
        [.. _blocks.Where(b => b.Placeholder is not null).Select(b => new WithheldLink(b.Placeholder!, b.Url!))];

    public EmailBody Details(params (string Label, string Value)[] rows) =>
        Add(new Block(BlockKind.Details, "", Rows: rows));

    public EmailBody Bullets(params string[] items) =>
        Add(new Block(BlockKind.Bullets, "", Rows: items.Select(i => (i, "")).ToArray()));

    /// <param name="withhold">Write placeholders where personal links go (what the outbox stores).</param>
    public string ToText(bool withhold = false)
    {
        var text = new StringBuilder();
        foreach (var block in _blocks)
        {
            switch (block.Kind)
            {
                case BlockKind.Heading:
                    text.AppendLine(block.Text).AppendLine(new string('-', Math.Min(block.Text.Length, 60)));
                    break;
                case BlockKind.Link:
                    text.AppendLine(block.Text + ":").AppendLine(block.UrlOrPlaceholder(withhold));
                    break;
                case BlockKind.Inset:
                    text.AppendLine("> " + block.Text);
                    break;
                case BlockKind.Details:
                    foreach (var (label, value) in block.Rows!)
                    {
                        text.AppendLine(label + ": " + value);
                    }

                    break;
                case BlockKind.Bullets:
                    foreach (var (item, _) in block.Rows!)
                    {
                        text.AppendLine("* " + item);
                    }

                    break;
                default:
                    text.AppendLine(block.Text);
                    break;
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd() + Environment.NewLine;
    }

    public string ToHtml(string title, bool withhold = false)
    {
        const string Font = "font-family: Arial, sans-serif; color: #0b0c0c;";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(E(title)).Append("</title></head>")
            .Append("<body style=\"margin: 0; padding: 0; ").Append(Font).Append("\">")
            .Append("<div style=\"background: #1d70b8; padding: 12px 20px; color: #ffffff; font: bold 20px Arial, sans-serif;\">Roundtable Manager</div>")
            .Append("<div style=\"max-width: 580px; padding: 20px; font-size: 19px; line-height: 1.4; ").Append(Font).Append("\">");
        foreach (var block in _blocks)
        {
            html.Append(block.Kind switch
            {
                BlockKind.Heading => $"<h1 style=\"font-size: 28px; margin: 0 0 20px;\">{E(block.Text)}</h1>",
                BlockKind.Link => $"<p style=\"margin: 0 0 20px;\"><a href=\"{E(block.UrlOrPlaceholder(withhold))}\" style=\"color: #1d70b8;\">{E(block.Text)}</a></p>",
                BlockKind.Inset => $"<p style=\"margin: 0 0 20px; padding: 10px 15px; border-left: 10px solid #b1b4b6;\">{E(block.Text)}</p>",
                BlockKind.Details => "<table role=\"presentation\" style=\"margin: 0 0 20px; border-collapse: collapse;\">"
                    + string.Concat(block.Rows!.Select(r => $"<tr><th scope=\"row\" style=\"text-align: left; vertical-align: top; padding: 0 15px 8px 0;\">{E(r.Item1)}</th><td style=\"padding: 0 0 8px;\">{E(r.Item2)}</td></tr>"))
                    + "</table>",
                BlockKind.Bullets => "<ul style=\"margin: 0 0 20px; padding-left: 20px;\">" + string.Concat(block.Rows!.Select(r => $"<li>{E(r.Item1)}</li>")) + "</ul>",
                _ => $"<p style=\"margin: 0 0 20px;\">{E(block.Text)}</p>",
            });
        }

        return html.Append("</div></body></html>").ToString();
    }

    private EmailBody Add(Block block)
    {
        _blocks.Add(block);
        return this;
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private enum BlockKind
    {
        Heading,
        Paragraph,
        Inset,
        Link,
        Details,
        Bullets,
    }

    private sealed record Block(BlockKind Kind, string Text, string? Url = null, (string, string)[]? Rows = null, string? Placeholder = null)
    {
        public string UrlOrPlaceholder(bool withhold) => withhold && Placeholder is not null ? Placeholder : Url!;
    }
}
