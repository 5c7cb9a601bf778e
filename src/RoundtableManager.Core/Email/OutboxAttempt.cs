namespace RoundtableManager.Core.Email;

public enum OutboxAttemptOutcome
{
    Delivered = 1,
    WillRetry = 2,
    Failed = 3,
}

/// <summary>One try at delivering an outbox message: when, how it ended and what the server (or the network) said.</summary>
public class OutboxAttempt : Entity<long>
{
    public const int ReplyMaxLength = 2000;

    public long OutboxMessageId { get; set; }

    public DateTime AttemptedUtc { get; set; }

    public OutboxAttemptOutcome Outcome { get; set; }

    /// <summary>The server's reply ("250 Ok", "451 Try again later"), or what went wrong before it answered.</summary>
    public string Reply { get; set; } = "";
}
