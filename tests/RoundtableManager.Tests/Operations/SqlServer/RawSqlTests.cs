using System.Text.RegularExpressions;

namespace RoundtableManager.Tests.Operations.SqlServer;

/// <summary>
/// Raw SQL written by hand reaches SQL Server nowhere today: the only hand-written statements are on SQLite-only paths
/// (each behind <c>IsSqlite()</c> or the SQLite provider). A new raw statement anywhere else fails this test, so whoever
/// adds it must also add a test here that parses it with <see cref="TSql.ParseErrors"/> (ServiceQueryTranslationTests
/// already parses whatever a service sends through EF Core, raw or not).
/// </summary>
public sealed partial class RawSqlTests
{
    private static readonly string[] SqliteOnlyFiles =
    [
        "src/RoundtableManager.Core/Data/PreparedInsert.cs",
        "src/RoundtableManager.Core/Data/SqliteNewDatabase.cs",
        "src/RoundtableManager.Core/Data/SqlitePragmaInterceptor.cs",
        "src/RoundtableManager.Core/Operations/SqliteBackup.cs",
        "src/RoundtableManager.Core/Suppliers/Import/NativeInsert.cs",
        "src/RoundtableManager.Core/Suppliers/Import/SqliteInserter.cs",
        "src/RoundtableManager.Core/Suppliers/Import/SqliteLookup.cs",

        // Not SQLite-only: the medians (window functions) of the programme report and the responses page, for both
        // providers; ProgrammeReportQueries runs in ServiceQueryTranslationTests, which parses its SQL Server text as T-SQL.
        "src/RoundtableManager.Core/Common/Medians.cs",

        // Not SQLite-only: ProgrammeScaleSummaries fills the report's refresh marks and the directory counts of a
        // database that already has data, on both providers. MigrationScriptTests parses the SQL Server scripts (which
        // include these statements) as T-SQL; MigrationTests runs them on SQLite over a database with data.
        "migrations/RoundtableManager.Migrations.Sqlite/Migrations/20261206174441_ProgrammeScaleSummaries.cs",
        "migrations/RoundtableManager.Migrations.SqlServer/Migrations/20261206174717_ProgrammeScaleSummaries.cs",

        // Not SQLite-only either: PagesAtProgrammeScale counts an existing database's actions into the register's kept
        // counts, on both providers (parsed as T-SQL by MigrationScriptTests, run on SQLite by MigrationTests).
        "migrations/RoundtableManager.Migrations.Sqlite/Migrations/20261206210949_PagesAtProgrammeScale.cs",
        "migrations/RoundtableManager.Migrations.SqlServer/Migrations/20261206211620_PagesAtProgrammeScale.cs",

        // Nor is ProgrammeReportMonths: it marks the months of an existing database's roundtables for the report's month
        // summaries, on both providers (parsed as T-SQL by MigrationScriptTests, run on SQLite by MigrationTests).
        "migrations/RoundtableManager.Migrations.Sqlite/Migrations/20261207000417_ProgrammeReportMonths.cs",
        "migrations/RoundtableManager.Migrations.SqlServer/Migrations/20261207000822_ProgrammeReportMonths.cs",

        // Not SQLite-only: the roles and the Data Protection keys at start, on both providers (parsed as T-SQL below).
        "src/RoundtableManager.Web/Infrastructure/DatabaseInitializer.cs",
        "src/RoundtableManager.Web/Infrastructure/DatabaseKeyRepository.cs",

        // Not SQLite-only: CsvImportSearchWords keeps each search word once per organisation under the new key, on both
        // providers (SQLite rebuilds the table by hand; parsed as T-SQL by MigrationScriptTests, run on SQLite by MigrationTests).
        "migrations/RoundtableManager.Migrations.Sqlite/Migrations/20261207001305_CsvImportSearchWords.cs",
        "migrations/RoundtableManager.Migrations.SqlServer/Migrations/20261207001838_CsvImportSearchWords.cs",
        // Nor is ActionMonthCounts: it counts an existing database's actions per UK month into the report's kept counts, on
        // both providers (parsed as T-SQL by MigrationScriptTests, run on SQLite by MigrationTests).
        "migrations/RoundtableManager.Migrations.Sqlite/Migrations/20261207032955_ActionMonthCounts.cs",
        "migrations/RoundtableManager.Migrations.SqlServer/Migrations/20261207033451_ActionMonthCounts.cs",
        // Nor is ImportBatchFiles: it moves each upload's text to its own table, on both providers (parsed as T-SQL by
        // MigrationScriptTests, run on SQLite by MigrationTests).
        "migrations/RoundtableManager.Migrations.Sqlite/Migrations/20261207140414_ImportBatchFiles.cs",
        "migrations/RoundtableManager.Migrations.SqlServer/Migrations/20261207141207_ImportBatchFiles.cs",
    ];

    [Theory]
    [InlineData(DatabaseInitializer.SelectRolesSql)]
    [InlineData(DatabaseInitializer.InsertRoleSql)]
    [InlineData(DatabaseKeyRepository.SelectSql)]
    [InlineData(DatabaseKeyRepository.InsertSql)]
    public void StartupStatements_ParseAsTSql(string sql)
    {
        Assert.Empty(TSql.ParseErrors(sql));
        Assert.Equal(1, TSql.StatementCount(sql));
    }

    [Fact]
    public void Sources_RawSql_OnlyOnSqliteOnlyPaths()
    {
        var root = RepositoryPaths.Root;
        var hits = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "migrations"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("CompiledModels", StringComparison.Ordinal))
            .Where(f => RawSql().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(SqliteOnlyFiles.Order(StringComparer.Ordinal), hits);
    }

    [GeneratedRegex(@"ExecuteSql(Raw|Interpolated)?\(|FromSql(Raw|Interpolated)?\(|SqlQuery(Raw)?\b|\.CommandText\s*=|migrationBuilder\.Sql\(|sqlite3_prepare|new NativeInsert\(")]
    private static partial Regex RawSql();
}
