namespace RoundtableManager.Core.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Options, readiness checks and the SQLite backup service.</summary>
    public static IServiceCollection AddOperationsCore(this IServiceCollection services)
    {
        services.AddValidatedOptions<OperationsOptions, OperationsOptionsValidator>(OperationsOptions.SectionName);
        services.AddHealthChecks().AddReadinessChecks();
        return services.AddSingleton<SqliteBackup>();
    }
}
