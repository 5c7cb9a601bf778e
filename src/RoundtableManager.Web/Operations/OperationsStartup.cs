using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace RoundtableManager.Web.Operations;

/// <summary>The operations feature: health for orchestrators, the instance lock a restore respects, backup commands.</summary>
public static class OperationsStartup
{
    public static WebApplicationBuilder AddOperationsFeature(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOperationsCore();
        builder.Services.AddHostedService<InstanceLockService>();
        builder.Services.AddScoped<BackupCommands>();
        builder.AddTelemetry();
        return builder;
    }

    /// <summary>
    /// /health as before (every check but the readiness ones), /health/live (the process answers: no check at all) and
    /// /health/ready (database, migrations, job server, outbox). All anonymous, all answering only the status word.
    /// </summary>
    public static WebApplication UseOperationsFeature(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(ReadinessChecks.Tag) }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessChecks.Tag) }).AllowAnonymous();
        app.MapMetrics();
        return app;
    }

    /// <summary>Holds the SQLite database's instance lock while the app runs, so a restore refuses to overwrite it.</summary>
    private sealed class InstanceLockService(DatabaseOptions database, SqliteBackup backup) : IHostedService, IDisposable
    {
        private FileStream? _lock;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                try
                {
                    _lock = DatabaseInstanceLock.HoldShared(Path.GetFullPath(backup.DatabasePath));
                }
                catch (IOException ex)
                {
                    throw new InvalidOperationException($"A restore is replacing {backup.DatabasePath}; start the app when it has finished.", ex);
                }
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _lock?.Dispose();
            _lock = null;
        }
    }
}
