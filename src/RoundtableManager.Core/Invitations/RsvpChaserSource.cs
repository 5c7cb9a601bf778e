namespace RoundtableManager.Core.Invitations;

/// <summary>
/// Chases the recipients of invitations their organisation has not answered, before the reply-by deadline. Tokens are
/// stored hashed, so a chaser cannot carry the personal link: it points to the original invitation email instead.
/// </summary>
public sealed class RsvpChaserSource(AppDbContext db, IOptions<EmailOptions> email) : IReminderSource
{
    public static readonly ReminderKind Definition = new(
        "RsvpChaser", "rsvp-chaser", "deadline", "RSVP chaser", "days before the reply-by deadline", "organisation", [7, 2]);

    public ReminderKind Kind => Definition;

    public Task<IReadOnlyList<ReminderCandidate>> FindAsync(ReminderQuery query, CancellationToken cancellationToken) =>
        ToCandidatesAsync(RecipientsNearDeadline(db, query).Where(r => r.Invitation.Response == InvitationResponse.None), cancellationToken);

    /// <summary>
    /// Current recipients of invitations to open roundtables whose reply-by deadline lies in the query's window, driven
    /// by the index on Roundtables.RsvpDeadlineUtc so only roundtables near their deadline are read.
    /// </summary>
    internal static IQueryable<InvitationRecipient> RecipientsNearDeadline(AppDbContext db, ReminderQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var to = query.ToUtc ?? DateTime.MaxValue;
        return db.InvitationRecipients.AsNoTracking()
            .Where(r => r.Invitation.Roundtable.RsvpDeadlineUtc > query.FromUtc && r.Invitation.Roundtable.RsvpDeadlineUtc <= to
                && (query.RoundtableId == null || r.Invitation.RoundtableId == query.RoundtableId)
                && r.Invitation.Roundtable.Status == RoundtableStatus.OpenForResponses
                && r.Invitation.RevokedUtc == null && r.RevokedUtc == null);
    }

    /// <summary>Why a chaser anchored on the reply-by deadline is no longer due: the deadline moved since, or it passed.</summary>
    internal static string? DeadlineMovedOrPassed(DateTime deadlineUtc, DateTime anchorUtc, DateTime nowUtc) =>
        deadlineUtc != anchorUtc ? "The reply-by deadline changed"
        : nowUtc >= deadlineUtc ? "The reply-by deadline had passed"
        : null;

    internal static Task<IReadOnlyList<ReminderCandidate>> ToCandidatesAsync(IQueryable<InvitationRecipient> recipients, CancellationToken cancellationToken) =>
        recipients
            .Select(r => new ReminderCandidate(r.Invitation.RoundtableId, r.Invitation.Roundtable.RsvpDeadlineUtc, r.InvitationId, r.Invitation.Organisation.Name,
                r.Id, r.Name, r.Email, r.CreatedUtc))
            .ToListByRecipientAsync(cancellationToken);

    public async Task<string?> RecheckAsync(ReminderCandidate candidate, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var facts = await db.InvitationRecipients.AsNoTracking().Where(r => r.Id == candidate.RecipientId)
            .Select(r => new
            {
                RecipientRevoked = r.RevokedUtc != null,
                InvitationRevoked = r.Invitation.RevokedUtc != null,
                r.Invitation.Response,
                r.Invitation.Roundtable.Status,
                r.Invitation.Roundtable.RsvpDeadlineUtc,
            })
            .SingleOrDefaultAsync(cancellationToken);
        return facts switch
        {
            null => "The invitation no longer exists",
            { Status: RoundtableStatus.Cancelled } => "The roundtable was cancelled",
            { Status: not RoundtableStatus.OpenForResponses } => "The roundtable is no longer open for replies",
            { InvitationRevoked: true } or { RecipientRevoked: true } => "The invitation was revoked",
            { Response: not InvitationResponse.None } => "The organisation had replied",
            _ => DeadlineMovedOrPassed(facts.RsvpDeadlineUtc, candidate.AnchorUtc, nowUtc),
        };
    }

    public async Task<EmailDraft> ComposeAsync(ReminderCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var roundtable = await db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == candidate.RoundtableId, cancellationToken);
        var from = email.Value.FromAddress;
        var body = new EmailBody()
            .Heading("Reminder: your organisation has not replied yet")
            .Paragraph($"Dear {candidate.RecipientName},")
            .Paragraph($"{candidate.TargetName} is invited to {roundtable.Title}, and we have not had a reply yet. Please reply by {UkTime.Format(roundtable.RsvpDeadlineUtc)} (UK time).")
            .Details(
                ("Roundtable", roundtable.Title),
                ("When", UkTime.FormatRange(roundtable.StartsUtc, roundtable.EndsUtc) + " (UK time)"),
                ("Reply by", UkTime.Format(roundtable.RsvpDeadlineUtc)))
            .Paragraph($"To reply, use the personal link in your invitation email, which we sent to {candidate.RecipientEmail}. For your security this reminder does not contain the link.")
            .Paragraph($"If you cannot find the invitation, email the roundtable team at {from} and ask for a new link. If someone else at your organisation has already replied, you can ignore this email.");
        return new EmailDraft(Definition.Code, candidate.RecipientEmail, candidate.RecipientName,
            $"Reminder: reply by {UkTime.FormatDate(roundtable.RsvpDeadlineUtc)}: {roundtable.Title}", body);
    }
}
