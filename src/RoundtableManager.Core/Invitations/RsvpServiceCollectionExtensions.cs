using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Invitations;

public static class RsvpServiceCollectionExtensions
{
    public static IServiceCollection AddRsvp(this IServiceCollection services)
    {
        services.AddScoped<RsvpService>();
        services.AddScoped<ResponsesService>();
        return services;
    }
}
