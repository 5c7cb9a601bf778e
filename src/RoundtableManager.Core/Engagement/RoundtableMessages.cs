using System.Security.Cryptography;
using System.Text;

namespace RoundtableManager.Core.Engagement;

public sealed record MessageInput(string? Subject, string? Body, MessageGroups Groups);

public sealed record MessageAuthor(string? UserId, string Name);

/// <summary>One person a message would go to (or went to): their organisation, and every chosen group they are in.</summary>
public sealed record MessageRecipientView(int OrganisationId, string OrganisationName, string Name, string Email, MessageGroups Groups);

/// <summary>A draft or sent message with the roundtable it belongs to.</summary>
public sealed record MessageView(int Id, int RoundtableId, string RoundtableTitle, string Subject, string Body, MessageGroups Groups,
    string CreatedByName, DateTime? SentUtc, string? SentByName, int RecipientCount);

/// <summary>
/// Messages from organisers to a roundtable's people chosen by status: a draft, a check page of exactly who gets it, and
/// one send through the outbox (one email per person, however many groups they are in; nobody outside the groups).
/// </summary>
public sealed class RoundtableMessages(AppDbContext db, IEmailOutbox outbox, IAuditLog audit, TimeProvider time)
{
    public const string EmailKind = "RoundtableMessage";
    public const string ChangedMessage = "The people this message would go to have changed since you checked. Check who gets it again, then send.";

    public static readonly IReadOnlyList<MessageGroups> AllGroups =
        [MessageGroups.AcceptedRecipients, MessageGroups.ConfirmedDelegates, MessageGroups.Waitlisted, MessageGroups.NoReply];

    /// <summary>Saves a new draft (or changes one not yet sent). Returns its id.</summary>
    public async Task<CommandResult<int>> SaveDraftAsync(int roundtableId, int? messageId, MessageInput input, MessageAuthor author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(author);
        if (!await db.Roundtables.AnyAsync(r => r.Id == roundtableId, cancellationToken))
        {
            return CommandResult.NotFound().As<int>();
        }

        var message = messageId is null ? null : await db.RoundtableMessages.FirstOrDefaultAsync(m => m.Id == messageId && m.RoundtableId == roundtableId, cancellationToken);
        if (messageId is not null && message is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (message?.SentUtc is not null)
        {
            return CommandResult.NotAllowed("This message has been sent and can no longer be changed").As<int>();
        }

        var errors = new List<FieldError>();
        var subject = errors.CheckSingleLine(nameof(MessageInput.Subject), "Subject", input.Subject, RoundtableMessage.SubjectMaxLength, "Enter a subject");
        var body = errors.CheckMultiLine(nameof(MessageInput.Body), "Message", input.Body, RoundtableMessage.BodyMaxLength, "Enter the message");
        var groups = input.Groups & AllGroups.Aggregate(MessageGroups.None, (a, g) => a | g);
        if (groups == MessageGroups.None)
        {
            errors.Add(new(nameof(MessageInput.Groups), "Select who the message is for"));
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (message is null)
        {
            message = new RoundtableMessage { RoundtableId = roundtableId, CreatedByUserId = author.UserId, CreatedByName = author.Name, CreatedUtc = now };
            db.RoundtableMessages.Add(message);
        }

        message.Subject = subject!;
        message.Body = body!;
        message.Groups = groups;
        message.UpdatedUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(message.Id);
    }

    public Task<MessageView?> GetAsync(int roundtableId, int messageId, CancellationToken cancellationToken) =>
        db.RoundtableMessages.AsNoTracking().Where(m => m.Id == messageId && m.RoundtableId == roundtableId)
            .Join(db.Roundtables, m => m.RoundtableId, r => r.Id, (m, r) => new MessageView(m.Id, m.RoundtableId, r.Title, m.Subject, m.Body, m.Groups, m.CreatedByName, m.SentUtc, m.SentByName, m.RecipientCount))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The roundtable's messages, newest first (drafts too).</summary>
    public async Task<IReadOnlyList<MessageView>> ListAsync(int roundtableId, CancellationToken cancellationToken) =>
        await db.RoundtableMessages.AsNoTracking().Where(m => m.RoundtableId == roundtableId).OrderByDescending(m => m.Id)
            .Join(db.Roundtables, m => m.RoundtableId, r => r.Id, (m, r) => new MessageView(m.Id, m.RoundtableId, r.Title, m.Subject, m.Body, m.Groups, m.CreatedByName, m.SentUtc, m.SentByName, m.RecipientCount))
            .ToListAsync(cancellationToken);

    /// <summary>Who a sent message went to, as recorded when it was sent.</summary>
    public async Task<IReadOnlyList<MessageRecipientView>> SentToAsync(int messageId, CancellationToken cancellationToken) =>
        await db.RoundtableMessageRecipients.AsNoTracking().Where(r => r.MessageId == messageId)
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { r, o.Name })
            .OrderBy(x => x.Name).ThenBy(x => x.r.Name)
            .Select(x => new MessageRecipientView(x.r.OrganisationId, x.Name, x.r.Name, x.r.Email, x.r.Groups))
            .ToListAsync(cancellationToken);

    /// <summary>How many people are in each group now (a person in two groups counts in both), for the compose page.</summary>
    public async Task<IReadOnlyDictionary<MessageGroups, int>> GroupSizesAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var people = await PeopleAsync(roundtableId, cancellationToken);
        return AllGroups.ToDictionary(g => g, g => people.Count(p => p.Groups.HasFlag(g)));
    }

