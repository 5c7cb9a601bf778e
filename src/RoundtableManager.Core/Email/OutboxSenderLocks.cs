using Microsoft.Data.Sqlite;

namespace RoundtableManager.Core.Email;

/// <summary>
/// Proof of life for the sender instances on this machine, so a restart after a crash takes the dead instance's claims at
/// once instead of waiting <see cref="OutboxHeartbeat.StaleAfter"/> for its heartbeat to age.
/// <list type="bullet">
/// <item>Before it claims anything, an instance holds an exclusive lock on a file named after its id (beside the SQLite
/// database, as <see cref="Operations.DatabaseInstanceLock"/> is; for SQL Server in this machine's temporary folder).
/// .NET takes an flock(2) lock for <see cref="FileShare.None"/>, which the kernel drops the moment the process ends,
/// however it ends (kill -9 included).</item>
/// <item>A claim held by an instance whose file another instance can lock is a dead process's: certain, not a guess from
/// a clock. A file that is locked (alive) or absent (an instance on another machine, or locking not working here) says
/// nothing, and the heartbeat decides as before; so this can only make a takeover sooner, never let two live senders
/// hold one row.</item>
/// </list>
/// </summary>
public sealed class OutboxSenderLocks : IDisposable
{
    private const string Prefix = ".sender-";
    private const string Suffix = ".lock";

    /// <summary>A file this young may be one an instance is creating now: never swept.</summary>
    private static readonly TimeSpan SweepOlderThan = TimeSpan.FromMinutes(1);

    private readonly string _stem;
    private FileStream? _held;
    private string? _heldPath;

    public OutboxSenderLocks(DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _stem = Stem(database);
    }

    /// <summary>The file instance <paramref name="instance"/> holds while it lives.</summary>
    public string PathFor(Guid instance) => _stem + Prefix + instance.ToString("N") + Suffix;

    /// <summary>
    /// Takes this instance's lock for the rest of its life; false (and no file left) when locks do not work here, so other
    /// instances find no file and wait for the heartbeat.
    /// </summary>
    public bool Hold(Guid instance)
    {
        if (_held is not null)
        {
            return true;
        }

        var path = PathFor(instance);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Sweep();
            var held = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            if (CanLock(path))
            {
                // A second exclusive open succeeded: this file system (or DOTNET_SYSTEM_IO_DISABLEFILELOCKING) does not lock.
                held.Dispose();
                File.Delete(path);
                return false;
            }

            (_held, _heldPath) = (held, path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// True only when <paramref name="instance"/>'s file exists and this process could lock it: its owner is gone. The file
    /// is removed while locked, so the answer is given once.
    /// </summary>
    public bool IsDead(Guid instance)
    {
        var path = PathFor(instance);
        if (path == _heldPath || !File.Exists(path))
        {
            return false;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_held is null)
        {
            return;
        }

        File.Delete(_heldPath!);
        _held.Dispose();
        _held = null;
    }

    private static bool CanLock(string path)
    {
        try
        {
            using var second = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Removes the files of instances that died holding no claim (nobody else would), older than a minute.</summary>
    private void Sweep()
    {
        var folder = Path.GetDirectoryName(_stem)!;
        foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(_stem) + Prefix + "*" + Suffix))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > SweepOlderThan
                && Guid.TryParseExact(Path.GetFileName(file)[(Path.GetFileName(_stem).Length + Prefix.Length)..^Suffix.Length], "N", out var owner))
            {
                IsDead(owner);
            }
        }
    }

    private static string Stem(DatabaseOptions database)
    {
        if (database.Provider == DatabaseProvider.Sqlite
            && new SqliteConnectionStringBuilder(database.ConnectionString) is { Mode: not SqliteOpenMode.Memory, DataSource: { Length: > 0 } file }
            && file != ":memory:")
        {
            return Path.GetFullPath(file);
        }

        return Path.Combine(Path.GetTempPath(), "roundtable-manager-outbox", "instance");
    }
}
