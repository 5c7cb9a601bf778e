using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RoundtableManager.Core.Actions;

public static class ActionServiceCollectionExtensions
{
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddScoped<ActionService>();
        services.AddScoped<ActionExportService>();
        services.AddOptions<ActionOptions>().BindConfiguration(ActionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ActionOptions>, ActionOptionsValidator>();
        services.AddScoped<ActionEvidenceService>();
        return services;
    }
}