    /// <summary>Exactly who a message to these groups goes to now: one row per address (ignoring case), by organisation then name.</summary>
    public async Task<IReadOnlyList<MessageRecipientView>> RecipientsAsync(int roundtableId, MessageGroups groups, CancellationToken cancellationToken) =>
        (await PeopleAsync(roundtableId, cancellationToken))
            .Where(p => (p.Groups & groups) != MessageGroups.None)
            .Select(p => p with { Groups = p.Groups & groups })
            .OrderBy(p => p.OrganisationName, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

    /// <summary>A short fingerprint of a recipient list, carried by the check page so a send to a different list is refused.</summary>
    public static string Fingerprint(IEnumerable<MessageRecipientView> recipients) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', recipients.Select(r => Normalise(r.Email)).Order(StringComparer.Ordinal)))))[..16];

    /// <summary>
    /// Sends the draft once: one email per person through the outbox (so retries and the email log apply), a recipient
    /// row per person for their organisation's record, all in one transaction. Refused when the recipients are not the
    /// ones the check page showed (<paramref name="fingerprint"/>), or when it has been sent already.
    /// </summary>
    public async Task<CommandResult<int>> SendAsync(int roundtableId, int messageId, string? fingerprint, MessageAuthor author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(author);
        // Rendered before the transaction, so the write lock is held for the writes only (on SQLite every other writer
        // waits for it); used inside only if nothing the emails were rendered from has changed meanwhile.
        var ahead = await RenderAsync(roundtableId, messageId, author, cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var message = await db.RoundtableMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.RoundtableId == roundtableId, cancellationToken);
            if (message is null)
            {
                return CommandResult.NotFound().As<int>();
            }

            if (message.SentUtc is not null)
            {
                return CommandResult.Unchanged(message.RecipientCount);
            }

            var recipients = await RecipientsAsync(roundtableId, message.Groups, cancellationToken);
            if (recipients.Count == 0)
            {
                return CommandResult.NotAllowed("Nobody is in the chosen groups: there is no one to send this message to").As<int>();
            }

            if (!string.Equals(fingerprint, Fingerprint(recipients), StringComparison.Ordinal))
            {
                return CommandResult.Conflict(ChangedMessage).As<int>();
            }

            var now = time.GetUtcNow().UtcDateTime;
            // Claim the draft first, so a double-clicked send cannot send twice.
            var claimed = await db.RoundtableMessages.Where(m => m.Id == messageId && m.SentUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentUtc, now).SetProperty(m => m.SentByName, author.Name).SetProperty(m => m.RecipientCount, recipients.Count), cancellationToken);
            if (claimed == 0)
            {
                return CommandResult.Unchanged(message.RecipientCount);
            }

            var source = await SourceAsync(message, recipients, author, cancellationToken);
            db.RoundtableMessageRecipients.AddRange(recipients.Select(r => new RoundtableMessageRecipient { MessageId = messageId, OrganisationId = r.OrganisationId, Name = r.Name, Email = r.Email, Groups = r.Groups }));
            await db.SaveChangesAsync(cancellationToken);
            await outbox.EnqueueManyAsync(ahead is not null && ahead.Source.Equals(source) ? ahead.Emails : Render(source), cancellationToken);
            audit.Record("Message.Sent", $"Sent the message \"{message.Subject}\" to {Plural.Count(recipients.Count, "person", "people")} ({Describe(message.Groups)})",
                "Roundtable", roundtableId.ToString(CultureInfo.InvariantCulture), actor: (author.UserId, author.Name));
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done(recipients.Count);
        }, cancellationToken);
    }

    public static string Describe(MessageGroups groups) => string.Join(", ", AllGroups.Where(g => groups.HasFlag(g)).Select(Name));

    /// <summary>Why one person gets it, briefly ("Confirmed delegate, Invited (accepted)").</summary>
    public static string Why(MessageGroups groups) => string.Join(", ", AllGroups.Where(g => groups.HasFlag(g)).Select(g => g switch
    {
        MessageGroups.AcceptedRecipients => "Invited (accepted)",
        MessageGroups.ConfirmedDelegates => "Confirmed delegate",
        MessageGroups.Waitlisted => "Waitlisted delegate",
        _ => "Invited (no reply yet)",
    }));

    public static string Name(MessageGroups group) => group switch
    {
        MessageGroups.AcceptedRecipients => "people invited from organisations that accepted",
        MessageGroups.ConfirmedDelegates => "confirmed delegates",
        MessageGroups.Waitlisted => "waitlisted delegates",
        MessageGroups.NoReply => "people invited from organisations that have not replied",
        _ => "",
    };

    /// <summary>Everything the emails of a send are rendered from: equal sources give equal emails.</summary>
    private sealed record MessageSource(int RoundtableId, string Subject, string Body, string RoundtableTitle, string When, string Sender, IReadOnlyList<MessageRecipientView> Recipients)
    {
        public bool Equals(MessageSource? other) => other is not null && RoundtableId == other.RoundtableId && Subject == other.Subject && Body == other.Body
            && RoundtableTitle == other.RoundtableTitle && When == other.When && Sender == other.Sender && Recipients.SequenceEqual(other.Recipients);

        public override int GetHashCode() => HashCode.Combine(RoundtableId, Subject, Body, RoundtableTitle, When, Sender, Recipients.Count);
    }

    private sealed record RenderedAhead(MessageSource Source, IReadOnlyCollection<PreparedEmail> Emails);

    /// <summary>The emails of an unsent draft as things are now (outside any transaction); null when there is nothing to send.</summary>
    private async Task<RenderedAhead?> RenderAsync(int roundtableId, int messageId, MessageAuthor author, CancellationToken cancellationToken)
    {
        var message = await db.RoundtableMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.RoundtableId == roundtableId && m.SentUtc == null, cancellationToken);
        if (message is null)
        {
            return null;
        }

        var recipients = await RecipientsAsync(roundtableId, message.Groups, cancellationToken);
        if (recipients.Count == 0)
        {
            return null;
        }

        var source = await SourceAsync(message, recipients, author, cancellationToken);
        return new RenderedAhead(source, Render(source));
    }

    private async Task<MessageSource> SourceAsync(RoundtableMessage message, IReadOnlyList<MessageRecipientView> recipients, MessageAuthor author, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().Where(r => r.Id == message.RoundtableId).Select(r => new { r.Title, r.StartsUtc, r.EndsUtc }).FirstAsync(cancellationToken);
        return new MessageSource(message.RoundtableId, message.Subject, message.Body, roundtable.Title, UkTime.FormatRange(roundtable.StartsUtc, roundtable.EndsUtc), author.Name, recipients);
    }

    private List<PreparedEmail> Render(MessageSource source) => source.Recipients.Select(to =>
    {
        var body = new EmailBody().Heading(source.Subject);
        foreach (var paragraph in source.Body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            body.Paragraph(paragraph);
        }

        body.Details(("Roundtable", source.RoundtableTitle), ("When", source.When), ("From", source.Sender));
        return outbox.Prepare(new EmailDraft(EmailKind, HeaderText.Address(to.Email), HeaderText.SingleLine(to.Name), HeaderText.SingleLine(source.Subject), body) { RoundtableId = source.RoundtableId });
    }).ToList();

    private static string Normalise(string email) => email.Trim().ToUpperInvariant();

    /// <summary>Everyone the roundtable could message, one row per address with every group they are in.</summary>
    private async Task<List<MessageRecipientView>> PeopleAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var invited = await db.InvitationRecipients.AsNoTracking()
            .Where(r => r.Invitation.RoundtableId == roundtableId && r.Invitation.RevokedUtc == null && r.RevokedUtc == null && r.ErasedUtc == null
                && r.Invitation.Response != InvitationResponse.Declined)
            .Select(r => new { r.Invitation.OrganisationId, Organisation = r.Invitation.Organisation.Name, r.Name, r.Email, r.Invitation.Response })
            .ToListAsync(cancellationToken);
        var delegates = await db.Delegates.AsNoTracking()
            .Where(d => d.RoundtableId == roundtableId && d.Invitation.RevokedUtc == null && d.ErasedUtc == null)
            .Select(d => new { d.Invitation.OrganisationId, Organisation = d.Invitation.Organisation.Name, d.FullName, d.Email, d.Status })
            .ToListAsync(cancellationToken);

        var people = new Dictionary<string, MessageRecipientView>(StringComparer.Ordinal);
        void Add(int organisationId, string organisation, string name, string email, MessageGroups group)
        {
            var key = Normalise(email);
            people[key] = people.TryGetValue(key, out var known) ? known with { Groups = known.Groups | group } : new(organisationId, organisation, name, email, group);
        }

        foreach (var r in invited)
        {
            Add(r.OrganisationId, r.Organisation, r.Name, r.Email, r.Response == InvitationResponse.Accepted ? MessageGroups.AcceptedRecipients : MessageGroups.NoReply);
        }

        foreach (var d in delegates)
        {
            Add(d.OrganisationId, d.Organisation, d.FullName, d.Email, d.Status == DelegateStatus.Confirmed ? MessageGroups.ConfirmedDelegates : MessageGroups.Waitlisted);
        }

        return people.Values.ToList();
    }
}

