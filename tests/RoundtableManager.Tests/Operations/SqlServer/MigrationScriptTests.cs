using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RoundtableManager.Tests.Operations.SqlServer;

/// <summary>
/// Issue #21 3(a): the SQL Server migrations, as the DBA's script (README.md, SQL Server), parse
/// with Microsoft's T-SQL parser with no errors. Generated in-process the same way dotnet ef does, with no server.
/// </summary>
public sealed class MigrationScriptTests
{
    [Fact]
    public void IdempotentScript_EveryMigration_ParsesWithNoErrors()
    {
        using var db = SqlServerContext.Create();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Empty(TSql.ParseErrors(script));
        Assert.True(TSql.StatementCount(script) > db.Database.GetMigrations().Count());
    }

    [Fact]
    public void PlainScript_EveryStatementOutsideDynamicSql_ParsesWithNoErrors()
    {
        // The idempotent script wraps some statements in EXEC(N'...'), which the parser sees as a string; the plain
        // script has every statement as itself, so together they leave nothing unparsed.
        using var db = SqlServerContext.Create();
        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Empty(TSql.ParseErrors(script));
        Assert.Contains("CREATE UNIQUE INDEX", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_BrokenStatement_IsReported()
    {
        // The check can fail: SQLite's syntax is not T-SQL.
        Assert.NotEmpty(TSql.ParseErrors("CREATE TABLE \"T\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK\" PRIMARY KEY AUTOINCREMENT);"));
    }
}

/// <summary>The capture itself: a query reaches the recorder as T-SQL without a server, and an untranslatable one fails.</summary>
public sealed class CapturingInterceptorTests
{
    [Fact]
    public async Task Query_OnSqlServerProvider_CapturedAsTSqlWithoutNetwork()
    {
        var interceptor = new CapturingInterceptor();
        await using var db = SqlServerContext.Create(interceptor);

        // The stand-in reader has no columns; the retrying strategy's buffering notices, after the command was recorded.
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Organisations.Where(o => o.Name.StartsWith("Acme")).OrderBy(o => o.Name).Take(5).ToListAsync());

        var sql = Assert.Single(interceptor.Statements);
        Assert.Contains("SELECT TOP(@", sql, StringComparison.Ordinal);
        Assert.Contains("[Organisations]", sql, StringComparison.Ordinal);
        Assert.Empty(TSql.ParseErrors(sql));
    }

    [Fact]
    public async Task SqliteOnlyFunction_OnSqlServerProvider_FailsToTranslate()
    {
        var interceptor = new CapturingInterceptor();
        await using var db = SqlServerContext.Create(interceptor);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => db.Organisations.Where(o => EF.Functions.Glob(o.Name, "A*")).ToListAsync());
        Assert.Empty(interceptor.Statements);
    }
}
