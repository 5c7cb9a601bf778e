namespace RoundtableManager.Core.Roundtables;

public static class RoundtableServiceCollectionExtensions
{
    public static IServiceCollection AddRoundtables(this IServiceCollection services) => services
        .AddScoped<RoundtableService>()
        .AddScoped<RoundtableQueries>()
        .AddScoped<FollowUpService>();
}
