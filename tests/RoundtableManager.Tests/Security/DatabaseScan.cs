using System.Globalization;

namespace RoundtableManager.Tests.Security;

/// <summary>Reads every column of every table in the app's SQLite database (found from sqlite_master) and the raw files.</summary>
internal static class DatabaseScan
{
    /// <summary>"Table.Column" for each column in which any row holds one of <paramref name="needles"/> (text, or a blob read as UTF-8).</summary>
    public static Task<List<string>> ColumnsHoldingAsync(TestApp app, IReadOnlyCollection<string> needles) =>
        app.WithDbAsync(async db =>
        {
            var found = new List<string>();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.Contains("OutboxMessages", tables);
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
                        if (needles.Any(t => value.Contains(t, StringComparison.Ordinal)))
                        {
                            found.Add($"{table}.{reader.GetName(i)}");
                        }
                    }
                }
            }

            return found.Distinct().Order(StringComparer.Ordinal).ToList();
        });

    /// <summary>The needles found anywhere in the bytes of the database file and its write-ahead log (free pages included).</summary>
    public static List<string> FilesHolding(TestApp app, IReadOnlyCollection<string> needles)
    {
        var found = new List<string>();
        foreach (var path in new[] { app.DatabasePath, app.DatabasePath + "-wal" }.Where(File.Exists))
        {
            byte[] bytes;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            found.AddRange(needles.Where(n => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(n)) >= 0).Select(n => $"{Path.GetFileName(path)}: {n[..Math.Min(8, n.Length)]}…"));
        }

        return found;
    }
}
