namespace RoundtableManager.Core.Actions;

/// <summary>
/// A weekly email to each staff lead listing the overdue actions they lead, one per roundtable (so each roundtable's
/// reminder settings and history hold), on Monday at the send time (offset 1 after the anchor, the start of Sunday;
/// a bank holiday Monday moves it to Tuesday). Nothing is sent when nothing is overdue.
/// </summary>
public sealed class ActionDigestSource(AppDbContext db, IOptions<EmailOptions> email, TimeProvider time) : IReminderSource
{
    public static readonly ReminderKind Definition = new(
        "ActionDigest", "action-digest", "week", "Weekly overdue actions summary", "days after the start of each week (Sunday; 1 is Monday)", "staff lead", [1],
        OffsetsAfterAnchor: true);

    public ReminderKind Kind => Definition;

    /// <summary>The start (UK) of the last Sunday on or before <paramref name="utc"/>.</summary>
    public static DateTime WeekAnchor(DateTime utc)
    {
        var date = ActionOwnerReminderSource.UkDate(utc);
        return ActionOwnerReminderSource.AnchorOf(date.AddDays(-(int)date.DayOfWeek));
    }

    private static string KeyOf(string leadUserId, int roundtableId) => $"lead:{leadUserId}:roundtable:{roundtableId}";

    public async Task<IReadOnlyList<ReminderCandidate>> FindAsync(ReminderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = time.GetUtcNow().UtcDateTime;
        // Only this week's digest can be due (offsets of a week or more are not meaningful); the schedule also shows next week's.
        var last = WeekAnchor(query.ToUtc ?? now);
        List<DateTime> anchors = query.ToUtc is null ? [last, WeekAnchor(last.AddDays(8))] : [last];
        anchors = [.. anchors.Where(a => a > query.FromUtc)];
        if (anchors.Count == 0)
        {
            return [];
        }

        var groups = await OverdueAsync(query.RoundtableId, null, ActionOwnerReminderSource.UkDate(now), cancellationToken);
        return [.. from anchor in anchors
                   from g in groups
                   select new ReminderCandidate(g.RoundtableId, anchor, g.FirstActionId, g.LeadName, 0, g.LeadName, g.LeadEmail, g.OverdueSinceUtc)
                   {
                       RecipientKey = KeyOf(g.LeadUserId, g.RoundtableId),
                   }];
    }

    /// <param name="FirstActionId">The target: one id per lead and roundtable, so the organiser's schedule counts staff leads.</param>
    private sealed record LeadGroup(string LeadUserId, string LeadName, string LeadEmail, int RoundtableId, int FirstActionId, DateTime OverdueSinceUtc);

    /// <summary>Active actions due before today, by staff lead and roundtable: only overdue rows are read, through (Status, DueDate).</summary>
    private async Task<List<LeadGroup>> OverdueAsync(int? roundtableId, string? leadUserId, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await OverdueActions(roundtableId, leadUserId, today)
            .Select(a => new { a.Id, a.StaffLeadUserId, a.StaffLead.DisplayName, a.StaffLead.Email, Disabled = a.StaffLead.DisabledUtc != null, a.RoundtableId, a.DueDate })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => !r.Disabled && !string.IsNullOrWhiteSpace(r.Email))
            .GroupBy(r => (r.StaffLeadUserId, r.RoundtableId))
            .OrderBy(g => g.Key.RoundtableId).ThenBy(g => g.Key.StaffLeadUserId, StringComparer.Ordinal)
            .Select(g => new LeadGroup(g.Key.StaffLeadUserId, g.First().DisplayName, g.First().Email!, g.Key.RoundtableId, g.Min(r => r.Id),
                // A digest applies only from when the first of these became overdue, so one turning overdue midweek does not log last Monday's as missed.
                ActionOwnerReminderSource.AnchorOf(g.Min(r => r.DueDate).AddDays(1))))];
    }

    private IQueryable<FollowUpAction> OverdueActions(int? roundtableId, string? leadUserId, DateOnly today) =>
        db.FollowUpActions.AsNoTracking()
            .Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress || a.Status == ActionStatus.Blocked || a.Status == ActionStatus.AwaitingConfirmation)
                && a.DueDate < today
                && (roundtableId == null || a.RoundtableId == roundtableId)
                && (leadUserId == null || a.StaffLeadUserId == leadUserId));

    public async Task<string?> RecheckAsync(ReminderCandidate candidate, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var groups = await OverdueAsync(candidate.RoundtableId, null, ActionOwnerReminderSource.UkDate(nowUtc), cancellationToken);
        return groups.Any(g => KeyOf(g.LeadUserId, g.RoundtableId) == candidate.RecipientKey) ? null : "Nothing was overdue any more";
    }

    public async Task<EmailDraft> ComposeAsync(ReminderCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var today = ActionOwnerReminderSource.UkDate(time.GetUtcNow().UtcDateTime);
        var leadUserId = candidate.RecipientKey!.Split(':')[1];
        var actions = await OverdueActions(candidate.RoundtableId, leadUserId, today)
            .OrderBy(a => a.DueDate).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.DueDate, a.Status, a.OwnerKind, Staff = a.OwnerUser!.DisplayName, Organisation = a.OwnerOrganisation!.Name })
            .ToListAsync(cancellationToken);
        var roundtable = await db.Roundtables.AsNoTracking().Where(r => r.Id == candidate.RoundtableId).Select(r => r.Title).SingleAsync(cancellationToken);
        var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
        var body = new EmailBody()
            .Heading($"Overdue actions you lead: {roundtable}")
            .Paragraph($"Dear {candidate.RecipientName},")
            .Paragraph($"{Plural.Count(actions.Count, "action")} from {roundtable} that you lead {(actions.Count == 1 ? "is" : "are")} overdue.");
        foreach (var a in actions)
        {
            var owner = a.OwnerKind == ActionOwnerKind.Staff ? a.Staff : a.Organisation;
            var days = today.DayNumber - a.DueDate.DayNumber;
            body.Link($"{a.Title} ({owner}; due {UkTime.FormatDate(ActionOwnerReminderSource.AnchorOf(a.DueDate))}, {Plural.Count(days, "day")} overdue; {a.Status.DisplayName()})",
                $"{baseUrl}/actions/{a.Id}");
        }

        body.Paragraph("This summary comes every Monday while any action you lead is overdue.");
        return new EmailDraft(Definition.Code, candidate.RecipientEmail, candidate.RecipientName,
            $"Overdue actions you lead ({actions.Count}): {roundtable}", body);
    }
}
