using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RoundtableManager.Core.Operations;

/// <summary>
/// The checks behind /health/ready. Only the database makes an instance Unhealthy (it cannot serve a page without
/// it); a silent job server or a stuck outbox make it Degraded: pages still work, so an orchestrator should keep
/// routing to it while the operators are told. The descriptions are for logs, never for the anonymous response.
/// </summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddCheck<DatabaseMigratedCheck>("database-migrated", HealthStatus.Unhealthy, [Tag])
            .AddCheck<JobServerHeartbeatCheck>("job-server-heartbeat", HealthStatus.Degraded, [Tag])
            .AddCheck<DueEmailAgeCheck>("due-email-age", HealthStatus.Degraded, [Tag]);
    }

    /// <summary>When the longest-waiting due email became due, or null when none waits.</summary>
    public static async Task<DateTime?> OldestDueEmailAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken) =>
        await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptUtc <= now)
            .OrderBy(m => m.NextAttemptUtc)
            .Select(m => (DateTime?)m.NextAttemptUtc)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The same, read in a scope of its own (for a background loop).</summary>
    public static async Task<DateTime?> OldestDueEmailAsync(IServiceScopeFactory scopes, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        await using var scope = scopes.CreateAsyncScope();
        return await OldestDueEmailAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), now, cancellationToken);
    }
}

/// <summary>The database answers and has every migration this build knows.</summary>
internal sealed class DatabaseMigratedCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, $"{pending} migration(s) not applied");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be read", ex);
        }
    }
}

/// <summary>Some job server (this instance's or another sharing the job storage) has beaten recently.</summary>
internal sealed class JobServerHeartbeatCheck(JobStorage storage, IOptions<OperationsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Hangfire stamps heartbeats with the machine's clock, so they are compared with it, not with the app's TimeProvider.
        var since = DateTime.UtcNow - options.Value.MaxJobServerHeartbeatAge;
        var servers = storage.GetMonitoringApi().Servers();
        return Task.FromResult(servers.Any(s => s.Heartbeat >= since)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "No job server heartbeat within " + options.Value.MaxJobServerHeartbeatAge));
    }
}

/// <summary>The oldest email that is due (queued, its next attempt time passed) is younger than the configured age.</summary>
internal sealed class DueEmailAgeCheck(AppDbContext db, TimeProvider clock, IOptions<OperationsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow().UtcDateTime;
        var oldest = await ReadinessChecks.OldestDueEmailAsync(db, now, cancellationToken);
        return oldest is { } due && now - due > options.Value.MaxDueEmailAge
            ? new HealthCheckResult(context.Registration.FailureStatus, "An email has been due since " + due.ToString("o", System.Globalization.CultureInfo.InvariantCulture))
            : HealthCheckResult.Healthy();
    }
}
