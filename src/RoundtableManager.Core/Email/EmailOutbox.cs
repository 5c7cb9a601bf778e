namespace RoundtableManager.Core.Email;

public interface IEmailOutbox
{
    /// <summary>
    /// Adds the email to the caller's unit of work. Nothing is written until the caller's SaveChangesAsync, so the
    /// email and the change that causes it commit or roll back together.
    /// </summary>
    OutboxMessage Enqueue(EmailDraft draft);

    /// <summary>
    /// For a large send (an invitation round): renders the emails (bodies, encrypted links) without writing anything.
    /// Call it before the transaction that queues them, so the database's write lock is held for the inserts only.
    /// </summary>
    PreparedEmail Prepare(EmailDraft draft);

    /// <summary>
    /// For a large send: writes the prepared emails now, inside the caller's open transaction, so they commit or roll back
    /// with it, and the sender is asked to run once it commits. The rows are not tracked, so they must carry any ids they
    /// refer to (save the entities first, in the same transaction; <see cref="PreparedEmail.Complete"/>). On SQLite the
    /// rows go in with one prepared INSERT on the context's own connection, several times faster than EF Core's
    /// per-entity pipeline, which keeps the single writer's lock short; other providers go through EF Core.
    /// </summary>
    Task EnqueueManyAsync(IReadOnlyCollection<PreparedEmail> emails, CancellationToken cancellationToken);

    /// <summary>Prepares the drafts (inside the caller's transaction, so better done first with <see cref="Prepare"/>) and writes them.</summary>
    Task EnqueueManyAsync(IReadOnlyCollection<EmailDraft> drafts, CancellationToken cancellationToken);
}

/// <summary>
/// An email rendered for <see cref="IEmailOutbox.EnqueueManyAsync(IReadOnlyCollection{PreparedEmail}, CancellationToken)"/>
/// but not yet written. What is known only inside the caller's transaction (the row it belongs to, a calendar part
/// worked out from what is saved) is not part of the body, so it is set afterwards without rendering again.
/// </summary>
public sealed class PreparedEmail
{
    internal PreparedEmail(OutboxMessage row) => Row = row;

    internal OutboxMessage Row { get; }

    public string ToAddress => Row.ToAddress;

    /// <summary>Sets the recipient row the email belongs to and its calendar part (null: none).</summary>
    public PreparedEmail Complete(int? invitationRecipientId, string? calendarContent, string? calendarMethod)
    {
        Row.InvitationRecipientId = invitationRecipientId;
        Row.CalendarContent = calendarContent;
        Row.CalendarMethod = calendarMethod;
        return this;
    }
}

public sealed class EmailOutbox(AppDbContext db, TimeProvider time, OutboxSaveChangesInterceptor interceptor, WithheldLinks withheld) : IEmailOutbox
{
    public OutboxMessage Enqueue(EmailDraft draft)
    {
        var message = Create(draft, time.GetUtcNow().UtcDateTime);
        Operations.OperationsMetrics.EmailQueued(message.Kind);
        db.OutboxMessages.Add(message);
        return message;
    }

    public PreparedEmail Prepare(EmailDraft draft) => new(Create(draft, time.GetUtcNow().UtcDateTime));

    public Task EnqueueManyAsync(IReadOnlyCollection<EmailDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        return EnqueueManyAsync(drafts.Select(Prepare).ToList(), cancellationToken);
    }

    public async Task EnqueueManyAsync(IReadOnlyCollection<PreparedEmail> emails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        _ = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("EnqueueManyAsync writes at once: call it inside the caller's transaction.");
        if (emails.Count == 0)
        {
            return;
        }

        foreach (var email in emails)
        {
            Operations.OperationsMetrics.EmailQueued(email.Row.Kind);
        }

        if (!db.Database.IsSqlite())
        {
            foreach (var email in emails)
            {
                // A retried attempt (SQL Server's execution strategy) adds the same rows again.
                email.Row.Id = 0;
                db.OutboxMessages.Add(email.Row);
            }

            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var insert = PreparedInsert.Prepare<OutboxMessage>(db, InsertedProperties);
        foreach (var m in emails.Select(e => e.Row))
        {
            PreparedInsert.Bind(insert, m.Kind, m.ToAddress, m.ToName, m.Subject, m.TextBody, m.HtmlBody, m.ProtectedLinks, m.CalendarContent, m.CalendarMethod,
                m.RoundtableId, m.InvitationRecipientId, m.DedupeKey, (int)m.Status, m.Attempts, m.NextAttemptUtc, m.CreatedUtc);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        interceptor.QueuedInTransaction(db);
    }

    private static readonly string[] InsertedProperties =
    [
        nameof(OutboxMessage.Kind), nameof(OutboxMessage.ToAddress), nameof(OutboxMessage.ToName), nameof(OutboxMessage.Subject),
        nameof(OutboxMessage.TextBody), nameof(OutboxMessage.HtmlBody), nameof(OutboxMessage.ProtectedLinks), nameof(OutboxMessage.CalendarContent), nameof(OutboxMessage.CalendarMethod),
        nameof(OutboxMessage.RoundtableId), nameof(OutboxMessage.InvitationRecipientId), nameof(OutboxMessage.DedupeKey), nameof(OutboxMessage.Status),
        nameof(OutboxMessage.Attempts), nameof(OutboxMessage.NextAttemptUtc), nameof(OutboxMessage.CreatedUtc),
    ];

    private OutboxMessage Create(EmailDraft draft, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new OutboxMessage
        {
            Kind = draft.Kind,
            ToAddress = HeaderText.SingleLine(draft.ToAddress),
            ToName = draft.ToName is null ? null : HeaderText.SingleLine(draft.ToName),
            Subject = HeaderText.SingleLine(draft.Subject),
            TextBody = draft.Body.ToText(withhold: true),
            HtmlBody = draft.Body.ToHtml(HeaderText.SingleLine(draft.Subject), withhold: true),
            ProtectedLinks = withheld.Protect(draft.Body.PersonalLinks),
            CalendarContent = draft.CalendarContent,
            CalendarMethod = draft.CalendarMethod,
            RoundtableId = draft.RoundtableId,
            InvitationRecipientId = draft.InvitationRecipientId,
            DedupeKey = draft.DedupeKey,
            Status = OutboxStatus.Queued,
            NextAttemptUtc = draft.NotBeforeUtc ?? now,
            CreatedUtc = now,
        };
    }
}

/// <summary>
/// Cleans text on its way into a format where a line break starts a new field: mail headers and iCalendar content
/// lines. The input rules refuse such characters where text enters; this holds whatever is stored.
/// </summary>
public static class HeaderText
{
    /// <summary>Values that end up in mail headers never carry line breaks or other control characters (header injection).</summary>
    public static string SingleLine(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var chars = value.Select(c => IsBreaking(c) ? ' ' : c).ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Text that may run over several lines: line breaks become LF, other control characters go.</summary>
    public static string MultiLine(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var lines = value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r', '\u2028', '\u2029', '\u0085');
        return string.Join('\n', lines.Select(line => new string(line.Select(c => c == '\t' ? ' ' : c).Where(c => !IsBreaking(c)).ToArray())));
    }

    /// <summary>A quoted parameter value (iCalendar CN): one line, and no DQUOTE, which would end the quoting.</summary>
    public static string Parameter(string value) => SingleLine(value).Replace('"', '\'');

    /// <summary>An address: nothing that could end a line or a field, no spaces.</summary>
    public static string Address(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new string(value.Where(c => !IsBreaking(c) && !char.IsWhiteSpace(c) && c != '"').ToArray());
    }

    private static bool IsBreaking(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
