using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Invitations;

public static class InvitationServiceCollectionExtensions
{
    public static IServiceCollection AddInvitations(this IServiceCollection services)
    {
        services.AddScoped<InvitationService>();
        services.AddScoped<PersonalCalendars>();
        services.AddScoped<InviteSelectionService>();
        return services;
    }
}
