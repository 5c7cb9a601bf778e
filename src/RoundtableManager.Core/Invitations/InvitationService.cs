using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RoundtableManager.Core.Agenda;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Email;
using RoundtableManager.Core.Roundtables;

namespace RoundtableManager.Core.Invitations;

public enum InviteOutcome
{
    Sent,
    NotFound,
    NotOpen,
    DeadlinePassed,
    NothingToSend,
}

public sealed record InviteResult(InviteOutcome Outcome, int Organisations = 0, int Recipients = 0);

public sealed record EmailPreview(string Subject, string Text);

/// <summary>What a valid personal link shows before the supplier portal exists.</summary>
public sealed record InvitationLanding(string RoundtableTitle, DateTime StartsUtc, DateTime EndsUtc, string? VenueAddress, DateTime RsvpDeadlineUtc, string OrganisationName, string ContactAddress);

public sealed class InvitationService(AppDbContext db, IEmailOutbox outbox, AgendaService agenda, IOptions<EmailOptions> emailOptions, TimeProvider time)
{
    public const string InvitationKind = "Invitation";
    public const string UpdateKind = "InvitationUpdate";
    public const string CancellationKind = "InvitationCancellation";

    private EmailOptions Email => emailOptions.Value;

    /// <summary>
    /// Invites the contacts' organisations (one invitation per organisation; an existing one is reused) and queues a
    /// personal email to each contact not already invited. Everything is written in one transaction (the invitations,
    /// then the emails in bulk, see <see cref="IEmailOutbox.EnqueueManyAsync"/>), so sending to thousands of contacts
    /// returns quickly, holds the database's write lock briefly, and the sender delivers in the background.
    /// </summary>
    public async Task<InviteResult> SendInvitationsAsync(int roundtableId, IReadOnlyCollection<int> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var roundtable = await db.Roundtables.SingleOrDefaultAsync(r => r.Id == roundtableId, cancellationToken);
        var refusal = CheckCanInvite(roundtable);
        if (refusal is not null)
        {
            return new(refusal.Value);
        }

        var ids = contactIds.Distinct().ToList();
        var contacts = await db.Contacts.Include(c => c.Organisation)
            .Where(c => ids.Contains(c.Id) && !c.Organisation.IsArchived && c.ErasedUtc == null)
            .ToListAsync(cancellationToken);
        var organisationIds = contacts.Select(c => c.OrganisationId).Distinct().ToList();
        var existing = await db.Invitations.Include(i => i.Recipients)
            .Where(i => i.RoundtableId == roundtableId && organisationIds.Contains(i.OrganisationId))
            .ToDictionaryAsync(i => i.OrganisationId, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        int organisations = 0, recipients = 0;
        var queued = new List<(InvitationRecipient Recipient, EmailDraft Draft)>();
        foreach (var group in contacts.GroupBy(c => c.OrganisationId))
        {
            if (!existing.TryGetValue(group.Key, out var invitation))
            {
                invitation = new Invitation { Roundtable = roundtable!, OrganisationId = group.Key, Organisation = group.First().Organisation, CreatedUtc = now };
                db.Invitations.Add(invitation);
            }

            invitation.RevokedUtc = null;
            var issued = 0;
            foreach (var contact in group)
            {
                var recipient = invitation.Recipients.SingleOrDefault(r => r.ContactId == contact.Id);
                if (recipient is { RevokedUtc: null })
                {
                    continue;
                }

                if (recipient is null)
                {
                    recipient = new InvitationRecipient
                    {
                        ContactId = contact.Id,
                        CalendarUid = InvitationCalendar.Uid(roundtableId, contact.Id),
                        CreatedUtc = now,
                    };
                    invitation.Recipients.Add(recipient);
                }

                recipient.Email = contact.Email;
                recipient.Name = contact.FullName;
                recipient.RevokedUtc = null;
                queued.Add((recipient, Issue(roundtable!, group.First().Organisation.Name, recipient, now)));
                issued++;
            }

            if (issued > 0)
            {
                organisations++;
                recipients += issued;
            }
        }

        if (recipients == 0)
        {
            return new(InviteOutcome.NothingToSend);
        }

        if (!db.Database.IsSqlite())
        {
            // SQL Server: one SaveChanges as before (its retrying execution strategy and a transaction of our own do not mix).
            foreach (var (recipient, draft) in queued)
            {
                recipient.Messages.Add(outbox.Enqueue(draft));
            }

            await db.SaveChangesAsync(cancellationToken);
            return new(InviteOutcome.Sent, organisations, recipients);
        }

        // SQLite: the recipients first, so each email can carry its recipient's id, then the emails in bulk; all of it
        // commits or none of it does.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await outbox.EnqueueManyAsync(queued.Select(q => q.Draft with { InvitationRecipientId = q.Recipient.Id }).ToList(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new(InviteOutcome.Sent, organisations, recipients);
    }

    /// <summary>Issues a new link to one recipient (the old link stops working) and queues the invitation again.</summary>
    public async Task<InviteResult> ResendAsync(int invitationId, int recipientId, CancellationToken cancellationToken)
    {
        var recipient = await db.InvitationRecipients
            .Include(r => r.Invitation).ThenInclude(i => i.Roundtable)
            .Include(r => r.Invitation).ThenInclude(i => i.Organisation)
            .SingleOrDefaultAsync(r => r.Id == recipientId && r.InvitationId == invitationId, cancellationToken);
        if (recipient is null || recipient.RevokedUtc is not null || recipient.Invitation.RevokedUtc is not null)
        {
            return new(InviteOutcome.NotFound);
        }

        var refusal = CheckCanInvite(recipient.Invitation.Roundtable);
        if (refusal is not null)
        {
            return new(refusal.Value);
        }

        var draft = Issue(recipient.Invitation.Roundtable, recipient.Invitation.Organisation.Name, recipient, time.GetUtcNow().UtcDateTime);
        recipient.Messages.Add(outbox.Enqueue(draft));
        await db.SaveChangesAsync(cancellationToken);
        await CancelQueuedAsync(db.OutboxMessages.Where(m => m.InvitationRecipientId == recipientId && m.Kind == InvitationKind), keepLatest: true, cancellationToken);
        return new(InviteOutcome.Sent, 1, 1);
    }

    /// <summary>Revokes one recipient's link. Their invitation email is withdrawn if it has not gone yet.</summary>
    public async Task<bool> RevokeRecipientAsync(int invitationId, int recipientId, CancellationToken cancellationToken)
    {
        var recipient = await db.InvitationRecipients.SingleOrDefaultAsync(r => r.Id == recipientId && r.InvitationId == invitationId && r.RevokedUtc == null, cancellationToken);
        if (recipient is null)
        {
            return false;
        }

        recipient.RevokedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await CancelQueuedAsync(db.OutboxMessages.Where(m => m.InvitationRecipientId == recipientId), keepLatest: false, cancellationToken);
        return true;
    }

    /// <summary>Revokes the organisation's invitation: every link stops working and unsent emails are withdrawn.</summary>
    public async Task<bool> RevokeInvitationAsync(int invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.RevokedUtc == null, cancellationToken);
        if (invitation is null)
        {
            return false;
        }

        invitation.RevokedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await CancelQueuedAsync(db.OutboxMessages.Where(m => db.InvitationRecipients.Any(r => r.InvitationId == invitationId && r.Id == m.InvitationRecipientId)), keepLatest: false, cancellationToken);
        return true;
    }

