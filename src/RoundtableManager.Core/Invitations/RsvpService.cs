namespace RoundtableManager.Core.Invitations;

/// <summary>
/// Answers to invitations, delegates, seats and the waitlist. Every change to seats runs in one transaction that
/// first writes the roundtable's row: on SQLite the transaction is BEGIN IMMEDIATE (one writer at a time), on SQL
/// Server the update holds an exclusive row lock until commit, so two acceptances can never both see the last seat.
/// </summary>
public sealed class RsvpService(AppDbContext db, IEmailOutbox outbox, IAuditLog audit, AgendaService agenda, PersonalCalendars calendars, IOptions<EmailOptions> emailOptions, TimeProvider time)
{
    public const string ConfirmationKind = "RsvpConfirmation";
    public const string DelegateKind = "DelegateConfirmation";
    public const string WaitlistKind = "DelegateWaitlisted";
    public const string PromotedKind = "DelegatePromoted";
    public const string WithdrawnKind = "DelegateWithdrawn";

    /// <summary>For an answer the forms' own checks pass but the service refuses (the delegate limit changed meanwhile).</summary>
    public const string CheckDelegatesProblem = "Check your delegates and try again";

    private EmailOptions Email => emailOptions.Value;

    /// <summary>Suppliers may answer until the reply-by time while the roundtable is open; organisers until it is cancelled.</summary>
    public bool CanAnswer(Roundtable roundtable, bool organiser)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        return CanAnswer(roundtable.Status, roundtable.RsvpDeadlineUtc, organiser);
    }

    /// <summary>The same rule from the two columns it needs (for pages that read only those).</summary>
    public bool CanAnswer(RoundtableStatus status, DateTime rsvpDeadlineUtc, bool organiser) => organiser
        ? status != RoundtableStatus.Cancelled
        : status == RoundtableStatus.OpenForResponses && time.GetUtcNow().UtcDateTime < rsvpDeadlineUtc;

    /// <summary>
    /// Records the organisation's one answer and its delegates. <paramref name="organisationId"/> limits the invitation to
    /// that organisation (a supplier account); null means an organiser is recording it. Refused as Invalid (the answer
    /// breaks a rule), NotFound or NotAllowed (closed for replies).
    /// </summary>
    public async Task<CommandResult<SeatsTaken>> AnswerAsync(int invitationId, int? organisationId, RsvpAnswer answer, Responder responder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(responder);
        if (RsvpRules.CheckAnswer(answer) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors).As<SeatsTaken>();
        }

        if (answer.Response == InvitationResponse.None
            || (answer.Response == InvitationResponse.Accepted && answer.Delegates.Count == 0)
            || answer.Delegates.Select(d => Contact.Normalise(d.Email)).Distinct().Count() != answer.Delegates.Count)
        {
            return CommandResult.Invalid(CheckDelegatesProblem).As<SeatsTaken>();
        }

        var roundtableId = await db.Invitations.AsNoTracking()
            .Where(i => i.Id == invitationId && i.RevokedUtc == null && (organisationId == null || i.OrganisationId == organisationId))
            .Select(i => (int?)i.RoundtableId)
            .SingleOrDefaultAsync(cancellationToken);
        if (roundtableId is null)
        {
            return CommandResult.NotFound().As<SeatsTaken>();
        }

        return await InSeatLockAsync(roundtableId.Value, async roundtable =>
        {
            // One query, on purpose: both collections are a handful of rows (delegates up to the roundtable's limit, one
            // recipient per contact emailed), so their product is small and one round trip beats a split query.
            var invitation = await db.Invitations.Include(i => i.Organisation).Include(i => i.Delegates).Include(i => i.Recipients)
                .AsSingleQuery()
                .SingleAsync(i => i.Id == invitationId, cancellationToken);
            if (!CanAnswer(roundtable, responder.IsOrganiser))
            {
                return CommandResult.NotAllowed(responder.IsOrganiser
                    ? "The roundtable is cancelled: replies cannot be recorded"
                    : "Replies to this roundtable are closed").As<SeatsTaken>();
            }

            if (answer.Response == InvitationResponse.Accepted && answer.Delegates.Count > roundtable.DelegatesPerOrganisation)
            {
                return CommandResult.Invalid(CheckDelegatesProblem).As<SeatsTaken>();
            }

            var now = time.GetUtcNow().UtcDateTime;
            var previous = invitation.Response;
            var wanted = answer.Response == InvitationResponse.Accepted ? answer.Delegates : [];
            var (added, removed) = ApplyDelegates(roundtable, invitation, wanted, now);
            var promoted = await SeatAsync(roundtable, invitation, added, cancellationToken);
            RecordAnswer(invitation, answer, responder, now);
            AuditAnswer(invitation, answer, responder, previous, wanted.Count, added.Count, removed.Count);

            // Saved first, so the calendar entries are worked out from the answer as it now stands.
            await db.SaveChangesAsync(cancellationToken);
            await QueueAnswerEmailsAsync(roundtable, invitation, responder, previous, new DelegateChanges(added, removed, promoted), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done(new SeatsTaken(
                invitation.Delegates.Count(d => d.Status == DelegateStatus.Confirmed),
                invitation.Delegates.Count(d => d.Status == DelegateStatus.Waitlisted)));
        }, cancellationToken);
    }

    private sealed record DelegateChanges(List<DelegateEntry> Added, List<DelegateEntry> Removed, List<DelegateEntry> Promoted);

    /// <summary>Makes the invitation's delegates the wanted people: those no longer named go, the new ones join (without a status yet).</summary>
    private (List<DelegateEntry> Added, List<DelegateEntry> Removed) ApplyDelegates(Roundtable roundtable, Invitation invitation, IReadOnlyList<DelegateInput> wanted, DateTime now)
    {
        var wantedEmails = wanted.Select(d => Contact.Normalise(d.Email)).ToHashSet(StringComparer.Ordinal);
        var removed = invitation.Delegates.Where(d => !wantedEmails.Contains(d.NormalisedEmail)).ToList();
        foreach (var gone in removed)
        {
            invitation.Delegates.Remove(gone);
            db.Remove(gone);
        }

        var added = new List<DelegateEntry>();
        foreach (var input in wanted)
        {
            var existing = invitation.Delegates.SingleOrDefault(d => d.NormalisedEmail == Contact.Normalise(input.Email));
            var target = existing ?? new DelegateEntry
            {
                RoundtableId = roundtable.Id,
                Email = input.Email.Trim(),
                NormalisedEmail = Contact.Normalise(input.Email),
                CreatedUtc = now,
                QueuedUtc = now,
            };
            target.ContactId = input.ContactId;
            target.FullName = input.FullName.Trim();
            target.JobTitle = TextRules.SingleLine(input.JobTitle);
            target.AccessNeeds = TextRules.MultiLine(input.AccessNeeds);
            target.DietaryRequirements = TextRules.MultiLine(input.DietaryRequirements);
            target.TermsVersion = AttendanceTerms.Version;
            target.TermsAgreedUtc = now;
            if (existing is null)
            {
                invitation.Delegates.Add(target);
                added.Add(target);
            }
        }

        return (added, removed);
    }

    /// <summary>Seats freed by this change go to people already waiting before anyone new; the new people take what is left or wait.</summary>
    private async Task<List<DelegateEntry>> SeatAsync(Roundtable roundtable, Invitation invitation, List<DelegateEntry> added, CancellationToken cancellationToken)
    {
        var free = await FreeSeatsAsync(roundtable, invitation, cancellationToken);
        var promoted = await PromoteAsync(roundtable, free, cancellationToken);
        free -= promoted.Count;
        foreach (var person in added)
        {
            person.Status = free > 0 ? DelegateStatus.Confirmed : DelegateStatus.Waitlisted;
            free--;
        }

        return promoted;
    }

    private static void RecordAnswer(Invitation invitation, RsvpAnswer answer, Responder responder, DateTime now)
    {
        invitation.Response = answer.Response;
        invitation.DeclineReason = answer.Response == InvitationResponse.Declined ? TextRules.MultiLine(answer.DeclineReason) : null;
        invitation.RespondedUtc = now;
        invitation.FirstRespondedUtc ??= now;
        invitation.RespondedByName = responder.Name;
        invitation.RespondedByUserId = responder.UserId;
        invitation.RecordedByOrganiser = responder.IsOrganiser;
    }

    private void AuditAnswer(Invitation invitation, RsvpAnswer answer, Responder responder, InvitationResponse previous, int named, int added, int removed)
    {
        var onBehalf = responder.IsOrganiser ? " (recorded by an organiser on the organisation's behalf)" : "";
        var id = invitation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (previous != answer.Response)
        {
            audit.Record(answer.Response == InvitationResponse.Accepted ? "Rsvp.Accepted" : "Rsvp.Declined",
                $"{invitation.Organisation.Name} {(answer.Response == InvitationResponse.Accepted ? $"accepted with {named} delegate(s)" : "declined")}{onBehalf}",
                nameof(Invitation), id, invitation.OrganisationId);
        }
        else if (answer.Response == InvitationResponse.Accepted)
        {
            audit.Record("Rsvp.DelegatesChanged", $"{invitation.Organisation.Name} changed its delegates: {added} added, {removed} removed{onBehalf}",
                nameof(Invitation), id, invitation.OrganisationId);
        }
    }

    /// <summary>The emails an answer sends: withdrawn, promoted and new delegates, the responder's confirmation, and calendar updates.</summary>
    private async Task QueueAnswerEmailsAsync(Roundtable roundtable, Invitation invitation, Responder responder, InvitationResponse previous, DelegateChanges changes, CancellationToken cancellationToken)
    {
        var plan = await PlanCalendarsAsync(roundtable,
            [.. invitation.Recipients.Select(r => new CalendarPerson(r.Email, r.Name)), .. changes.Removed.Concat(invitation.Delegates).Concat(changes.Promoted).Select(AsPerson)],
            cancellationToken);
        foreach (var gone in changes.Removed)
        {
            QueueWithdrawn(roundtable, gone, plan.Take(gone.Email));
        }

        foreach (var person in changes.Promoted)
        {
            QueueDelegateEmail(roundtable, person.Invitation.Organisation.Name, person, PromotedKind, plan.Take(person.Email));
        }

        foreach (var person in changes.Added)
        {
            QueueDelegateEmail(roundtable, invitation.Organisation.Name, person, person.Status == DelegateStatus.Confirmed ? DelegateKind : WaitlistKind, plan.Take(person.Email));
        }

        QueueResponderEmail(roundtable, invitation, responder, previous != InvitationResponse.None, plan);
        var accepted = invitation.Response == InvitationResponse.Accepted;
        calendars.QueueUntaken(plan, roundtable,
            $"{invitation.Organisation.Name} has replied to the invitation to {roundtable.Title}: " + (accepted ? "you are not named to attend." : "it will not attend."),
            $"{invitation.Organisation.Name} has named you to attend {roundtable.Title}.");
    }

    /// <summary>An organiser removes a delegate; their seat goes to the first person waiting.</summary>
    public async Task<CommandResult> RemoveDelegateAsync(int roundtableId, int delegateId, CancellationToken cancellationToken) =>
        await InSeatLockAsync(roundtableId, async roundtable =>
        {
            var person = await db.Delegates.Include(d => d.Invitation).ThenInclude(i => i.Organisation)
                .SingleOrDefaultAsync(d => d.Id == delegateId && d.RoundtableId == roundtableId, cancellationToken);
            if (person is null)
            {
                return CommandResult.NotFound();
            }

            db.Delegates.Remove(person);
            audit.Record("Rsvp.DelegatesChanged", $"An organiser removed a delegate of {person.Invitation.Organisation.Name}",
                nameof(Invitation), person.InvitationId.ToString(System.Globalization.CultureInfo.InvariantCulture), person.Invitation.OrganisationId);
            await db.SaveChangesAsync(cancellationToken);
            var free = await FreeSeatsAsync(roundtable, null, cancellationToken);
            var promoted = await PromoteAsync(roundtable, free, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var plan = await PlanCalendarsAsync(roundtable, [AsPerson(person), .. promoted.Select(AsPerson)], cancellationToken);
            QueueWithdrawn(roundtable, person, plan.Take(person.Email));
            foreach (var next in promoted)
            {
                QueueDelegateEmail(roundtable, next.Invitation.Organisation.Name, next, PromotedKind, plan.Take(next.Email));
            }

            calendars.QueueUntaken(plan, roundtable, $"You are no longer expected at {roundtable.Title}.", $"Your place at {roundtable.Title} has changed.");
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done();
        }, cancellationToken);

    public async Task<CommandResult> MarkAttendedAsync(int roundtableId, int delegateId, bool attended, CancellationToken cancellationToken)
    {
        var changed = await db.InTransactionAsync(async () =>
        {
            var rows = await db.Delegates.Where(d => d.Id == delegateId && d.RoundtableId == roundtableId && d.Status == DelegateStatus.Confirmed)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.AttendedUtc, attended ? time.GetUtcNow().UtcDateTime : null), cancellationToken);
            if (rows == 1)
            {
                // Attendance is in the programme report's summaries, which only tracked changes mark by themselves.
                Engagement.Reports.ReportSummaries.MarkRoundtable(db, roundtableId);
                await db.SaveChangesAsync(cancellationToken);
            }

            return rows;
        }, cancellationToken);
        return changed == 1 ? CommandResult.Done() : CommandResult.NotFound();
    }

    private async Task<T> InSeatLockAsync<T>(int roundtableId, Func<Roundtable, Task<T>> work, CancellationToken cancellationToken)
    {
        // Serializable: Microsoft.Data.Sqlite begins it with BEGIN IMMEDIATE, so the write lock is taken at once.
        return await db.InTransactionAsync(async () =>
        {
            await db.Roundtables.Where(r => r.Id == roundtableId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CalendarSequence, r => r.CalendarSequence), cancellationToken);
            var roundtable = await db.Roundtables.SingleAsync(r => r.Id == roundtableId, cancellationToken);
            return await work(roundtable);
        }, cancellationToken, System.Data.IsolationLevel.Serializable);
    }

    /// <summary>Seats left, counting this invitation's tracked delegates as they are now (not as stored).</summary>
    private async Task<int> FreeSeatsAsync(Roundtable roundtable, Invitation? invitation, CancellationToken cancellationToken)
    {
        var others = await db.Delegates.CountAsync(d => d.RoundtableId == roundtable.Id && d.Status == DelegateStatus.Confirmed
            && (invitation == null || d.InvitationId != invitation.Id), cancellationToken);
        var mine = invitation?.Delegates.Count(d => d.Status == DelegateStatus.Confirmed) ?? 0;
        return roundtable.Capacity - others - mine;
    }

    /// <summary>Gives free seats to the people waiting longest; the caller emails them once the change is saved.</summary>
    private async Task<List<DelegateEntry>> PromoteAsync(Roundtable roundtable, int free, CancellationToken cancellationToken)
    {
        if (free <= 0)
        {
            return [];
        }

        var waiting = await db.Delegates.Include(d => d.Invitation).ThenInclude(i => i.Organisation)
            .Where(d => d.RoundtableId == roundtable.Id && d.Status == DelegateStatus.Waitlisted)
            .OrderBy(d => d.QueuedUtc).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
        var promoted = waiting.Where(p => db.Entry(p).State != EntityState.Deleted).Take(free).ToList();
        foreach (var person in promoted)
        {
            person.Status = DelegateStatus.Confirmed;
            audit.Record("Rsvp.Promoted", $"A waitlisted delegate of {person.Invitation.Organisation.Name} was given a seat",
                nameof(Invitation), person.InvitationId.ToString(System.Globalization.CultureInfo.InvariantCulture), person.Invitation.OrganisationId);
        }

        return promoted;
    }

    private static CalendarPerson AsPerson(DelegateEntry person) => new(person.Email, person.FullName);

    private Task<CalendarPlan> PlanCalendarsAsync(Roundtable roundtable, IReadOnlyList<CalendarPerson> people, CancellationToken cancellationToken) =>
        calendars.PlanAsync(roundtable, people, CalendarRefresh.ChangesOnly, () => agenda.ToPlainTextAsync(roundtable.Id, cancellationToken), cancellationToken);

    private void QueueDelegateEmail(Roundtable roundtable, string organisationName, DelegateEntry person, string kind, CalendarPart? calendar)
    {
        var confirmed = kind != WaitlistKind;
        var body = new EmailBody()
            .Heading(kind switch
            {
                PromotedKind => "A seat has become free: your place is confirmed",
                WaitlistKind => "You are on the waitlist",
                _ => "Your place is confirmed",
            })
            .Paragraph($"Dear {person.FullName},")
            .Paragraph((confirmed
                ? $"{organisationName} has named you as a delegate for {roundtable.Title}, and you have a seat."
                : $"{organisationName} has named you as a delegate for {roundtable.Title}, but every seat is taken. You are on the waitlist: if a seat becomes free, the first person waiting gets it and an email.")
                + CalendarSentence(calendar))
            .Details(EventDetails(roundtable));
        if (confirmed && !string.IsNullOrWhiteSpace(roundtable.OnlineJoiningDetails))
        {
            body.Paragraph("Joining online: " + roundtable.OnlineJoiningDetails);
        }

        body.Inset("Attendance terms: " + string.Join(" ", AttendanceTerms.Paragraphs))
            .Paragraph($"If you have a question, email the roundtable team at {Email.FromAddress}.");
        outbox.Enqueue(new EmailDraft(kind, person.Email, person.FullName, (confirmed ? "Confirmed: " : "Waitlist: ") + roundtable.Title, body)
        {
            RoundtableId = roundtable.Id,
        }.WithCalendar(calendar));
    }

    private void QueueWithdrawn(Roundtable roundtable, DelegateEntry person, CalendarPart? calendar)
    {
        var body = new EmailBody()
            .Heading("You are no longer a delegate")
            .Paragraph($"Dear {person.FullName},")
            .Paragraph($"You are no longer listed as a delegate for {roundtable.Title}." + CalendarSentence(calendar))
            .Paragraph($"If you think this is a mistake, email the roundtable team at {Email.FromAddress}.");
        outbox.Enqueue(new EmailDraft(WithdrawnKind, person.Email, person.FullName, "Withdrawn: " + roundtable.Title, body)
        {
            RoundtableId = roundtable.Id,
        }.WithCalendar(calendar));
    }

    private static string CalendarSentence(CalendarPart? calendar) => calendar switch
    {
        null => "",
        { Removes: true } => " The calendar entry with this email removes it from your calendar.",
        _ => " The calendar entry with this email adds it to your calendar, or updates the entry you have.",
    };

    private void QueueResponderEmail(Roundtable roundtable, Invitation invitation, Responder responder, bool isChange, CalendarPlan plan)
    {
        List<(string, string)> addresses = responder.IsOrganiser
            ? invitation.Recipients.Where(r => r.RevokedUtc == null).Select(r => (r.Email, r.Name)).ToList()
            : [(responder.Email ?? "", responder.Name)];
        var accepted = invitation.Response == InvitationResponse.Accepted;
        foreach (var (address, name) in addresses.Where(a => a.Item1.Length > 0))
        {
            var body = new EmailBody()
                .Heading(isChange ? "Your organisation's reply has changed" : "Thank you for your reply")
                .Paragraph($"Dear {name},")
                .Paragraph(responder.IsOrganiser
                    ? $"The roundtable team recorded {invitation.Organisation.Name}'s reply to {roundtable.Title} on your organisation's behalf: {(accepted ? "attending" : "not attending")}."
                    : $"{invitation.Organisation.Name} {(accepted ? "will attend" : "will not attend")} {roundtable.Title}.")
                .Details(EventDetails(roundtable));
            if (accepted)
            {
                body.Bullets(invitation.Delegates.OrderBy(d => d.FullName)
                    .Select(d => $"{d.FullName} ({d.Email}): {(d.Status == DelegateStatus.Confirmed ? "seat confirmed" : "on the waitlist")}").ToArray());
            }

            var calendar = plan.Take(address);
            if (calendar is not null)
            {
                body.Paragraph(CalendarSentence(calendar).Trim());
            }

            body.Paragraph($"You can change your reply in the supplier portal until {UkTime.Format(roundtable.RsvpDeadlineUtc)}: {Email.PublicBaseUrl.TrimEnd('/')}/portal")
                .Paragraph($"If you have a question, email the roundtable team at {Email.FromAddress}.");
            outbox.Enqueue(new EmailDraft(ConfirmationKind, address, name, (isChange ? "Reply changed: " : "Reply received: ") + roundtable.Title, body) { RoundtableId = roundtable.Id }
                .WithCalendar(calendar));
        }
    }

    private static (string, string)[] EventDetails(Roundtable roundtable) =>
    [
        ("Roundtable", roundtable.Title),
        ("When", UkTime.FormatRange(roundtable.StartsUtc, roundtable.EndsUtc) + " (UK time)"),
        ("Where", string.IsNullOrWhiteSpace(roundtable.VenueAddress) ? "Online" : roundtable.VenueAddress),
    ];
}
