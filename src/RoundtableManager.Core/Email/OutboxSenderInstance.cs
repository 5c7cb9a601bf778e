namespace RoundtableManager.Core.Email;

/// <summary>
/// One running app instance that sends email, and when it last said it was alive. A claim on outbox rows names its
/// instance; once that instance's heartbeat is older than <see cref="OutboxHeartbeat.StaleAfter"/> it is taken for dead and
/// its claims are taken over, so a crash costs seconds rather than the whole lease.
/// </summary>
public class OutboxSenderInstance
{
    public Guid Id { get; set; }

    public DateTime StartedUtc { get; set; }

    public DateTime HeartbeatUtc { get; set; }
}
