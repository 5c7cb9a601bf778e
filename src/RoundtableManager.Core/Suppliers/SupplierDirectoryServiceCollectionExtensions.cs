using RoundtableManager.Core.Suppliers.Import;

namespace RoundtableManager.Core.Suppliers;

public static class SupplierDirectoryServiceCollectionExtensions
{
    public static IServiceCollection AddSupplierDirectory(this IServiceCollection services) => services
        .AddScoped<SupplierDirectoryQueries>()
        .AddScoped<DirectoryCounts>()
        .AddScoped<SupplierDirectoryCommands>()
        .AddSingleton<ImportPlanCache>()
        .AddScoped<SupplierImportService>()
        .AddScoped<SupplierExportService>();
}
