namespace RoundtableManager.Core.Invitations;

/// <summary>Chases organisations that accepted but have not named anyone to attend, before the reply-by deadline.</summary>
public sealed class DetailsMissingSource(AppDbContext db, IOptions<EmailOptions> email) : IReminderSource
{
    public static readonly ReminderKind Definition = new(
        "DetailsMissing", "details-missing", "deadline", "Delegate details chaser", "days before the reply-by deadline", "organisation", [3]);

    public ReminderKind Kind => Definition;

    public Task<IReadOnlyList<ReminderCandidate>> FindAsync(ReminderQuery query, CancellationToken cancellationToken) =>
        RsvpChaserSource.ToCandidatesAsync(RsvpChaserSource.RecipientsNearDeadline(db, query)
                .Where(r => r.Invitation.Response == InvitationResponse.Accepted && !db.Delegates.Any(d => d.InvitationId == r.InvitationId)), cancellationToken);

    public async Task<string?> RecheckAsync(ReminderCandidate candidate, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var facts = await db.InvitationRecipients.AsNoTracking().Where(r => r.Id == candidate.RecipientId)
            .Select(r => new
            {
                Revoked = r.RevokedUtc != null || r.Invitation.RevokedUtc != null,
                r.Invitation.Response,
                HasDelegates = db.Delegates.Any(d => d.InvitationId == r.InvitationId),
                r.Invitation.Roundtable.Status,
                r.Invitation.Roundtable.RsvpDeadlineUtc,
            })
            .SingleOrDefaultAsync(cancellationToken);
        return facts switch
        {
            null => "The invitation no longer exists",
            { Status: not RoundtableStatus.OpenForResponses } => "The roundtable is no longer open for replies",
            { Revoked: true } => "The invitation was revoked",
            { Response: not InvitationResponse.Accepted } => "The organisation no longer accepts",
            { HasDelegates: true } => "The organisation has named its delegates",
            _ => RsvpChaserSource.DeadlineMovedOrPassed(facts.RsvpDeadlineUtc, candidate.AnchorUtc, nowUtc),
        };
    }

    public async Task<EmailDraft> ComposeAsync(ReminderCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var roundtable = await db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == candidate.RoundtableId, cancellationToken);
        var body = new EmailBody()
            .Heading("Reminder: tell us who will attend")
            .Paragraph($"Dear {candidate.RecipientName},")
            .Paragraph($"{candidate.TargetName} has accepted the invitation to {roundtable.Title}, but has not yet named who will attend. Please name your delegates by {UkTime.Format(roundtable.RsvpDeadlineUtc)} (UK time) so we can keep seats for them.")
            .Paragraph("Sign in to Roundtable Manager and open the invitation to add your delegates.")
            .Paragraph($"If you have a question, email the roundtable team at {email.Value.FromAddress}.");
        return new EmailDraft(Definition.Code, candidate.RecipientEmail, candidate.RecipientName,
            $"Reminder: name your delegates by {UkTime.FormatDate(roundtable.RsvpDeadlineUtc)}: {roundtable.Title}", body);
    }
}
