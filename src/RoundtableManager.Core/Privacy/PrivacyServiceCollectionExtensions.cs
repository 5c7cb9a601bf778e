using Hangfire;

namespace RoundtableManager.Core.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Retention (options, rules, the daily job), subject access export and erasure. Call after AddJobs.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services) => services
        .AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(RetentionOptions.SectionName)
        .AddScoped<PersonalDataEraser>()
        .AddScoped<RetentionService>()
        .AddScoped<PrivacyService>()
        // Daily at 02:00 UTC, when nobody is using the service; no run at start (tomorrow's run is the retry).
        .AddRecurringJob<RetentionJob>(RetentionJob.RecurringJobId, Cron.Daily(2), job => job.RunAsync(CancellationToken.None));
}
