namespace RoundtableManager.Web.Operations;

/// <summary>The <c>backup FILE</c> and <c>restore FILE</c> command-line verbs.</summary>
public sealed class BackupCommands(SqliteBackup backup)
{
    public static readonly string[] Verbs = ["backup", "restore"];

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length != 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            await output.WriteLineAsync($"Usage: {args[0]} FILE   (for example: {args[0]} backups/roundtable-2027-02-03.db)");
            return 2;
        }

        var file = args[1];
        var result = args[0] == "backup"
            ? await backup.BackupAsync(file, cancellationToken)
            : await backup.RestoreAsync(file, cancellationToken);
        if (result.Succeeded)
        {
            await output.WriteLineAsync(args[0] == "backup"
                ? $"Backed up {backup.DatabasePath} to {Path.GetFullPath(file)} (integrity check: ok)."
                : $"Restored {backup.DatabasePath} from {Path.GetFullPath(file)} (integrity check: ok). Start the app to apply any newer migrations.");
            return 0;
        }

        await output.WriteLineAsync(result.Problem ?? $"There is no database at {backup.DatabasePath} to back up.");
        return 1;
    }
}
