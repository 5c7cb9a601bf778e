using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Controls;

public static class ControlsServiceCollectionExtensions
{
    /// <summary>Supplier security controls: sets, adoption, answers and verification, links to actions, reports and reminders.</summary>
    public static IServiceCollection AddControls(this IServiceCollection services)
    {
        services.AddScoped<ControlQueries>();
        services.AddScoped<ControlSetCommands>();
        services.AddScoped<ControlAdoptionService>();
        services.AddScoped<ControlAnswerCommands>();
        services.AddScoped<ActionControlService>();
        services.AddScoped<ControlReports>();
        services.AddScoped<ControlExportService>();
        services.AddReminderSource<ControlTargetDueSource>();
        services.AddReminderSource<ControlTargetOverdueSource>();
        services.AddReminderSource<ControlAssessmentChaserSource>();
        return services;
    }
}
