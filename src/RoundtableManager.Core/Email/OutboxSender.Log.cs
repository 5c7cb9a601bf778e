using Microsoft.Extensions.Logging;

namespace RoundtableManager.Core.Email;

public sealed partial class OutboxSender
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} ({Kind}) sent")]
    private static partial void LogSent(ILogger logger, long id, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed after {Attempts} attempt(s): {Error}")]
    private static partial void LogFailed(ILogger logger, long id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} will be retried (attempt {Attempts} failed; next at {NextAttemptUtc:o}): {Error}")]
    private static partial void LogRetrying(ILogger logger, long id, int attempts, DateTime nextAttemptUtc, string error);
}
