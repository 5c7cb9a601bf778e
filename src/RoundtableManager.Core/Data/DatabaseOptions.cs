namespace RoundtableManager.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "";

    /// <summary>SQLite: seconds a command waits on a locked database before giving up.</summary>
    public int BusyTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Load the model compiled ahead (src/RoundtableManager.CompiledModels.*) instead of building it from
    /// OnModelCreating at the first context; off only to measure what it saves (bench/README.md, benchmark 6).
    /// </summary>
    public bool UseCompiledModel { get; set; } = true;

    /// <summary>
    /// Make a query that would run a cartesian single query or a row-limited query without an order throw instead of
    /// logging a warning. Not read from configuration: the app sets it from its environment (Development and Testing).
    /// </summary>
    public bool ThrowOnQueryWarnings { get; set; }
}
