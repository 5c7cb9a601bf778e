using System.Security.Cryptography;
using System.Text;

namespace RoundtableManager.Core.Controls;

/// <summary>
/// Reminds an organisation's recipients (see <see cref="ControlRecipients"/>) about the target date of an answer that
/// is not in place yet: before it, and once it has passed. Nothing for retired controls, or once the answer is In place
/// or Not applicable; a moved target date makes new keys. The roundtable the set was adopted for (if any) decides the
/// settings; otherwise the kind's defaults apply.
/// </summary>
public abstract class ControlTargetReminderSource(AppDbContext db, IOptions<EmailOptions> email) : IReminderSource
{
    public abstract ReminderKind Kind { get; }

    public static DateTime AnchorOf(DateOnly date) => UkTime.ToUtc(date.ToDateTime(TimeOnly.MinValue));

    /// <summary>A stable key for one person without putting their address in the log.</summary>
    internal static string PersonKey(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())))[..16];

    public async Task<IReadOnlyList<ReminderCandidate>> FindAsync(ReminderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var from = DateOnly.FromDateTime(UkTime.ToUk(query.FromUtc));
        var to = query.ToUtc is { } toUtc ? DateOnly.FromDateTime(UkTime.ToUk(toUtc)) : DateOnly.MaxValue;
        // Driven by the index on (Status, TargetDate): only answers not in place with a target date in the window.
        var rows = await db.ControlAnswers.AsNoTracking()
            .Where(a => (a.Status == ControlStatus.NotStarted || a.Status == ControlStatus.PartlyInPlace) && a.AnsweredUtc != null
                && a.TargetDate >= from && a.TargetDate <= to && a.Control.RetiredUtc == null)
            .Select(a => new
            {
                a.Id,
                a.OrganisationId,
                a.TargetDate,
                a.AnsweredUtc,
                Control = a.Control.Code + " " + a.Control.Title,
                RoundtableId = db.ControlAdoptions.Where(d => d.ControlSetId == a.Control.ControlSetId && d.OrganisationId == a.OrganisationId).Select(d => d.RoundtableId).FirstOrDefault(),
            })
            .Where(a => query.RoundtableId == null || a.RoundtableId == query.RoundtableId)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var candidates = new List<ReminderCandidate>();
        foreach (var group in rows.GroupBy(r => r.RoundtableId))
        {
            var recipients = await ControlRecipients.ForAsync(db, group.Select(r => r.OrganisationId).Distinct().ToList(), group.Key, cancellationToken);
            foreach (var answer in group)
            {
                var anchor = AnchorOf(answer.TargetDate!.Value);
                if (anchor <= query.FromUtc || (query.ToUtc is { } limit && anchor > limit))
                {
                    continue;
                }

                candidates.AddRange(recipients[answer.OrganisationId].Select(r =>
                    new ReminderCandidate(group.Key ?? ReminderCandidate.NoRoundtable, anchor, answer.Id, answer.Control, r.Id, r.Name, r.Email, answer.AnsweredUtc!.Value)
                    {
                        RecipientKey = $"answer:{answer.Id}:to:{PersonKey(r.Email)}",
                    }));
            }
        }

        return candidates;
    }

    public async Task<string?> RecheckAsync(ReminderCandidate candidate, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var facts = await db.ControlAnswers.AsNoTracking().Where(a => a.Id == candidate.TargetId)
            .Select(a => new { a.Status, a.TargetDate, Retired = a.Control.RetiredUtc != null })
            .FirstOrDefaultAsync(cancellationToken);
        return facts switch
        {
            null => "The answer no longer exists",
            { Retired: true } => "The control was retired",
            { Status: ControlStatus.InPlace } => "The control is in place",
            { Status: ControlStatus.NotApplicable } => "The organisation said the control does not apply",
            { TargetDate: null } => "The target date was removed",
            _ when AnchorOf(facts.TargetDate.Value) != candidate.AnchorUtc => "The target date changed",
            _ => StillApplies(facts.TargetDate.Value, DateOnly.FromDateTime(UkTime.ToUk(nowUtc))),
        };
    }

    protected abstract string? StillApplies(DateOnly target, DateOnly today);

    protected abstract (string Subject, string Message) Wording(string control, DateOnly target);

    public async Task<EmailDraft> ComposeAsync(ReminderCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var answer = await db.ControlAnswers.AsNoTracking().Where(a => a.Id == candidate.TargetId)
            .Select(a => new { a.Id, a.TargetDate, a.Status, Set = a.Control.ControlSet.Name, a.Control.ControlSet.Marking, Organisation = db.Organisations.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).First() })
            .SingleAsync(cancellationToken);
        var target = answer.TargetDate!.Value;
        var (subject, message) = Wording(candidate.TargetName, target);
        var body = new EmailBody()
            .Heading(subject)
            .MarkingNotice(answer.Marking)
            .Paragraph($"Dear {candidate.RecipientName},")
            .Paragraph(message)
            .Details(("Organisation", answer.Organisation), ("Control set", answer.Set), ("Control", candidate.TargetName), ("Status", answer.Status.DisplayName()), ("Target date", ControlNames.FormatDate(target)))
            .Link("Update your answer", $"{email.Value.PublicBaseUrl.TrimEnd('/')}/portal/controls/{answer.Id}")
            .Paragraph("If the date cannot be met, change it there and say why in the comment.");
        return new EmailDraft(Kind.Code, candidate.RecipientEmail, candidate.RecipientName, ControlNames.MarkedSubject(answer.Marking, subject), body);
    }
}

/// <summary>"Target date in 14 days" to the organisation's recipients.</summary>
public sealed class ControlTargetDueSource(AppDbContext db, IOptions<EmailOptions> email) : ControlTargetReminderSource(db, email)
{
    public static readonly ReminderKind Definition = new(
        "ControlTargetDue", "control-target-due", "target", "Security control target date reminder", "days before a control's target date", "answer", [14]);

    public override ReminderKind Kind => Definition;

    protected override string? StillApplies(DateOnly target, DateOnly today) => today > target ? "The target date had passed" : null;

    protected override (string Subject, string Message) Wording(string control, DateOnly target) =>
        ($"Security control target date coming up: {control}", $"You told us this control would be in place by {ControlNames.FormatDate(target)}. Please update your answer when it is.");
}

/// <summary>"Target date passed" to the organisation's recipients, the first working day after it.</summary>
public sealed class ControlTargetOverdueSource(AppDbContext db, IOptions<EmailOptions> email) : ControlTargetReminderSource(db, email)
{
    public static readonly ReminderKind Definition = new(
        "ControlTargetOverdue", "control-target-overdue", "target", "Security control overdue reminder", "days after a control's target date", "answer", [1], OffsetsAfterAnchor: true);

    public override ReminderKind Kind => Definition;

    protected override string? StillApplies(DateOnly target, DateOnly today) => today <= target ? "The target date had not passed" : null;

    protected override (string Subject, string Message) Wording(string control, DateOnly target) =>
        ($"Security control target date passed: {control}", $"You told us this control would be in place by {ControlNames.FormatDate(target)}, and your answer still says it is not.");
}
