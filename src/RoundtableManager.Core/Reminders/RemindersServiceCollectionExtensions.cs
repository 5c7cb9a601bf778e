using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Reminders;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>The reminder engine and the recurring sweep (each feature adds its own sources). Call after AddJobs (it needs Hangfire's clients).</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<RemindersOptions>().BindConfiguration(RemindersOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RemindersOptions>, RemindersOptionsValidator>();
        services.AddScoped<ReminderSweep>();
        services.AddScoped<ReminderSweepJob>();
        services.AddScoped<ReminderService>();
        services.AddHostedService<ReminderSweepRegistration>();
        return services;
    }

    /// <summary>Adds a kind of reminder: the sweep, the settings and the organiser's page pick it up.</summary>
    public static IServiceCollection AddReminderSource<TSource>(this IServiceCollection services)
        where TSource : class, IReminderSource
    {
        services.AddScoped<IReminderSource, TSource>();
        return services;
    }
}
