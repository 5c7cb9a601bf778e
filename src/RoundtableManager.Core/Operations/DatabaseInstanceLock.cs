namespace RoundtableManager.Core.Operations;

/// <summary>
/// A lock file beside the SQLite database: every running instance holds it shared, a restore holds it exclusively.
/// .NET takes an flock(2) lock for FileShare (shared unless FileShare.None), which the kernel drops when the process
/// ends, however it ends, so a crashed instance never leaves the database looking busy.
/// </summary>
public static class DatabaseInstanceLock
{
    public static string PathFor(string databasePath) => databasePath + ".instance-lock";

    /// <summary>Held while the app runs; throws <see cref="IOException"/> while a restore holds the lock.</summary>
    public static FileStream HoldShared(string databasePath) =>
        new(PathFor(databasePath), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);

    /// <summary>The lock for a restore, or null when an instance is running on this database.</summary>
    public static FileStream? TryHoldExclusive(string databasePath)
    {
        try
        {
            return new FileStream(PathFor(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
