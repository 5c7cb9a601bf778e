using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore.Infrastructure;

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

    [Fact]
    public void Configure_CompiledModelSwitchedOff_BuildsTheModelAtRunTime()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = "Data Source=unused.db",
            ["Database:UseCompiledModel"] = "false",
        }).Build();
        var options = DatabaseServiceCollectionExtensions.ReadDatabaseOptions(configuration, Path.GetTempPath());
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, options);

        Assert.False(options.UseCompiledModel);
        Assert.Null(builder.Options.FindExtension<CoreOptionsExtension>()?.Model);
        using var db = new AppDbContext(builder.Options);
        Assert.NotNull(db.Model.FindEntityType(typeof(RoundtableManager.Core.Email.OutboxMessage)));
    }
}
