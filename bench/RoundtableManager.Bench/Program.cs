using System.Diagnostics;
using System.Globalization;
using System.Text;
using RoundtableManager.Bench;

if (args is [CsvImportBenchmark.ChildSwitch, var csvPath, var expectedRows])
{
    // Benchmark 3's own side, run in a process of its own so its peak memory is the import's (and the app's), nothing else.
    return await CsvImportBenchmark.RunChildAsync(csvPath, int.Parse(expectedRows, CultureInfo.InvariantCulture));
}

var quick = args.Contains("--quick");
var onlyIndex = Array.IndexOf(args, "--only");
var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;

IBenchmark[] benchmarks =
[
    new PortalPageBenchmark(),
    new InvitationThroughputBenchmark(),
    new CsvImportBenchmark(),
    new ReminderSweepBenchmark(),
    new AnswersUnderLoadBenchmark(),
    new ColdStartBenchmark(),
    new ColdStartBenchmark(restart: true),
    new CrashRecoveryBenchmark(),
    new ProgrammeScaleBenchmark(),
];

if (only is not null && !benchmarks.Any(b => b.Name == only))
{
    Console.Error.WriteLine($"No benchmark named '{only}'. Names: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
var root = baseDirectory;
while (root is not null && !File.Exists(Path.Combine(root.FullName, "RoundtableManager.sln")))
{
    root = root.Parent;
}

if (root is null)
{
    Console.Error.WriteLine("Cannot find the repository root (RoundtableManager.sln) above " + AppContext.BaseDirectory);
    return 2;
}

// WebApplicationFactory (TestApp) reads MvcTestingAppManifest.json from the current directory to find the web project.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var context = new BenchContext(quick, root.FullName, baseDirectory.Parent!.Name, Console.Error);
var rows = new List<(IBenchmark Benchmark, BenchResult Result)>();
foreach (var benchmark in benchmarks)
{
    if (only is not null && benchmark.Name != only)
    {
        continue;
    }

    Console.Error.WriteLine($"{benchmark.What}");
    BenchResult result;
    try
    {
        result = await benchmark.RunAsync(context, CancellationToken.None);
    }
    catch (Exception ex) when (ex is not OutOfMemoryException)
    {
        result = new BenchResult("error", "-", "-", false, [ex.GetType().Name + ": " + ex.Message]);
    }

    rows.Add((benchmark, result));
}

string[] headers = ["What", "Ours", "Raw / limit", "Ratio", "Goal", "Met"];
var cells = rows.Select(r => new[]
{
    r.Benchmark.What, r.Result.Ours, r.Result.Raw, r.Result.Ratio, r.Benchmark.Goal,
    r.Result.Met switch { true => "yes", false => "NO", null => "n/a" },
}).ToList();

var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
string Line(IReadOnlyList<string> values) => string.Join(" | ", values.Select((v, i) => v.PadRight(widths[i]))).TrimEnd();
Console.WriteLine();
Console.WriteLine(Line(headers));
Console.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
foreach (var row in cells)
{
    Console.WriteLine(Line(row));
}

Console.WriteLine();
foreach (var (benchmark, result) in rows)
{
    foreach (var note in result.Notes)
    {
        Console.WriteLine($"{benchmark.Name}: {note}");
    }
}

var markdown = new StringBuilder();
var commit = Git(root.FullName, "rev-parse --short HEAD");
markdown.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC at commit {commit}{(quick ? " (--quick: small sizes, one round)" : "")}, {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
markdown.AppendLine();
markdown.AppendLine("| " + string.Join(" | ", headers) + " |");
markdown.AppendLine("|" + string.Concat(headers.Select(_ => " --- |")));
foreach (var row in cells)
{
    markdown.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
}

markdown.AppendLine();
foreach (var (benchmark, result) in rows)
{
    foreach (var note in result.Notes)
    {
        markdown.AppendLine(CultureInfo.InvariantCulture, $"- {benchmark.Name}: {note}");
    }
}

var resultsFolder = Path.Combine(root.FullName, "bench", "results");
Directory.CreateDirectory(resultsFolder);
var latest = Path.Combine(resultsFolder, "latest.md");
await File.WriteAllTextAsync(latest, markdown.ToString());
Console.WriteLine();
Console.WriteLine($"Written to {Path.GetRelativePath(root.FullName, latest)}");
return rows.Any(r => r.Result.Ours == "error") ? 1 : 0;

static string Git(string folder, string arguments)
{
    try
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : "unknown";
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}
