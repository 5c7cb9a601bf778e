using RoundtableManager.Core.Data;

namespace RoundtableManager.Core.Email;

public interface IEmailOutbox
{
    /// <summary>
    /// Adds the email to the caller's unit of work. Nothing is written until the caller's SaveChangesAsync, so the
    /// email and the change that causes it commit or roll back together.
    /// </summary>
    OutboxMessage Enqueue(EmailDraft draft);
}

public sealed class EmailOutbox(AppDbContext db, TimeProvider time) : IEmailOutbox
{
    public OutboxMessage Enqueue(EmailDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Kind = draft.Kind,
            ToAddress = HeaderText.SingleLine(draft.ToAddress),
            ToName = draft.ToName is null ? null : HeaderText.SingleLine(draft.ToName),
            Subject = HeaderText.SingleLine(draft.Subject),
            TextBody = draft.Body.ToText(),
            HtmlBody = draft.Body.ToHtml(HeaderText.SingleLine(draft.Subject)),
            CalendarContent = draft.CalendarContent,
            CalendarMethod = draft.CalendarMethod,
            RoundtableId = draft.RoundtableId,
            InvitationRecipientId = draft.InvitationRecipientId,
            DedupeKey = draft.DedupeKey,
            Status = OutboxStatus.Queued,
            NextAttemptUtc = draft.NotBeforeUtc ?? now,
            CreatedUtc = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}

public static class HeaderText
{
    /// <summary>Values that end up in mail headers never carry line breaks or other control characters (header injection).</summary>
    public static string SingleLine(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var chars = value.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
