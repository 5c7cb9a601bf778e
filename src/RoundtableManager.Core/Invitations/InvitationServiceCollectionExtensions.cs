namespace RoundtableManager.Core.Invitations;

public static class InvitationServiceCollectionExtensions
{
    /// <summary>Invitations and the answers to them (RSVP): sending, links, replies, responses, calendars, and their reminders.</summary>
    public static IServiceCollection AddInvitations(this IServiceCollection services) => services
        .AddScoped<InvitationService>()
        .AddScoped<InvitationQueries>()
        .AddScoped<InvitationLinks>()
        .AddScoped<RsvpService>()
        .AddScoped<ResponsesService>()
        .AddScoped<PersonalCalendars>()
        .AddScoped<InviteSelectionService>()
        .AddReminderSource<RsvpChaserSource>()
        .AddReminderSource<DetailsMissingSource>()
        .AddReminderSource<EventReminderSource>()
        .AddTimelineSource<InvitationTimelineSource>()
        .AddTimelineSource<DelegateTimelineSource>();
}
