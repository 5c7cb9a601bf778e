using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RoundtableManager.Tests.Jobs;

/// <summary>
/// The catch-up run queued at start runs detached: when its queueing fails (job storage unavailable) the failure is
/// logged, not lost, and the host runs on (the job's schedule still runs it later).
/// </summary>
public sealed class RecurringJobRegistrationTests
{
    [Fact]
    public async Task CatchUpRun_EnqueueThrows_LogsAWarningNamingTheJobAndTheHostRunsOn()
    {
        var lines = new ConcurrentQueue<(LogLevel Level, string Message)>();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(new CapturingProvider(lines));
        builder.Services.AddSingleton<IRecurringJobManager, NoSchedules>();
        builder.Services.AddSingleton<IBackgroundJobClient, StorageDown>();
        builder.Services.AddRecurringJob<CatchUpJob>("catch-up-test", Cron.Hourly(), job => job.RunAsync(), runAtStart: true);
        using var host = builder.Build();
        host.Services.GetRequiredService<StartupJobsGate>().Open();

        await host.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!lines.Any(l => l.Level == LogLevel.Warning) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var warning = Assert.Single(lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("catch-up-test", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Server=", warning.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        await host.StopAsync();
    }

    public sealed class CatchUpJob
    {
        public Task RunAsync() => Task.CompletedTask;
    }

    private sealed class NoSchedules : IRecurringJobManager
    {
        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options)
        {
        }

        public void Trigger(string recurringJobId)
        {
        }

        public void RemoveIfExists(string recurringJobId)
        {
        }
    }

    private sealed class StorageDown : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => throw new InvalidOperationException("Job storage unavailable (Server=sql.example;Password=not-logged)");

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }

    private sealed class CapturingProvider(ConcurrentQueue<(LogLevel, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(lines);

        public void Dispose()
        {
        }
    }

    private sealed class Capturing(ConcurrentQueue<(LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lines.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
