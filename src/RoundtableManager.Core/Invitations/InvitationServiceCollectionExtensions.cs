using Microsoft.Extensions.DependencyInjection;
using RoundtableManager.Core.Reminders;

namespace RoundtableManager.Core.Invitations;

public static class InvitationServiceCollectionExtensions
{
    public static IServiceCollection AddInvitations(this IServiceCollection services)
    {
        services.AddScoped<InvitationService>();
        services.AddScoped<PersonalCalendars>();
        services.AddScoped<InviteSelectionService>();
        services.AddReminderSource<RsvpChaserSource>();
        services.AddReminderSource<DetailsMissingSource>();
        services.AddReminderSource<EventReminderSource>();
        return services;
    }
}
