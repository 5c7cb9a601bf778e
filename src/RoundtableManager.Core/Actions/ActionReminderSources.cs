namespace RoundtableManager.Core.Actions;

/// <summary>
/// Reminds the owner of a follow-up action: a supplier organisation's named contact, or a staff member. Staff accounts
/// have string ids, so the dedupe key carries a <see cref="ReminderCandidate.RecipientKey"/> made of the action and its
/// owner: a new owner gets their own reminders, and a moved due date (the anchor) makes new keys.
/// </summary>
/// <remarks>
/// Actions belong to a roundtable, so these kinds follow that roundtable's reminder settings and appear on its
/// Reminders page (on by default), like every other kind.
/// </remarks>
public abstract class ActionOwnerReminderSource(AppDbContext db, IOptions<EmailOptions> email, TimeProvider time) : IReminderSource
{
    public abstract ReminderKind Kind { get; }

    /// <summary>The due date as the engine's anchor: the start of that day in the UK.</summary>
    public static DateTime AnchorOf(DateOnly dueDate) => UkTime.ToUtc(dueDate.ToDateTime(TimeOnly.MinValue));

    internal static DateOnly UkDate(DateTime utc) => DateOnly.FromDateTime(UkTime.ToUk(utc));

    internal static string KeyOf(int actionId, ActionOwnerKind kind, string? userId, int? contactId) =>
        kind == ActionOwnerKind.Staff ? $"action:{actionId}:user:{userId}" : $"action:{actionId}:contact:{contactId}";

    public async Task<IReadOnlyList<ReminderCandidate>> FindAsync(ReminderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var from = UkDate(query.FromUtc);
        var to = query.ToUtc is { } toUtc ? UkDate(toUtc) : DateOnly.MaxValue;
        // Driven by the index on (Status, DueDate): only active actions due in the window are read.
        var rows = await db.FollowUpActions.AsNoTracking()
            .Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress || a.Status == ActionStatus.Blocked)
                && a.DueDate >= from && a.DueDate <= to
                && (query.RoundtableId == null || a.RoundtableId == query.RoundtableId))
            .OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Id,
                a.RoundtableId,
                a.Title,
                a.DueDate,
                a.CreatedUtc,
                a.OwnerKind,
                a.OwnerUserId,
                a.OwnerContactId,
                StaffName = a.OwnerUser!.DisplayName,
                StaffEmail = a.OwnerUser.Email,
                StaffDisabled = a.OwnerUser.DisabledUtc != null,
                ContactName = a.OwnerContact!.FullName,
                ContactEmail = a.OwnerContact.Email,
                ContactErased = a.OwnerContact.ErasedUtc != null,
            })
            .ToListAsync(cancellationToken);
        var candidates = new List<ReminderCandidate>();
        foreach (var a in rows)
        {
            var anchor = AnchorOf(a.DueDate);
            if (anchor <= query.FromUtc || (query.ToUtc is { } limit && anchor > limit))
            {
                continue;
            }

            var (name, address, gone) = a.OwnerKind == ActionOwnerKind.Staff
                ? (a.StaffName, a.StaffEmail, a.StaffDisabled || a.OwnerUserId is null)
                : (a.ContactName, a.ContactEmail, a.ContactErased || a.OwnerContactId is null);
            if (gone || string.IsNullOrWhiteSpace(address))
            {
                continue;
            }

            candidates.Add(new ReminderCandidate(a.RoundtableId, anchor, a.Id, a.Title, a.OwnerContactId ?? 0, name ?? "", address, a.CreatedUtc)
            {
                RecipientKey = KeyOf(a.Id, a.OwnerKind, a.OwnerUserId, a.OwnerContactId),
            });
        }

        return candidates;
    }

    public async Task<string?> RecheckAsync(ReminderCandidate candidate, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var facts = await db.FollowUpActions.AsNoTracking().Where(a => a.Id == candidate.TargetId)
            .Select(a => new { a.Status, a.DueDate, a.OwnerKind, a.OwnerUserId, a.OwnerContactId })
            .SingleOrDefaultAsync(cancellationToken);
        return facts switch
        {
            null => "The action no longer exists",
            { Status: ActionStatus.Done } => "The action was done",
            { Status: ActionStatus.Cancelled } => "The action was cancelled",
            { Status: ActionStatus.AwaitingConfirmation } => "The owner said the action was done",
            _ when AnchorOf(facts.DueDate) != candidate.AnchorUtc => "The due date changed",
            _ when KeyOf(candidate.TargetId, facts.OwnerKind, facts.OwnerUserId, facts.OwnerContactId) != candidate.RecipientKey => "The action's owner changed",
            _ => StillApplies(facts.DueDate, UkDate(nowUtc)),
        };
    }

    /// <summary>Null if a reminder about an action due on <paramref name="dueDate"/> still makes sense on <paramref name="today"/>.</summary>
    protected abstract string? StillApplies(DateOnly dueDate, DateOnly today);

    protected abstract (string Subject, string Heading, string Message) Wording(string title, DateOnly dueDate, DateOnly today);

    public async Task<EmailDraft> ComposeAsync(ReminderCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var action = await db.FollowUpActions.AsNoTracking().Where(a => a.Id == candidate.TargetId)
            .Select(a => new { a.Id, a.Title, a.DueDate, a.OwnerKind, Roundtable = a.Roundtable.Title, Organisation = a.OwnerOrganisation!.Name, Lead = a.StaffLead.DisplayName })
            .SingleAsync(cancellationToken);
        var today = UkDate(time.GetUtcNow().UtcDateTime);
        var (subject, heading, message) = Wording(action.Title, action.DueDate, today);
        var supplier = action.OwnerKind == ActionOwnerKind.Organisation;
        var link = $"{email.Value.PublicBaseUrl.TrimEnd('/')}{(supplier ? "/portal/actions/" : "/actions/")}{action.Id}";
        var body = new EmailBody()
            .Heading(heading)
            .Paragraph($"Dear {candidate.RecipientName},")
            .Paragraph(message)
            .Details(
                ("Action", action.Title),
                ("Owner", supplier ? $"{action.Organisation} ({candidate.RecipientName})" : candidate.RecipientName),
                ("Due", UkTime.FormatDayDate(AnchorOf(action.DueDate))),
                ("From the roundtable", action.Roundtable),
                ("Staff lead", action.Lead))
            .Link("Open the action", link)
            .Paragraph(supplier
                ? "Please update the action's progress there, or mark it done when it is. If the date cannot be met, tell us there and why."
                : "Please update the action's progress there, or mark it done when it is.");
        return new EmailDraft(Kind.Code, candidate.RecipientEmail, candidate.RecipientName, subject, body);
    }

    protected static string DueText(DateOnly dueDate, DateOnly today) =>
        (dueDate.DayNumber - today.DayNumber) switch
        {
            0 => "today",
            1 => "tomorrow",
            var days => $"in {days} days",
        };
}

