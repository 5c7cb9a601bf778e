using System.Text;
using MimeKit;

namespace RoundtableManager.Core.Email;

/// <summary>Turns an outbox row into the MIME message that is delivered.</summary>
public static class EmailMessageFactory
{
    public const string CalendarAttachmentName = "invite.ics";

    /// <param name="links">The row's personal links (see <see cref="WithheldLinks"/>), put back into the bodies delivered.</param>
    public static MimeMessage Build(OutboxMessage row, EmailOptions options, DateTimeOffset now, IReadOnlyList<WithheldLink>? links = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        var message = new MimeMessage
        {
            Date = now,
            // Stable for the row, so a re-sent copy (see OutboxSender) carries the same Message-ID and mail programs can
            // recognise it; the creation time keeps it unique when a database is recreated and ids start again.
            MessageId = MessageIdFor(row, options),
            // Rows are single-line already (HeaderText); cleaning again here protects rows written any other way.
            Subject = HeaderText.SingleLine(row.Subject),
        };
        message.From.Add(new MailboxAddress(HeaderText.SingleLine(options.FromName), options.FromAddress));
        message.To.Add(new MailboxAddress(row.ToName is null ? null : HeaderText.SingleLine(row.ToName), HeaderText.SingleLine(row.ToAddress)));
        message.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");

        var alternative = new MultipartAlternative
        {
            TextPart("plain", WithheldLinks.Restore(row.TextBody, links ?? [], html: false)),
            TextPart("html", WithheldLinks.Restore(row.HtmlBody, links ?? [], html: true)),
        };
        if (string.IsNullOrEmpty(row.CalendarContent))
        {
            message.Body = alternative;
            return message;
        }

        var method = HeaderText.SingleLine(row.CalendarMethod ?? "REQUEST").ToUpperInvariant();
        var calendar = TextPart("calendar", row.CalendarContent);
        calendar.ContentType.Parameters.Add("method", method);
        alternative.Add(calendar);

        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(row.CalendarContent))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = CalendarAttachmentName },
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = CalendarAttachmentName,
        };
        message.Body = new Multipart("mixed") { alternative, attachment };
        return message;
    }

    public static string MessageIdFor(OutboxMessage row, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        var at = options.FromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < options.FromAddress.Length - 1 ? options.FromAddress[(at + 1)..] : "roundtable-manager.invalid";
        return string.Create(CultureInfo.InvariantCulture, $"rtm.{row.Id}.{row.CreatedUtc.Ticks:x}@{domain}");
    }

    private static TextPart TextPart(string subtype, string text)
    {
        var part = new TextPart(subtype);
        part.SetText(Encoding.UTF8, text);
        return part;
    }
}
