namespace RoundtableManager.Core.Invitations;

/// <summary>Reminds each confirmed delegate before the roundtable, with where to go or how to join, and the calendar entry.</summary>
public sealed class EventReminderSource(AppDbContext db, AgendaService agenda, PersonalCalendars calendars, IOptions<EmailOptions> email) : IReminderSource
{
    public static readonly ReminderKind Definition = new(
        "EventReminder", "event-reminder", "start", "Event reminder", "days before the roundtable", "organisation", [2]);

    public ReminderKind Kind => Definition;

    public Task<IReadOnlyList<ReminderCandidate>> FindAsync(ReminderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var to = query.ToUtc ?? DateTime.MaxValue;
        // Driven by the index on Roundtables.StartsUtc: only roundtables starting soon are read.
        return db.Delegates.AsNoTracking()
            .Where(d => d.Invitation.Roundtable.StartsUtc > query.FromUtc && d.Invitation.Roundtable.StartsUtc <= to
                && (query.RoundtableId == null || d.RoundtableId == query.RoundtableId)
                && (d.Invitation.Roundtable.Status == RoundtableStatus.OpenForResponses || d.Invitation.Roundtable.Status == RoundtableStatus.Closed)
                && d.Status == DelegateStatus.Confirmed
                && d.Invitation.Response == InvitationResponse.Accepted && d.Invitation.RevokedUtc == null)
            .Select(d => new ReminderCandidate(d.RoundtableId, d.Invitation.Roundtable.StartsUtc, d.InvitationId, d.Invitation.Organisation.Name,
                d.Id, d.FullName, d.Email, d.CreatedUtc))
            .ToListByRecipientAsync(cancellationToken);
    }

    public async Task<string?> RecheckAsync(ReminderCandidate candidate, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var facts = await db.Delegates.AsNoTracking().Where(d => d.Id == candidate.RecipientId)
            .Select(d => new { DelegateStatus = d.Status, d.Invitation.Response, Revoked = d.Invitation.RevokedUtc != null, d.Invitation.Roundtable.Status, d.Invitation.Roundtable.StartsUtc })
            .SingleOrDefaultAsync(cancellationToken);
        return facts switch
        {
            null => "The delegate was withdrawn",
            { Status: RoundtableStatus.Cancelled } => "The roundtable was cancelled",
            { Revoked: true } => "The invitation was revoked",
            { Response: not InvitationResponse.Accepted } => "The organisation no longer accepts",
            _ when facts.DelegateStatus is not DelegateStatus.Confirmed => "The delegate has no confirmed seat",
            _ when facts.StartsUtc != candidate.AnchorUtc => "The roundtable's start time changed",
            _ when nowUtc >= facts.StartsUtc => "The roundtable had started",
            _ => null,
        };
    }

    public async Task<EmailDraft> ComposeAsync(ReminderCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var person = await db.Delegates.AsNoTracking().Include(d => d.Invitation).ThenInclude(i => i.Roundtable)
            .SingleAsync(d => d.Id == candidate.RecipientId, cancellationToken);
        var roundtable = person.Invitation.Roundtable;
        var body = new EmailBody()
            .Heading($"Reminder: {roundtable.Title}")
            .Paragraph($"Dear {person.FullName},")
            .Paragraph($"This is a reminder that you are attending {roundtable.Title} for {candidate.TargetName}.")
            .Details(
                ("When", UkTime.FormatRange(roundtable.StartsUtc, roundtable.EndsUtc) + " (UK time)"),
                ("Where", string.IsNullOrWhiteSpace(roundtable.VenueAddress) ? "Online" : roundtable.VenueAddress));
        if (!string.IsNullOrWhiteSpace(roundtable.OnlineJoiningDetails))
        {
            body.Paragraph("Joining details (for delegates only; please do not forward):").Inset(roundtable.OnlineJoiningDetails);
        }

        // Their entry as it stands (same UID and SEQUENCE): nothing about the roundtable changed.
        var calendar = await calendars.CurrentAsync(roundtable, new CalendarPerson(person.Email, person.FullName), () => agenda.ToPlainTextAsync(roundtable.Id, cancellationToken), cancellationToken);
        if (calendar is not null)
        {
            body.Paragraph("The calendar entry with this email keeps your calendar up to date.");
        }

        body.Paragraph($"If you can no longer attend, tell the roundtable team at {email.Value.FromAddress} so your seat can go to someone on the waitlist.");
        return new EmailDraft(Definition.Code, person.Email, person.FullName, $"Reminder: {roundtable.Title} on {UkTime.FormatDate(roundtable.StartsUtc)}", body)
            .WithCalendar(calendar);
    }
}
