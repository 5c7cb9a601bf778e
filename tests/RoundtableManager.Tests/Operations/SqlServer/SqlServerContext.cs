namespace RoundtableManager.Tests.Operations.SqlServer;

/// <summary>
/// An AppDbContext configured exactly as Production configures SQL Server (same Configure method, same compiled
/// model and migrations assembly), optionally with interceptors. Nothing here connects: the server name is not
/// resolvable and every test either only generates SQL or stops each command before the network.
/// </summary>
internal static class SqlServerContext
{
    public const string ConnectionString = "Server=tcp:sqlserver.invalid,1433;Database=RoundtableManager;Encrypt=True;Connect Timeout=1";

    public static AppDbContext Create(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = ConnectionString });
        builder.AddInterceptors(interceptors);
        return new AppDbContext(builder.Options);
    }
}