/// <summary>"Due in 7 days" and "due tomorrow" to the action's owner (offsets before the due date).</summary>
public sealed class ActionDueSource(AppDbContext db, IOptions<EmailOptions> email, TimeProvider time) : ActionOwnerReminderSource(db, email, time)
{
    public static readonly ReminderKind Definition = new(
        "ActionDue", "action-due", "due", "Action due reminder", "days before an action's due date", "action", [7, 1]);

    public override ReminderKind Kind => Definition;

    protected override string? StillApplies(DateOnly dueDate, DateOnly today) => today > dueDate ? "The due date had passed" : null;

    protected override (string Subject, string Heading, string Message) Wording(string title, DateOnly dueDate, DateOnly today)
    {
        var due = DueText(dueDate, today);
        return ($"Action due {due}: {title}", $"Reminder: an action is due {due}",
            $"This action is due {due}, on {UkTime.FormatDayDate(AnchorOf(dueDate))}.");
    }
}

/// <summary>"Overdue" to the action's owner on the first working day after the due date (offsets after it).</summary>
public sealed class ActionOverdueSource(AppDbContext db, IOptions<EmailOptions> email, TimeProvider time) : ActionOwnerReminderSource(db, email, time)
{
    public static readonly ReminderKind Definition = new(
        "ActionOverdue", "action-overdue", "due", "Action overdue reminder", "days after an action's due date", "action", [1], OffsetsAfterAnchor: true);

    public override ReminderKind Kind => Definition;

    protected override string? StillApplies(DateOnly dueDate, DateOnly today) => today <= dueDate ? "The action was not overdue" : null;

    protected override (string Subject, string Heading, string Message) Wording(string title, DateOnly dueDate, DateOnly today) =>
        ($"Action overdue: {title}", "An action is overdue",
            $"This action was due on {UkTime.FormatDayDate(AnchorOf(dueDate))} and is not done yet.");
}
