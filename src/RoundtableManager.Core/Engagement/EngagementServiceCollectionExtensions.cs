using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Engagement;

public static class EngagementServiceCollectionExtensions
{
    public static IServiceCollection AddEngagement(this IServiceCollection services)
    {
        services.AddScoped<TagQueries>();
        services.AddScoped<TagCommands>();
        return services;
    }
}
