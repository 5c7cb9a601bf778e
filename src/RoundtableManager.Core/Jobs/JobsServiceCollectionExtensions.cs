using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RoundtableManager.Core.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with storage chosen from the database provider, the server (unless Jobs:RunServer is false), and the
    /// recurring outbox sweep. Register after the database initialiser, so jobs start on a migrated database.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database, bool installSqlServerSchemaAtStart = true)
    {
        ArgumentNullException.ThrowIfNull(database);
        var jobs = ReadJobsOptions(configuration, database);
        services.AddSingleton(jobs);

        // Registered before AddHangfire so each app instance (tests run several in one process) gets its own storage
        // and activator rather than Hangfire's process-wide JobStorage.Current.
        // The EF tools (migrations, compiled models, CI's checks) build the services with a made-up connection string:
        // SQL Server job storage would spend seconds retrying its schema install against it, and no job runs there.
        services.AddSingleton<JobStorage>(_ => jobs.Storage == JobStorageKind.SqlServer && !Microsoft.EntityFrameworkCore.EF.IsDesignTime
            ? new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
            {
                // About 200 ms from enqueue to start, instead of polling every 15 seconds.
                QueuePollInterval = TimeSpan.Zero,
                // In Production the schema comes from the migrate command, like the app's own tables.
                PrepareSchemaIfNecessary = installSqlServerSchemaAtStart,
            })
            : new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) =>
        {
            HangfireLogProvider.Instance.Add(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
            config
                .UseLogProvider(HangfireLogProvider.Instance)
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
        });
        if (jobs.RunServer)
        {
            services.AddHangfireServer((provider, server) =>
            {
                server.WorkerCount = jobs.WorkerCount;
                server.Activator = provider.GetRequiredService<JobActivator>();
                server.SchedulePollingInterval = TimeSpan.FromSeconds(5);
                server.ShutdownTimeout = TimeSpan.FromSeconds(10);
            });
            services.AddHostedService<OutboxWakeUpService>();
        }

        services.Replace(ServiceDescriptor.Singleton<IOutboxTrigger, HangfireOutboxTrigger>());
        // The sender sweeps every minute and runs once at start, so anything queued before a restart goes now.
        services.AddRecurringJob<OutboxSenderJob>(OutboxSenderJob.RecurringJobId, Cron.Minutely(), job => job.RunAsync(CancellationToken.None), runAtStart: true);
        return services;
    }

    /// <summary>Creates or updates Hangfire's tables (schema HangFire) in a SQL Server database; used by the migrate command.</summary>
    public static void InstallSqlServerSchema(string connectionString)
    {
        using var connection = new Microsoft.Data.SqlClient.SqlConnection(connectionString);
        SqlServerObjectsInstaller.Install(connection);
    }

    public static JobsOptions ReadJobsOptions(IConfiguration configuration, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        var section = configuration.GetSection(JobsOptions.SectionName);
        var options = new JobsOptions();
        if (section["RunServer"] is { Length: > 0 } runServer)
        {
            options.RunServer = bool.TryParse(runServer, out var run)
                ? run
                : throw new ConfigurationProblemException("Jobs:RunServer", "must be true or false.");
        }

        if (section["WorkerCount"] is { Length: > 0 } workers)
        {
            options.WorkerCount = int.TryParse(workers, out var count) && count is >= 1 and <= 20
                ? count
                : throw new ConfigurationProblemException("Jobs:WorkerCount", "must be a whole number from 1 to 20.");
        }

        var storage = JobStorageKind.Default;
        if (section["Storage"] is { Length: > 0 } storageText
            && (!Enum.TryParse(storageText, ignoreCase: true, out storage) || !Enum.IsDefined(storage)))
        {
            throw new ConfigurationProblemException("Jobs:Storage", $"'{storageText}' is not a job storage. Use Default, InMemory or SqlServer.");
        }

        options.Storage = (storage, database.Provider) switch
        {
            (JobStorageKind.Default, DatabaseProvider.SqlServer) => JobStorageKind.SqlServer,
            (JobStorageKind.Default, _) => JobStorageKind.InMemory,
            (JobStorageKind.InMemory, DatabaseProvider.SqlServer) => throw new ConfigurationProblemException(
                "Jobs:Storage",
                "is InMemory but Database:Provider is SqlServer. In-memory job storage cannot be shared by several instances " +
                "and loses scheduled jobs on restart; remove Jobs:Storage (or set it to SqlServer) to keep jobs in SQL Server."),
            (JobStorageKind.SqlServer, not DatabaseProvider.SqlServer) => throw new ConfigurationProblemException(
                "Jobs:Storage",
                "is SqlServer but Database:Provider is not; SQL Server job storage uses the SQL Server database."),
            _ => storage,
        };
        return options;
    }
}
