using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Invitations;

public static class InvitationServiceCollectionExtensions
{
    /// <summary>Invitations and the answers to them (RSVP): sending, links, replies, responses, calendars, and their reminders.</summary>
    public static IServiceCollection AddInvitations(this IServiceCollection services)
    {
        services.AddScoped<InvitationService>();
        services.AddScoped<InvitationQueries>();
        services.AddScoped<InvitationLinks>();
        services.AddScoped<RsvpService>();
        services.AddScoped<ResponsesService>();
        services.AddScoped<PersonalCalendars>();
        services.AddScoped<InviteSelectionService>();
        services.AddReminderSource<RsvpChaserSource>();
        services.AddReminderSource<DetailsMissingSource>();
        services.AddReminderSource<EventReminderSource>();
        services.AddTimelineSource<InvitationTimelineSource>();
        services.AddTimelineSource<DelegateTimelineSource>();
        return services;
    }
}
