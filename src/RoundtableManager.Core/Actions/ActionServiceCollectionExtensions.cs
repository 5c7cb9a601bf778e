using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Actions;

public static class ActionServiceCollectionExtensions
{
    /// <summary>Follow-up actions: commands, queries, rules, evidence, export, and their reminders (due, overdue, the weekly digest).</summary>
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddScoped<ActionCommands>();
        services.AddScoped<ActionQueries>();
        services.AddScoped<ActionRules>();
        services.AddScoped<ActionExportService>();
        services.AddScoped<ActionEvidenceService>();
        services.AddSingleton<EvidenceStore>();
        services.AddOptions<ActionOptions>().BindConfiguration(ActionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ActionOptions>, ActionOptionsValidator>();
        services.AddReminderSource<ActionDueSource>();
        services.AddReminderSource<ActionOverdueSource>();
        services.AddReminderSource<ActionDigestSource>();
        services.AddTimelineSource<ActionTimelineSource>();
        return services;
    }
}
