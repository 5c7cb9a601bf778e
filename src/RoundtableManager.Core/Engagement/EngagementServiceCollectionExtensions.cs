using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Engagement;

public static class EngagementServiceCollectionExtensions
{
    public static IServiceCollection AddEngagement(this IServiceCollection services)
    {
        services.AddScoped<TagQueries>();
        services.AddScoped<TagCommands>();
        services.AddScoped<TimelineService>();
        services.AddScoped<InteractionCommands>();
        services.AddScoped<InteractionQueries>();
        services.AddTimelineSource<InteractionTimelineSource>();
        services.AddScoped<RoundtableMessages>();
        services.AddTimelineSource<MessageTimelineSource>();
        return services;
    }

    /// <summary>Adds a part of the organisation record's timeline: the page, its filters and paging pick it up.</summary>
    public static IServiceCollection AddTimelineSource<TSource>(this IServiceCollection services)
        where TSource : class, ITimelineSource
    {
        services.AddScoped<ITimelineSource, TSource>();
        return services;
    }
}
