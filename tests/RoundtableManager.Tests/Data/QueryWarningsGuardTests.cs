namespace RoundtableManager.Tests.Data;

/// <summary>
/// The query warnings guard: a query that would run a cartesian single query (two collection Includes, no split behaviour
/// stated) or limit rows without an order fails where it is written in Development and the tests, and Production only
/// logs it (so a query missed here still answers there).
/// </summary>
public sealed class QueryWarningsGuardTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Compile_UnorderedLimitOrUnstatedCollections_ThrowsOnlyWhereGuarded(bool guarded)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { ConnectionString = "Data Source=unused.db", ThrowOnQueryWarnings = guarded });
        using var db = new AppDbContext(builder.Options);
        IQueryable<object>[] unstated = [db.AuditEvents.Skip(50).Take(50), db.Invitations.Include(i => i.Recipients).Include(i => i.Delegates)];
        foreach (var query in unstated)
        {
            if (guarded)
            {
                var error = Assert.Throws<InvalidOperationException>(query.ToQueryString);
                Assert.Matches("RowLimitingOperationWithoutOrderByWarning|MultipleCollectionIncludeWarning", error.Message);
            }
            else
            {
                Assert.Contains("SELECT", query.ToQueryString(), StringComparison.Ordinal);
            }
        }

        Assert.Contains("SELECT", db.AuditEvents.OrderBy(e => e.Id).Skip(50).Take(50).ToQueryString(), StringComparison.Ordinal);
        Assert.Contains("SELECT", db.Invitations.Include(i => i.Recipients).Include(i => i.Delegates).AsSingleQuery().ToQueryString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    [InlineData("Production", false)]
    public void Start_EachEnvironment_GuardsOnlyOutsideProduction(string environment, bool guarded)
    {
        using var app = TestApp.Create(environment);
        Assert.Equal(guarded, app.Services.GetRequiredService<DatabaseOptions>().ThrowOnQueryWarnings);
    }
}