    /// <summary>
    /// Checks a personal link and records when it was first opened. Nothing else changes: mail scanners fetch links
    /// before people do, so opening a link must not accept, decline or use anything up. Returns null for a wrong,
    /// expired or revoked token alike.
    /// </summary>
    public async Task<InvitationLanding?> OpenLinkAsync(string? token, CancellationToken cancellationToken)
    {
        if (!InvitationToken.LooksValid(token))
        {
            return null;
        }

        var hash = InvitationToken.Hash(token!);
        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.InvitationRecipients.AsNoTracking()
            .Where(r => r.TokenHash == hash)
            .Select(r => new
            {
                r.Id,
                r.LinkOpenedUtc,
                Usable = r.RevokedUtc == null && r.Invitation.RevokedUtc == null && r.Invitation.Roundtable.Status != RoundtableStatus.Cancelled,
                Landing = new InvitationLanding(r.Invitation.Roundtable.Title, r.Invitation.Roundtable.StartsUtc, r.Invitation.Roundtable.EndsUtc,
                    r.Invitation.Roundtable.VenueAddress, r.Invitation.Roundtable.RsvpDeadlineUtc, r.Invitation.Organisation.Name, ""),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || !found.Usable || now > found.Landing.RsvpDeadlineUtc)
        {
            return null;
        }

        if (found.LinkOpenedUtc is null)
        {
            await db.InvitationRecipients.Where(r => r.Id == found.Id && r.LinkOpenedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LinkOpenedUtc, now), cancellationToken);
        }

        return found.Landing with { ContactAddress = Email.FromAddress };
    }

