namespace RoundtableManager.Core.Reminders;

public enum ReminderOutcome
{
    Sent,
    Skipped,
    Missed,
}

/// <summary>
/// What became of one reminder (one kind, recipient, target and version of its date). The unique
/// <see cref="DedupeKey"/> makes this row the compare-and-set: a reminder gets exactly one outcome, however many
/// sweeps run, and a Sent row commits with its outbox row.
/// </summary>
public class ReminderLog : Entity<long>
{
    public const int KindMaxLength = 50;
    public const int KeyMaxLength = 200;
    public const int ReasonMaxLength = 500;

    public string Kind { get; set; } = "";

    /// <summary>The roundtable the reminder belongs to; null for one about no roundtable (a control set adopted for chosen organisations).</summary>
    public int? RoundtableId { get; set; }

    /// <summary>What the reminder is about (an invitation for RSVP chasers).</summary>
    public int TargetId { get; set; }

    public string TargetName { get; set; } = "";

    public int RecipientId { get; set; }

    public string RecipientName { get; set; } = "";

    public int OffsetDays { get; set; }

    public DateTime DueUtc { get; set; }

    public ReminderOutcome Outcome { get; set; }

    public string? Reason { get; set; }

    public DateTime RecordedUtc { get; set; }

    public string DedupeKey { get; set; } = "";

    public long? OutboxMessageId { get; set; }

    public OutboxMessage? OutboxMessage { get; set; }
}

/// <summary>An organiser's choice for one kind of reminder on one roundtable; without a row the kind's defaults apply.</summary>
public class ReminderSetting : Entity
{
    public const int OffsetsMaxLength = 50;

    public int RoundtableId { get; set; }

    public string Kind { get; set; } = "";

    public bool Enabled { get; set; }

    /// <summary>Days before the date the reminder depends on, comma separated, largest first ("7,2").</summary>
    public string OffsetDays { get; set; } = "";

    /// <summary>Reminders due before this time are not sent or logged: changing the settings does not reach into the past.</summary>
    public DateTime UpdatedUtc { get; set; }
}
