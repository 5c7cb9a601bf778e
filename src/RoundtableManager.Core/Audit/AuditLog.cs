using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RoundtableManager.Core.Audit;

public interface IAuditLog
{
    /// <summary>
    /// Adds an event to the caller's unit of work: it is saved by the caller's SaveChangesAsync, with the change it
    /// records. The actor and address come from the current request unless given.
    /// </summary>
    void Record(string action, string summary, string? subjectType = null, string? subjectId = null, int? organisationId = null, (string? Id, string Name)? actor = null);

    /// <summary>Records and saves at once, for events with no other change (a failed sign-in).</summary>
    Task RecordNowAsync(string action, string summary, string? subjectType = null, string? subjectId = null, (string? Id, string Name)? actor = null, CancellationToken cancellationToken = default);
}

public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider time) : IAuditLog
{
    public void Record(string action, string summary, string? subjectType = null, string? subjectId = null, int? organisationId = null, (string? Id, string Name)? actor = null)
    {
        Operations.OperationsMetrics.Audited(action);
        var user = http.HttpContext?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredUtc = time.GetUtcNow().UtcDateTime,
            ActorUserId = actor?.Id ?? (signedIn ? user!.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value : null),
            ActorName = Truncate(actor?.Name ?? (signedIn ? user!.Identity!.Name ?? "" : "Not signed in"), 200),
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Summary = Truncate(summary, AuditEvent.SummaryMaxLength),
            OrganisationId = organisationId,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
    }

    public async Task RecordNowAsync(string action, string summary, string? subjectType = null, string? subjectId = null, (string? Id, string Name)? actor = null, CancellationToken cancellationToken = default)
    {
        Record(action, summary, subjectType, subjectId, actor: actor);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>The audit log (and every other <see cref="IAppendOnly"/> table) is append-only: saving a change to, or the removal of, an existing row fails.</summary>
public sealed class AppendOnlyAuditInterceptor : SaveChangesInterceptor
{
    public static readonly AppendOnlyAuditInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        var changed = context?.ChangeTracker.Entries<IAppendOnly>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (changed is not null)
        {
            throw new InvalidOperationException(changed.Entity is AuditEvent
                ? "The audit log is append-only: events cannot be changed or removed."
                : $"{changed.Entity.GetType().Name} rows are append-only: they cannot be changed or removed.");
        }
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.Property(e => e.Action).HasMaxLength(AuditEvent.ActionMaxLength).IsRequired();
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.SubjectType).HasMaxLength(60);
        builder.Property(e => e.SubjectId).HasMaxLength(450);
        builder.Property(e => e.Summary).HasMaxLength(AuditEvent.SummaryMaxLength).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredUtc);
        builder.HasIndex(e => new { e.Action, e.OccurredUtc });
        builder.HasIndex(e => e.ActorUserId);
    }
}
