using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RoundtableManager.Core.Data;

namespace RoundtableManager.Tests.Data;

/// <summary>
/// The compiled models live in their own assemblies and are found by name: a rename or a missing reference would not
/// fail the build, only make every start build the model again. This is what notices.
/// </summary>
public sealed class CompiledModelTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=Unused;Integrated Security=true;TrustServerCertificate=true")]
    public void Configure_EachProvider_UsesItsCompiledModel(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });

        var model = builder.Options.FindExtension<CoreOptionsExtension>()?.Model;
        Assert.Equal($"RoundtableManager.CompiledModels.{provider}.AppDbContextModel", model?.GetType().FullName);
    }
}
