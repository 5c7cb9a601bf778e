using Hangfire;

namespace RoundtableManager.Core.Reminders;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>The reminder engine and the recurring sweep (each feature adds its own sources). Call after AddJobs (it needs Hangfire's clients).</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services) => services
        .AddValidatedOptions<RemindersOptions, RemindersOptionsValidator>(RemindersOptions.SectionName)
        .AddScoped<ReminderSweep>()
        .AddScoped<ReminderService>()
        .AddRecurringJob<ReminderSweepJob>(ReminderSweepJob.RecurringJobId, Cron.Minutely(), job => job.RunAsync(CancellationToken.None), runAtStart: true);

    /// <summary>Adds a kind of reminder: the sweep, the settings and the organiser's page pick it up.</summary>
    public static IServiceCollection AddReminderSource<TSource>(this IServiceCollection services)
        where TSource : class, IReminderSource => services.AddScoped<IReminderSource, TSource>();
}
