namespace RoundtableManager.Core.Email;

public enum OutboxStatus
{
    Queued,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

/// <summary>
/// One email, written in the same transaction as the change that causes it; the sender job delivers it.
/// The row is the source of truth: Hangfire only wakes the sender.
/// </summary>
public class OutboxMessage : Entity<long>
{
    public const int KindMaxLength = 50;
    public const int AddressMaxLength = 254;
    public const int SubjectMaxLength = 300;

    /// <summary>What the email is for, e.g. "Invitation", "RsvpChaser". Used by the email log filter.</summary>
    public string Kind { get; set; } = "";

    public string ToAddress { get; set; } = "";

    /// <summary>
    /// UPPER(ToAddress), worked out and stored by the database (both providers), so the organisation record finds an
    /// address's emails whatever case it was typed in, through an index.
    /// </summary>
    public string NormalisedToAddress { get; private set; } = "";

    public string? ToName { get; set; }

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>An iCalendar document sent as text/calendar (and as an .ics attachment), or null.</summary>
    public string? CalendarContent { get; set; }

    /// <summary>REQUEST or CANCEL; must equal the METHOD inside <see cref="CalendarContent"/>.</summary>
    public string? CalendarMethod { get; set; }

    /// <summary>
    /// While the email waits to be sent: its personal links, encrypted (see <see cref="Email.WithheldLinks"/>); the bodies
    /// hold placeholders. Emptied when the row is marked Sent, Failed or Cancelled.
    /// </summary>
    public string? ProtectedLinks { get; set; }

    public int? RoundtableId { get; set; }

    /// <summary>The invitation recipient this email went to, if any (to show per-recipient state).</summary>
    public int? InvitationRecipientId { get; set; }

    /// <summary>Unique when set: a second row with the same key is refused by the database (reminders use this).</summary>
    public string? DedupeKey { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>Earliest time the sender may (re)try this message.</summary>
    public DateTime NextAttemptUtc { get; set; }

    /// <summary>While Sending: when the claim lapses and another sender may take the row (a crashed sender's claim).</summary>
    public DateTime? ClaimExpiresUtc { get; set; }

    /// <summary>While Sending: which sender run's batch claim holds the row (a fresh value per claim).</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>While Sending: the <see cref="OutboxSenderInstance"/> holding the claim; a stale heartbeat frees it before the lease lapses.</summary>
    public Guid? ClaimedBy { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? SentUtc { get; set; }
}
