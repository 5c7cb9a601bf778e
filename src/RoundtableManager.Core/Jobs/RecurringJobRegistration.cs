using System.Linq.Expressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RoundtableManager.Core.Jobs;

public static partial class RecurringJobRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> with Hangfire under <paramref name="id"/> on <paramref name="cron"/> when the
    /// app starts; with <paramref name="runAtStart"/> it also runs once then, so a restart catches up at once (once the
    /// first request has been answered, or a few seconds after the start: <see cref="StartupJobsGate"/>). The job
    /// takes no arguments: the database says what is due, so a run that is repeated or late only finds less to do.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(
        this IServiceCollection services, string id, string cron, Expression<Func<TJob, Task>> run, bool runAtStart = false)
        where TJob : class
    {
        services.TryAddScoped<TJob>();
        services.TryAddSingleton<StartupJobsGate>();
        return services.AddSingleton<IHostedService>(provider => new Registration<TJob>(
            provider.GetRequiredService<IRecurringJobManager>(),
            provider.GetRequiredService<IBackgroundJobClient>(),
            provider.GetRequiredService<StartupJobsGate>(),
            provider.GetService<IHostApplicationLifetime>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(RecurringJobRegistration)) ?? NullLogger.Instance,
            id,
            cron,
            run,
            runAtStart));
    }

    private sealed class Registration<TJob>(
        IRecurringJobManager recurring,
        IBackgroundJobClient jobs,
        StartupJobsGate gate,
        IHostApplicationLifetime? lifetime,
        ILogger logger,
        string id,
        string cron,
        Expression<Func<TJob, Task>> run,
        bool runAtStart) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            recurring.AddOrUpdate(id, run, cron);
            if (runAtStart)
            {
                _ = EnqueueOnceOpenAsync();
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private async Task EnqueueOnceOpenAsync()
        {
            var stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
            if (!await gate.WaitAsync(stopping))
            {
                return;
            }

            try
            {
                jobs.Enqueue(run);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // The host stopped while the run waited; the next start catches up instead.
            }
            catch (Exception ex)
            {
                // Nobody awaits this run (job storage unavailable, say): say so; the schedule still runs the job later.
                LogCatchUpNotQueued(logger, ex, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catch-up run of recurring job {JobId} could not be queued at start; its schedule runs it next")]
    private static partial void LogCatchUpNotQueued(ILogger logger, Exception exception, string jobId);
}
