using Microsoft.Extensions.DependencyInjection;
using RoundtableManager.Core.Suppliers.Import;

namespace RoundtableManager.Core.Suppliers;

public static class SupplierDirectoryServiceCollectionExtensions
{
    public static IServiceCollection AddSupplierDirectory(this IServiceCollection services)
    {
        services.AddScoped<SupplierDirectoryQueries>();
        services.AddScoped<DirectoryCounts>();
        services.AddScoped<SupplierDirectoryCommands>();
        services.AddScoped<SupplierImportService>();
        services.AddScoped<SupplierExportService>();
        return services;
    }
}
