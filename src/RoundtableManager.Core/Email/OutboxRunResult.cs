namespace RoundtableManager.Core.Email;

/// <summary>What one run of the outbox sender did.</summary>
public sealed record OutboxRunResult(int Sent, int Retrying, int Failed);
