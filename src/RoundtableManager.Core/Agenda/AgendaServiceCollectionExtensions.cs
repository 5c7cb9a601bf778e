using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Agenda;

public static class AgendaServiceCollectionExtensions
{
    public static IServiceCollection AddAgenda(this IServiceCollection services)
    {
        services.AddScoped<AgendaService>();
        services.AddScoped<ProposalService>();
        services.AddScoped<MinutesService>();
        services.AddTimelineSource<ProposalTimelineSource>();
        return services;
    }
}
