namespace RoundtableManager.Core.Audit;

/// <summary>
/// One thing someone did. Append-only: the app never updates or deletes a row (an interceptor refuses to), and the
/// summary never holds passwords, tokens, codes or links.
/// </summary>
public class AuditEvent : Entity<long>, IAppendOnly
{
    public const int ActionMaxLength = 60;
    public const int SummaryMaxLength = 1000;

    public DateTime OccurredUtc { get; set; }

    /// <summary>The account that acted, or null for the system (a job) or someone not signed in.</summary>
    public string? ActorUserId { get; set; }

    /// <summary>The actor's name or email as it was then, so the record survives the account.</summary>
    public string ActorName { get; set; } = "";

    /// <summary>A dotted code, e.g. "SignIn.Failed", "User.Disabled", "Invitation.Sent".</summary>
    public string Action { get; set; } = "";

    public string? SubjectType { get; set; }

    public string? SubjectId { get; set; }

    public string Summary { get; set; } = "";

    public int? OrganisationId { get; set; }

    public string? IpAddress { get; set; }
}