    public async Task<IReadOnlyList<InvitationView>> ListAsync(int? roundtableId, int? invitationId, CancellationToken cancellationToken)
    {
        var rows = await db.Invitations.AsNoTracking()
            .Where(i => (roundtableId == null || i.RoundtableId == roundtableId) && (invitationId == null || i.Id == invitationId))
            .OrderBy(i => i.Organisation.Name)
            .Select(i => new
            {
                i.Id,
                i.RoundtableId,
                i.OrganisationId,
                OrganisationName = i.Organisation.Name,
                i.Response,
                i.RespondedUtc,
                i.RevokedUtc,
                Recipients = i.Recipients.OrderBy(r => r.Name).Select(r => new
                {
                    r.Id,
                    r.ContactId,
                    r.Name,
                    r.Email,
                    r.TokenIssuedUtc,
                    r.LinkOpenedUtc,
                    Revoked = r.RevokedUtc != null,
                    Latest = r.Messages.OrderByDescending(m => m.Id).Select(m => new { m.Status, m.LastError }).FirstOrDefault(),
                }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return rows.Select(i => new InvitationView(i.Id, i.RoundtableId, i.OrganisationId, i.OrganisationName, i.Response, i.RespondedUtc, i.RevokedUtc,
            i.Recipients.Select(r =>
            {
                var state = InvitationView.Derive(r.Revoked, i.Response, r.LinkOpenedUtc, r.Latest?.Status);
                return new RecipientView(r.Id, r.ContactId, r.Name, r.Email, state, state == InvitationState.Failed ? r.Latest?.LastError : null, r.TokenIssuedUtc, r.LinkOpenedUtc);
            }).ToList())).ToList();
    }

    /// <summary>The invitation email as a recipient will read it, with a placeholder where their personal link goes.</summary>
    public EmailPreview Preview(Roundtable roundtable, string organisationName, string recipientName)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        var draft = InvitationDraft(roundtable, organisationName, recipientName, "recipient@example.invalid", BaseUrl + "/invitation/(a personal link for each person)");
        return new(draft.Subject, draft.Body.ToText());
    }

    /// <summary>Queues a calendar update (REQUEST) or cancellation (CANCEL) to everyone currently invited. The caller saves.</summary>
    public async Task<int> QueueCalendarChangeAsync(Roundtable roundtable, string method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        var recipients = await db.InvitationRecipients
            .Where(r => r.Invitation.RoundtableId == roundtable.Id && r.RevokedUtc == null && r.Invitation.RevokedUtc == null)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var cancel = method == InvitationCalendar.Cancel;
        foreach (var recipient in recipients)
        {
            var body = new EmailBody()
                .Heading(cancel ? "A roundtable you were invited to is cancelled" : "A roundtable you are invited to has changed")
                .Paragraph($"Dear {recipient.Name},")
                .Paragraph(cancel
                    ? $"{roundtable.Title} will not go ahead. The calendar entry with this email removes it from your calendar."
                    : $"The time or place of {roundtable.Title} has changed. The calendar entry with this email updates your calendar.")
                .Details(Details(roundtable, includeDeadline: !cancel));
            if (!cancel)
            {
                body.Paragraph("To reply, use the personal link in your invitation email.");
            }

            body.Paragraph($"If you have a question, email the roundtable team at {Email.FromAddress}.");
            var message = outbox.Enqueue(new EmailDraft(cancel ? CancellationKind : UpdateKind, recipient.Email, recipient.Name,
                (cancel ? "Cancelled: " : "Changed: ") + roundtable.Title, body)
            {
                CalendarContent = InvitationCalendar.Build(roundtable, recipient, method, Email.FromAddress, Email.FromName, now),
                CalendarMethod = method,
                RoundtableId = roundtable.Id,
                InvitationRecipientId = recipient.Id,
            });
            recipient.Messages.Add(message);
        }

        // Confirmed delegates have calendar entries of their own (their own UID): move or cancel those too.
        var delegates = await db.Delegates
            .Where(d => d.RoundtableId == roundtable.Id && d.Status == Rsvp.DelegateStatus.Confirmed && d.Invitation.RevokedUtc == null)
            .ToListAsync(cancellationToken);
        var agendaText = cancel || delegates.Count == 0 ? null : await agenda.ToPlainTextAsync(roundtable.Id, cancellationToken);
        foreach (var person in delegates)
        {
            var body = new EmailBody()
                .Heading(cancel ? "A roundtable you were to attend is cancelled" : "A roundtable you are attending has changed")
                .Paragraph($"Dear {person.FullName},")
                .Paragraph(cancel
                    ? $"{roundtable.Title} will not go ahead. The calendar entry with this email removes it from your calendar."
                    : $"The time or place of {roundtable.Title} has changed. The calendar entry with this email updates your calendar. Your place is kept.")
                .Details(Details(roundtable, includeDeadline: false))
                .Paragraph($"If you have a question, email the roundtable team at {Email.FromAddress}.");
            outbox.Enqueue(new EmailDraft(cancel ? CancellationKind : UpdateKind, person.Email, person.FullName,
                (cancel ? "Cancelled: " : "Changed: ") + roundtable.Title, body)
            {
                CalendarContent = InvitationCalendar.Build(roundtable, person.AsCalendarAttendee(), method, Email.FromAddress, Email.FromName, now, agendaText),
                CalendarMethod = method,
                RoundtableId = roundtable.Id,
            });
        }

        return recipients.Count + delegates.Count;
    }

    private InviteOutcome? CheckCanInvite(Roundtable? roundtable) => roundtable switch
    {
        null => InviteOutcome.NotFound,
        { Status: not RoundtableStatus.OpenForResponses } => InviteOutcome.NotOpen,
        _ when time.GetUtcNow().UtcDateTime >= roundtable.RsvpDeadlineUtc => InviteOutcome.DeadlinePassed,
        _ => null,
    };

    private string BaseUrl => Email.PublicBaseUrl.TrimEnd('/');

    /// <summary>Issues a new link to the recipient and returns the invitation email that carries it, for the caller to queue.</summary>
    private EmailDraft Issue(Roundtable roundtable, string organisationName, InvitationRecipient recipient, DateTime now)
    {
        if (now >= roundtable.RsvpDeadlineUtc)
        {
            throw new InvalidOperationException("Invitations cannot be issued after the reply-by deadline.");
        }

        var (token, hash) = InvitationToken.Create();
        recipient.TokenHash = hash;
        recipient.TokenIssuedUtc = now;
        return InvitationDraft(roundtable, organisationName, recipient.Name, recipient.Email, $"{BaseUrl}/invitation/{token}") with
        {
            CalendarContent = InvitationCalendar.Build(roundtable, recipient, InvitationCalendar.Request, Email.FromAddress, Email.FromName, now),
            CalendarMethod = InvitationCalendar.Request,
            RoundtableId = roundtable.Id,
            InvitationRecipientId = recipient.Id == 0 ? null : recipient.Id,
        };
    }

    private EmailDraft InvitationDraft(Roundtable roundtable, string organisationName, string recipientName, string recipientEmail, string link)
    {
        var body = new EmailBody()
            .Heading($"You are invited: {roundtable.Title}")
            .Paragraph($"Dear {recipientName},")
            .Paragraph($"{organisationName} is invited to a roundtable hosted by the UK government and the National Cyber Security Centre (NCSC). Your organisation may send up to {Plural.Count(roundtable.DelegatesPerOrganisation, "delegate")}.")
            .Details(Details(roundtable, includeDeadline: true));
        if (!string.IsNullOrWhiteSpace(roundtable.Description))
        {
            body.Paragraph(roundtable.Description);
        }

        return new EmailDraft(InvitationKind, recipientEmail, recipientName, "Invitation: " + roundtable.Title, body
            .Link("Reply to this invitation", link)
            .Inset($"This link is personal to you: do not forward it. It works until the reply-by time, {UkTime.Format(roundtable.RsvpDeadlineUtc)}.")
            .Paragraph($"If you have a question, email the roundtable team at {Email.FromAddress}."));
    }

    private static (string, string)[] Details(Roundtable roundtable, bool includeDeadline)
    {
        var rows = new List<(string, string)>
        {
            ("Roundtable", roundtable.Title),
            ("When", UkTime.FormatRange(roundtable.StartsUtc, roundtable.EndsUtc) + " (UK time)"),
            ("Where", string.IsNullOrWhiteSpace(roundtable.VenueAddress)
                ? "Online. Joining details go to your delegates once your organisation accepts."
                : roundtable.VenueAddress),
        };
        if (includeDeadline)
        {
            rows.Add(("Reply by", UkTime.Format(roundtable.RsvpDeadlineUtc)));
        }

        return [.. rows];
    }

    /// <summary>
    /// Withdraws emails that no longer make sense (their link was replaced or revoked) if the sender has not claimed
    /// them yet. The conditional update cannot take a row the sender already holds.
    /// </summary>
    private static async Task CancelQueuedAsync(IQueryable<OutboxMessage> messages, bool keepLatest, CancellationToken cancellationToken)
    {
        var latest = keepLatest ? await messages.MaxAsync(m => (long?)m.Id, cancellationToken) : null;
        await messages.Where(m => m.Status == OutboxStatus.Queued && (latest == null || m.Id != latest))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled).SetProperty(m => m.LastError, "Withdrawn: the invitation link was replaced or revoked"), cancellationToken);
    }
}
