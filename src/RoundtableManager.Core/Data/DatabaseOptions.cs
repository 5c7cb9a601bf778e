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
}
