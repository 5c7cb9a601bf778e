namespace RoundtableManager.Core.Invitations;

/// <summary>What a send queued: the organisations newly invited or given new recipients, and the emails.</summary>
public sealed record InvitesQueued(int Organisations, int Recipients)
{
    public static readonly InvitesQueued None = new(0, 0);
}

public sealed record EmailPreview(string Subject, string Text);

public sealed partial class InvitationService(AppDbContext db, IEmailOutbox outbox, AgendaService agenda, PersonalCalendars calendars, IOptions<EmailOptions> emailOptions, TimeProvider time)
{
    public const string InvitationKind = "Invitation";
    public const string UpdateKind = "InvitationUpdate";
    public const string CancellationKind = "InvitationCancellation";

    private EmailOptions Email => emailOptions.Value;

    /// <summary>
    /// Invites the contacts' organisations (one invitation per organisation; an existing one is reused) and queues a
    /// personal email to each contact not already invited, with their calendar entry. The emails are rendered first,
    /// outside the transaction (<see cref="RenderAheadAsync"/>); then everything is written in one transaction (the
    /// invitations, then the emails in bulk, see <see cref="IEmailOutbox.EnqueueManyAsync(IReadOnlyCollection{PreparedEmail}, CancellationToken)"/>),
    /// so sending to thousands of contacts returns quickly, holds the database's write lock briefly, and the sender
    /// delivers in the background. Unchanged (nothing queued) when everyone was already invited; NotAllowed, with the
    /// reason, when the roundtable is not open or its reply-by time has passed.
    /// </summary>
    public async Task<CommandResult<InvitesQueued>> SendInvitationsAsync(int roundtableId, IReadOnlyCollection<int> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var ids = contactIds.Distinct().ToList();
        var ahead = await RenderAheadAsync(roundtableId, ids, cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var roundtable = await db.Roundtables.SingleOrDefaultAsync(r => r.Id == roundtableId, cancellationToken);
            if (CheckCanInvite(roundtable) is { } refusal)
            {
                return refusal.As<InvitesQueued>();
            }

            // Read, not tracked: a round changes no contact or organisation, and thousands of them tracked made each of the
            // save's change detections (one per SaveChanges interceptor's look at the tracker) walk them all.
            var contacts = await db.Contacts.AsNoTracking()
                .Where(c => ids.Contains(c.Id) && !c.Organisation.IsArchived && c.ErasedUtc == null)
                .Select(c => new { c.Id, c.OrganisationId, c.FullName, c.Email, OrganisationName = c.Organisation.Name })
                .ToListAsync(cancellationToken);
            var organisationIds = contacts.Select(c => c.OrganisationId).Distinct().ToList();
            var existing = await db.Invitations.Include(i => i.Recipients)
                .Where(i => i.RoundtableId == roundtableId && organisationIds.Contains(i.OrganisationId))
                .ToDictionaryAsync(i => i.OrganisationId, cancellationToken);

            var now = time.GetUtcNow().UtcDateTime;
            int organisations = 0, recipients = 0;
            var queued = new List<(InvitationRecipient Recipient, PreparedEmail Email)>();
            foreach (var group in contacts.GroupBy(c => c.OrganisationId))
            {
                if (!existing.TryGetValue(group.Key, out var invitation))
                {
                    invitation = new Invitation { Roundtable = roundtable!, OrganisationId = group.Key, CreatedUtc = now };
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
                        recipient = new InvitationRecipient { ContactId = contact.Id, CreatedUtc = now };
                        invitation.Recipients.Add(recipient);
                    }

                    recipient.Email = contact.Email;
                    recipient.Name = contact.FullName;
                    recipient.RevokedUtc = null;
                    queued.Add((recipient, Issued(roundtable!, contact.OrganisationName, recipient, ahead.GetValueOrDefault(contact.Id), now)));
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
                return CommandResult.Unchanged(InvitesQueued.None);
            }

            // The recipients first, so each email can carry its recipient's id and the calendar entries see them; then
            // the emails in bulk. All of it commits or none of it does.
            await db.SaveChangesDetectingOnceAsync(cancellationToken);
            var plan = await calendars.PlanAsync(roundtable!, queued.Select(q => new CalendarPerson(q.Recipient.Email, q.Recipient.Name)),
                CalendarRefresh.LiveEntries, () => agenda.ToPlainTextAsync(roundtableId, cancellationToken), cancellationToken);
            await outbox.EnqueueManyAsync(queued.Select(q => q.Email.Complete(q.Recipient.Id, plan.Take(q.Recipient.Email))).ToList(), cancellationToken);
            await db.SaveChangesDetectingOnceAsync(cancellationToken);
            return CommandResult.Done(new InvitesQueued(organisations, recipients));
        }, cancellationToken);
    }

    /// <summary>Issues a new link to one recipient (the old link stops working) and queues the invitation again.</summary>
    public async Task<CommandResult> ResendAsync(int invitationId, int recipientId, CancellationToken cancellationToken)
    {
        var recipient = await db.InvitationRecipients
            .Include(r => r.Invitation).ThenInclude(i => i.Roundtable)
            .Include(r => r.Invitation).ThenInclude(i => i.Organisation)
            .SingleOrDefaultAsync(r => r.Id == recipientId && r.InvitationId == invitationId, cancellationToken);
        if (recipient is null || recipient.RevokedUtc is not null || recipient.Invitation.RevokedUtc is not null)
        {
            return CommandResult.NotFound();
        }

        if (CheckCanInvite(recipient.Invitation.Roundtable) is { } refusal)
        {
            return refusal;
        }

        var roundtable = recipient.Invitation.Roundtable;
        var draft = Issue(roundtable, recipient.Invitation.Organisation.Name, recipient, time.GetUtcNow().UtcDateTime);
        var plan = await calendars.PlanAsync(roundtable, [new CalendarPerson(recipient.Email, recipient.Name)], CalendarRefresh.LiveEntries,
            () => agenda.ToPlainTextAsync(roundtable.Id, cancellationToken), cancellationToken);
        recipient.Messages.Add(outbox.Enqueue(draft.WithCalendar(plan.Take(recipient.Email))));
        await db.SaveChangesAsync(cancellationToken);
        await CancelQueuedAsync(db.OutboxMessages.Where(m => m.InvitationRecipientId == recipientId && m.Kind == InvitationKind), keepLatest: true, cancellationToken);
        return CommandResult.Done();
    }

    /// <summary>
    /// Revokes one recipient's link. Their invitation email is withdrawn if it has not gone yet, and the roundtable
    /// leaves their calendar unless they still have a place in it some other way.
    /// </summary>
    public Task<CommandResult> RevokeRecipientAsync(int invitationId, int recipientId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var recipient = await db.InvitationRecipients.Include(r => r.Invitation).ThenInclude(i => i.Roundtable)
                .SingleOrDefaultAsync(r => r.Id == recipientId && r.InvitationId == invitationId && r.RevokedUtc == null, cancellationToken);
            if (recipient is null)
            {
                return CommandResult.NotFound();
            }

            recipient.RevokedUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await CancelQueuedAsync(db.OutboxMessages.Where(m => m.InvitationRecipientId == recipientId), keepLatest: false, cancellationToken);
            await QueueWithdrawnCalendarsAsync(recipient.Invitation.Roundtable, [new CalendarPerson(recipient.Email, recipient.Name)], cancellationToken);
            return CommandResult.Done();
        }, cancellationToken);

    /// <summary>Revokes the organisation's invitation: every link stops working, unsent emails are withdrawn, calendars follow.</summary>
    public Task<CommandResult> RevokeInvitationAsync(int invitationId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var invitation = await db.Invitations.Include(i => i.Roundtable).Include(i => i.Recipients).Include(i => i.Delegates).AsSingleQuery()
                .SingleOrDefaultAsync(i => i.Id == invitationId && i.RevokedUtc == null, cancellationToken);
            if (invitation is null)
            {
                return CommandResult.NotFound();
            }

            invitation.RevokedUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await CancelQueuedAsync(db.OutboxMessages.Where(m => db.InvitationRecipients.Any(r => r.InvitationId == invitationId && r.Id == m.InvitationRecipientId)), keepLatest: false, cancellationToken);
            await QueueWithdrawnCalendarsAsync(invitation.Roundtable,
                [.. invitation.Recipients.Select(r => new CalendarPerson(r.Email, r.Name)), .. invitation.Delegates.Select(d => new CalendarPerson(d.Email, d.FullName))],
                cancellationToken);
            return CommandResult.Done();
        }, cancellationToken);

    private async Task QueueWithdrawnCalendarsAsync(Roundtable roundtable, IReadOnlyList<CalendarPerson> people, CancellationToken cancellationToken)
    {
        var plan = await calendars.PlanAsync(roundtable, people, CalendarRefresh.ChangesOnly, () => agenda.ToPlainTextAsync(roundtable.Id, cancellationToken), cancellationToken);
        calendars.QueueUntaken(plan, roundtable, $"Your invitation to {roundtable.Title} has been withdrawn.", $"Your place at {roundtable.Title} has changed.");
        await db.SaveChangesAsync(cancellationToken);
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

    /// <summary>
    /// Tells everyone currently invited or attending, once each, that the roundtable moved (REQUEST: every entry still in
    /// a calendar is updated) or is cancelled (CANCEL: every entry is removed). The caller saves.
    /// </summary>
    public async Task<int> QueueCalendarChangeAsync(Roundtable roundtable, string method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        var cancel = method == InvitationCalendar.Cancel;
        var recipients = await db.InvitationRecipients.AsNoTracking()
            .Where(r => r.Invitation.RoundtableId == roundtable.Id && r.RevokedUtc == null && r.Invitation.RevokedUtc == null)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Email, r.Name, Unanswered = r.Invitation.Response == InvitationResponse.None })
            .ToListAsync(cancellationToken);
        var delegates = await db.Delegates.AsNoTracking()
            .Where(d => d.RoundtableId == roundtable.Id && d.Status == DelegateStatus.Confirmed && d.Invitation.RevokedUtc == null)
            .OrderBy(d => d.Id)
            .Select(d => new { d.Email, d.FullName })
            .ToListAsync(cancellationToken);
        var plan = await calendars.PlanAsync(roundtable, null, cancel ? CalendarRefresh.ChangesOnly : CalendarRefresh.LiveEntries,
            () => agenda.ToPlainTextAsync(roundtable.Id, cancellationToken), cancellationToken);
        var people = delegates.Select(d => (d.Email, Name: d.FullName, RecipientId: (int?)null, Attending: true, Unanswered: false))
            .Concat(recipients.Select(r => (r.Email, r.Name, RecipientId: (int?)r.Id, Attending: false, r.Unanswered)))
            .GroupBy(p => Suppliers.Contact.Normalise(p.Email), StringComparer.Ordinal)
            .Select(g => (Person: g.First(), RecipientId: g.Select(p => p.RecipientId).FirstOrDefault(id => id is not null), Attending: g.Any(p => p.Attending), Unanswered: g.Any(p => p.Unanswered)))
            .ToList();
        foreach (var (person, recipientId, attending, unanswered) in people)
        {
            var part = plan.Take(person.Email);
            var body = new EmailBody()
                .Heading(cancel
                    ? (attending ? "A roundtable you were to attend is cancelled" : "A roundtable you were invited to is cancelled")
                    : (attending ? "A roundtable you are attending has changed" : "A roundtable you are invited to has changed"))
                .Paragraph($"Dear {person.Name},")
                .Paragraph((cancel ? $"{roundtable.Title} will not go ahead." : $"The time or place of {roundtable.Title} has changed.")
                    + (part is null ? "" : part.Removes ? " The calendar entry with this email removes it from your calendar." : " The calendar entry with this email updates your calendar.")
                    + (!cancel && attending ? " Your place is kept." : ""))
                .Details(Details(roundtable, includeDeadline: !cancel && unanswered));
            if (!cancel && unanswered)
            {
                body.Paragraph("To reply, use the personal link in your invitation email.");
            }

            body.Paragraph($"If you have a question, email the roundtable team at {Email.FromAddress}.");
            outbox.Enqueue(new EmailDraft(cancel ? CancellationKind : UpdateKind, person.Email, person.Name, (cancel ? "Cancelled: " : "Changed: ") + roundtable.Title, body)
            {
                RoundtableId = roundtable.Id,
                InvitationRecipientId = recipientId,
            }.WithCalendar(part));
        }

        var untaken = plan.Untaken.Count;
        calendars.QueueUntaken(plan, roundtable, $"{roundtable.Title} will not go ahead.", $"The time or place of {roundtable.Title} has changed.");
        return people.Count + untaken;
    }

    private CommandResult? CheckCanInvite(Roundtable? roundtable) =>
        roundtable is null ? CommandResult.NotFound()
        : InvitationRules.CannotInviteReason(roundtable, time.GetUtcNow().UtcDateTime) is { } reason ? CommandResult.NotAllowed(reason)
        : null;

    private string BaseUrl => Email.PublicBaseUrl.TrimEnd('/');

    /// <summary>
    /// Withdraws emails that no longer make sense (their link was replaced or revoked) if the sender has not claimed
    /// them yet. The conditional update cannot take a row the sender already holds.
    /// </summary>
    private static async Task CancelQueuedAsync(IQueryable<OutboxMessage> messages, bool keepLatest, CancellationToken cancellationToken)
    {
        var latest = keepLatest ? await messages.MaxAsync(m => (long?)m.Id, cancellationToken) : null;
        await messages.Where(m => m.Status == OutboxStatus.Queued && (latest == null || m.Id != latest))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled).SetProperty(m => m.ProtectedLinks, (string?)null)
                .SetProperty(m => m.LastError, "Withdrawn: the invitation link was replaced or revoked"), cancellationToken);
    }
}
