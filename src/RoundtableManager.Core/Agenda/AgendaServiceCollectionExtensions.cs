namespace RoundtableManager.Core.Agenda;

public static class AgendaServiceCollectionExtensions
{
    public static IServiceCollection AddAgenda(this IServiceCollection services) => services
        .AddScoped<AgendaService>()
        .AddScoped<ProposalService>()
        .AddScoped<MinutesService>()
        .AddTimelineSource<ProposalTimelineSource>();
}
