namespace RoundtableManager.Core.Controls;

/// <summary>
/// "We asked for your assessment and have no answers yet": to the organisation's recipients, by default 14 days after a
/// set was adopted for it, while not one of the set's controls (not retired) has been answered.
/// </summary>
public sealed class ControlAssessmentChaserSource(AppDbContext db, IOptions<EmailOptions> email) : IReminderSource
{
    public static readonly ReminderKind Definition = new(
        "ControlAssessmentChaser", "control-assessment-chaser", "requested", "Security controls assessment chaser", "days after an assessment was asked for, with nothing answered", "organisation", [14], OffsetsAfterAnchor: true);

    public ReminderKind Kind => Definition;

    public async Task<IReadOnlyList<ReminderCandidate>> FindAsync(ReminderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Driven by the index on AdoptedUtc: only adoptions in the window.
        var rows = await db.ControlAdoptions.AsNoTracking()
            .Where(a => a.AdoptedUtc > query.FromUtc && (query.ToUtc == null || a.AdoptedUtc <= query.ToUtc)
                && (query.RoundtableId == null || a.RoundtableId == query.RoundtableId)
                && !db.ControlAnswers.Any(x => x.OrganisationId == a.OrganisationId && x.Control.ControlSetId == a.ControlSetId && x.AnsweredUtc != null))
            .Join(db.ControlSets, a => a.ControlSetId, s => s.Id, (a, s) => new { a.Id, a.OrganisationId, a.RoundtableId, a.AdoptedUtc, s.Name })
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var candidates = new List<ReminderCandidate>();
        foreach (var group in rows.GroupBy(r => r.RoundtableId))
        {
            var recipients = await ControlRecipients.ForAsync(db, group.Select(r => r.OrganisationId).Distinct().ToList(), group.Key, cancellationToken);
            candidates.AddRange(group.SelectMany(adoption => recipients[adoption.OrganisationId].Select(r =>
                new ReminderCandidate(group.Key ?? ReminderCandidate.NoRoundtable, adoption.AdoptedUtc, adoption.Id, adoption.Name, r.Id, r.Name, r.Email, adoption.AdoptedUtc)
                {
                    RecipientKey = $"adoption:{adoption.Id}:to:{ControlTargetReminderSource.PersonKey(r.Email)}",
                })));
        }

        return candidates;
    }

    public async Task<string?> RecheckAsync(ReminderCandidate candidate, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var adoption = await db.ControlAdoptions.AsNoTracking().Where(a => a.Id == candidate.TargetId).Select(a => new { a.OrganisationId, a.ControlSetId }).FirstOrDefaultAsync(cancellationToken);
        if (adoption is null)
        {
            return "The set is no longer adopted";
        }

        return await db.ControlAnswers.AnyAsync(x => x.OrganisationId == adoption.OrganisationId && x.Control.ControlSetId == adoption.ControlSetId && x.AnsweredUtc != null, cancellationToken)
            ? "The organisation has started its assessment"
            : await db.Controls.AnyAsync(c => c.ControlSetId == adoption.ControlSetId && c.RetiredUtc == null, cancellationToken) ? null : "Every control of the set was retired";
    }

    public async Task<EmailDraft> ComposeAsync(ReminderCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var adoption = await db.ControlAdoptions.AsNoTracking().Where(a => a.Id == candidate.TargetId)
            .Join(db.ControlSets, a => a.ControlSetId, s => s.Id, (a, s) => new { s.Name, s.Marking, Organisation = db.Organisations.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).First() })
            .SingleAsync(cancellationToken);
        var subject = $"Reminder: please assess {adoption.Organisation} against {adoption.Name}";
        var body = new EmailBody()
            .Heading(subject)
            .MarkingNotice(adoption.Marking)
            .Paragraph($"Dear {candidate.RecipientName},")
            .Paragraph($"On {UkTime.FormatDate(candidate.AnchorUtc)} we asked {adoption.Organisation} to assess itself against {adoption.Name}. We have not had any answers yet.")
            .Link("Open your assessment", $"{email.Value.PublicBaseUrl.TrimEnd('/')}/portal/controls")
            .Paragraph("You can answer one control at a time; what you save is kept.");
        return new EmailDraft(Kind.Code, candidate.RecipientEmail, candidate.RecipientName, ControlNames.MarkedSubject(adoption.Marking, subject), body);
    }
}
