namespace RoundtableManager.Core.Email;

/// <summary>An email to queue. Build the body with <see cref="EmailBody"/>.</summary>
public sealed record EmailDraft(string Kind, string ToAddress, string? ToName, string Subject, EmailBody Body)
{
    public string? CalendarContent { get; init; }

    public string? CalendarMethod { get; init; }

    public int? RoundtableId { get; init; }

    public int? InvitationRecipientId { get; init; }

    public string? DedupeKey { get; init; }

    /// <summary>Not before this time (defaults to now).</summary>
    public DateTime? NotBeforeUtc { get; init; }
}
