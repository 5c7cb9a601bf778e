namespace RoundtableManager.Core.Actions;

public static class ActionServiceCollectionExtensions
{
    /// <summary>Follow-up actions: commands, queries, rules, evidence, export, and their reminders (due, overdue, the weekly digest).</summary>
    public static IServiceCollection AddActions(this IServiceCollection services) => services
        .AddScoped<ActionCommands>()
        .AddScoped<ActionQueries>()
        .AddScoped<ActionDueCounts>()
        .AddRecurringJob<ActionDueCountsJob>(ActionDueCountsJob.RecurringJobId, "*/10 * * * *", job => job.RunAsync(CancellationToken.None))
        .AddScoped<ActionRules>()
        .AddScoped<ActionExportService>()
        .AddScoped<ActionEvidenceService>()
        .AddSingleton<EvidenceStore>()
        .AddValidatedOptions<ActionOptions, ActionOptionsValidator>(ActionOptions.SectionName)
        .AddReminderSource<ActionDueSource>()
        .AddReminderSource<ActionOverdueSource>()
        .AddReminderSource<ActionDigestSource>()
        .AddTimelineSource<ActionTimelineSource>();
}
