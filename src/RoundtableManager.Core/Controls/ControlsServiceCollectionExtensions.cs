namespace RoundtableManager.Core.Controls;

public static class ControlsServiceCollectionExtensions
{
    /// <summary>Supplier security controls: sets, adoption, answers and verification, links to actions, reports and reminders.</summary>
    public static IServiceCollection AddControls(this IServiceCollection services) => services
        .AddScoped<ControlQueries>()
        .AddScoped<ControlSetCommands>()
        .AddScoped<ControlAdoptionService>()
        .AddScoped<ControlAnswerCommands>()
        .AddScoped<ActionControlService>()
        .AddScoped<ControlReports>()
        .AddScoped<ControlExportService>()
        .AddReminderSource<ControlTargetDueSource>()
        .AddReminderSource<ControlTargetOverdueSource>()
        .AddReminderSource<ControlAssessmentChaserSource>();
}
