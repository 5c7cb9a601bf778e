using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Actions;

public static class ActionServiceCollectionExtensions
{
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddScoped<ActionService>();
        services.AddScoped<ActionExportService>();
        return services;
    }
}
