using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RoundtableManager.Tests.Operations.SqlServer;

/// <summary>Microsoft's own T-SQL parser (the one SSMS and SqlPackage use), at SQL Server 2022's level.</summary>
internal static class TSql
{
    public static IReadOnlyList<string> ParseErrors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}").ToList();
    }

    /// <summary>How many statements the parser found (so a test can tell an empty parse from a clean one).</summary>
    public static int StatementCount(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var script = (TSqlScript)parser.Parse(reader, out _);
        return script.Batches.Sum(b => b.Statements.Count);
    }
}
