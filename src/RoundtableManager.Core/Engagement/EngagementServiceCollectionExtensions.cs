namespace RoundtableManager.Core.Engagement;

public static class EngagementServiceCollectionExtensions
{
    public static IServiceCollection AddEngagement(this IServiceCollection services) => services
        .AddScoped<TagQueries>()
        .AddScoped<TagCommands>()
        .AddScoped<TimelineService>()
        .AddScoped<InteractionCommands>()
        .AddScoped<InteractionQueries>()
        .AddTimelineSource<InteractionTimelineSource>()
        .AddScoped<RoundtableMessages>()
        .AddTimelineSource<MessageTimelineSource>();

    /// <summary>Adds a part of the organisation record's timeline: the page, its filters and paging pick it up.</summary>
    public static IServiceCollection AddTimelineSource<TSource>(this IServiceCollection services)
        where TSource : class, ITimelineSource => services.AddScoped<ITimelineSource, TSource>();
}
