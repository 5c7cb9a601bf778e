using Microsoft.Extensions.DependencyInjection;

namespace RoundtableManager.Core.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Options, readiness checks and the SQLite backup service.</summary>
    public static IServiceCollection AddOperationsCore(this IServiceCollection services)
    {
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperationsOptions>, OperationsOptionsValidator>();
        services.AddHealthChecks().AddReadinessChecks();
        services.AddSingleton<SqliteBackup>();
        return services;
    }
}
