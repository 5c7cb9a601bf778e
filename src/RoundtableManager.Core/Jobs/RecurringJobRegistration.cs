using System.Linq.Expressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RoundtableManager.Core.Jobs;

public static class RecurringJobRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> with Hangfire under <paramref name="id"/> on <paramref name="cron"/> when the
    /// app starts; with <paramref name="runAtStart"/> it also runs once then, so a restart catches up at once. The job
    /// takes no arguments: the database says what is due, so a run that is repeated or late only finds less to do.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(
        this IServiceCollection services, string id, string cron, Expression<Func<TJob, Task>> run, bool runAtStart = false)
        where TJob : class
    {
        services.TryAddScoped<TJob>();
        return services.AddSingleton<IHostedService>(provider => new Registration<TJob>(
            provider.GetRequiredService<IRecurringJobManager>(), provider.GetRequiredService<IBackgroundJobClient>(), id, cron, run, runAtStart));
    }

    private sealed class Registration<TJob>(
        IRecurringJobManager recurring, IBackgroundJobClient jobs, string id, string cron, Expression<Func<TJob, Task>> run, bool runAtStart) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            recurring.AddOrUpdate(id, run, cron);
            if (runAtStart)
            {
                jobs.Enqueue(run);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