/// <summary>Messages sent to an organisation's people, on its record.</summary>
public sealed class MessageTimelineSource(AppDbContext db) : ITimelineSource
{
    public TimelineKind Kind { get; } = new("messages", "Messages to attendees", Order: 60);

    public async Task<IReadOnlyList<TimelineEntry>> FindAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var organisation = query.OrganisationId;
        var rows = await SentTo(db, organisation)
            .Window(query, Kind.Code, m => m.SentUtc!.Value, m => m.Id)
            .Select(m => new
            {
                m.Id, m.RoundtableId, m.Subject, Sent = m.SentUtc!.Value, m.SentByName,
                Roundtable = db.Roundtables.Where(r => r.Id == m.RoundtableId).Select(r => r.Title).First(),
                People = db.RoundtableMessageRecipients.Where(r => r.MessageId == m.Id && r.OrganisationId == organisation).Select(r => r.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(m => m.Sent).ThenByDescending(m => m.Id)
            .Select(m => new TimelineEntry(Kind.Code, m.Sent, m.Id, $"Message about {m.Roundtable}: {m.Subject}", $"To {string.Join(", ", m.People)}",
                $"/roundtables/{m.RoundtableId}/messages/{m.Id}") { Actor = m.SentByName })
            .ToList();
    }

    /// <summary>
    /// The sent messages that reached <paramref name="organisationId"/>, read from its own recipient rows (the
    /// (OrganisationId, MessageId) index, then each message by key): an EXISTS per message read every message ever sent.
    /// </summary>
    public static IQueryable<RoundtableMessage> SentTo(AppDbContext db, int organisationId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var received = db.RoundtableMessageRecipients.Where(r => r.OrganisationId == organisationId).Select(r => r.MessageId);
        return db.RoundtableMessages.AsNoTracking().Where(m => m.SentUtc != null && received.Contains(m.Id));
    }
}
