using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// The requirement-level verification (security/asvs-5.0-l2.csv) stays true to the tests and to SECURITY.md's summary:
/// a row marked met names tests that exist, and the counts SECURITY.md shows are the file's.
/// </summary>
public sealed partial class AsvsVerificationTests
{
    private static readonly string[] Statuses = ["met", "met (no automated test)", "n/a", "gap"];

    private static readonly string Root = RepositoryPaths.Root;

    [Fact]
    public void Csv_EveryRow_HasIdLevelAndStatus_AndEveryMetRowNamesTestsThatExist()
    {
        var rows = ReadRows();
        Assert.Equal(253, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        var methodsByClass = TestMethodsByClass();
        var problems = new List<string>();
        foreach (var row in rows)
        {
            if (!RequirementId().IsMatch(row.Id) || row.Level is not ("1" or "2") || !Statuses.Contains(row.Status))
            {
                problems.Add($"{row.Id}: id, level ({row.Level}) or status ({row.Status}) not valid");
                continue;
            }

            if (row.Status != "met" && string.IsNullOrWhiteSpace(row.Note) && row.Status != "met (no automated test)")
            {
                problems.Add($"{row.Id}: a {row.Status} row says why");
            }

            if (row.Status != "met" || row.Test == "documentation")
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(row.Test))
            {
                problems.Add($"{row.Id}: met, but names no test");
            }

            foreach (var named in row.Test.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var test = TestName().Match(named);
                if (!test.Success
                    || !methodsByClass.TryGetValue(test.Groups["class"].Value, out var methods)
                    || !methods.Contains(test.Groups["method"].Value))
                {
                    problems.Add($"{row.Id}: no test {named}");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void SecurityMd_CountsPerChapter_EqualTheCsv()
    {
        var rows = ReadRows();
        var shown = File.ReadAllLines(Path.Combine(Root, "SECURITY.md"))
            .Select(line => CountsLine().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["chapter"].Value, m => m.Groups["counts"].Value.Replace(" ", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal).TrimEnd('|'));
        var expected = Enumerable.Range(1, 17).Select(n => n.ToString(CultureInfo.InvariantCulture))
            .ToDictionary(n => "V" + n, n => Counts(rows.Where(r => r.Id.StartsWith(n + ".", StringComparison.Ordinal))));
        expected["**Total**"] = Counts(rows);

        Assert.Equal(expected.OrderBy(e => e.Key), shown.OrderBy(s => s.Key));
    }

    /// <summary>Met | met (no automated test) | n/a | gap | gaps with a fix in progress | requirements, as the table shows them.</summary>
    private static string Counts(IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        int[] counts =
        [
            .. Statuses.Select(s => list.Count(r => r.Status == s)),
            list.Count(r => r.Status == "gap" && !string.IsNullOrWhiteSpace(r.Pending)),
            list.Count,
        ];
        return string.Join("|", counts);
    }

    private static List<Row> ReadRows()
    {
        var text = File.ReadAllText(Path.Combine(Root, "security", "asvs-5.0-l2.csv"));
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ',', HasHeader = true });
        var headers = csv.Headers.ToList();
        var rows = new List<Row>();
        while (csv.Read())
        {
            string Field(string name) => csv.GetString(headers.IndexOf(name)) ?? "";
            rows.Add(new Row(Field("id"), Field("level"), Field("status"), Field("test"), Field("gap, reason or note"), Field("pending")));
        }

        return rows;
    }

    /// <summary>Test methods by class, from the source of every test project (a class is named after its file).</summary>
    private static Dictionary<string, HashSet<string>> TestMethodsByClass() =>
        Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .GroupBy(Path.GetFileNameWithoutExtension)
            .ToDictionary(
                g => g.Key!,
                g => g.SelectMany(f => TestMethod().Matches(File.ReadAllText(f)).Select(m => m.Groups["method"].Value)).ToHashSet());

    [GeneratedRegex(@"^\d{1,2}\.\d{1,2}\.\d{1,2}$")]
    private static partial Regex RequirementId();

    /// <summary><c>Class.Method</c>, optionally followed by a note in brackets.</summary>
    [GeneratedRegex(@"^(?<class>\w+)\.(?<method>\w+)(\s*\(.*\))?$")]
    private static partial Regex TestName();

    [GeneratedRegex(@"\bpublic\s+(async\s+)?(Task|void)\s+(?<method>\w+)\s*\(")]
    private static partial Regex TestMethod();

    /// <summary>A row of SECURITY.md's table: <c>| V6 Authentication | 10 | 8 | 7 | 10 | 5 | 35 |</c>, or the total.</summary>
    [GeneratedRegex(@"^\| (?<chapter>V\d+(?= )|\*\*Total\*\*)[^|]*\|(?<counts>( \**\d+\**\s*\|){6})\s*$")]
    private static partial Regex CountsLine();

    private sealed record Row(string Id, string Level, string Status, string Test, string Note, string Pending);
}
