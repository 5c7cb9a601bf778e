#!/usr/bin/env -S dotnet run --file
// Moves the namespace imports a project's files share into one GlobalUsings.cs per project, so each file's head
// says only what is particular to it (and `duplicates` stops pairing files by their identical using blocks).
// The project's own namespaces (RoundtableManager.*) go global when at least two hand-written files import them
// with a plain `using X;` at the top; a library's or the framework's when at least a tenth of the files do (so an
// import that says something about a file, such as MailKit or Hangfire, stays on it). Aliases, `using static` and
// imports inside #if stay where they are. Generated code
// (obj, bin, Migrations, CompiledModels) is neither read nor changed.
// Namespaces whose type names collide with another imported namespace's (CS0104) stay local: list them under their
// project in keepLocal below after a build says so.
// Safe to run again (after a merge brings new files): it reads the existing GlobalUsings.cs and only adds.
// Usage: dotnet run --file scripts/global-usings.cs [project folder ...]   (default: the projects under src and both test projects)
#:property ManagePackageVersionsCentrally=false
#:property TreatWarningsAsErrors=false
#:property AnalysisLevel=none
#:property PublishAot=false

using System.Text.RegularExpressions;

// Namespace -> why it stays imported file by file, per project folder (as given on the command line or defaulted).
var keepLocal = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal)
{
    [Path.Combine("tests", "RoundtableManager.Tests")] = new(StringComparer.Ordinal)
    {
        // The calendar tests import Ical.Net, whose Calendar clashes with System.Globalization.Calendar (CS0104).
        ["System.Globalization"] = "Ical.Net.Calendar",
    },
};

var projects = args.Length > 0
    ? args.ToList()
    : Directory.GetDirectories("src", "RoundtableManager.*").Where(d => !Path.GetFileName(d).StartsWith("RoundtableManager.CompiledModels", StringComparison.Ordinal))
        .Append(Path.Combine("tests", "RoundtableManager.Tests")).Append(Path.Combine("tests", "RoundtableManager.BrowserTests")).ToList();

var plainUsing = new Regex(@"^using (?<ns>[A-Za-z_][A-Za-z0-9_.]*);\s*$", RegexOptions.CultureInvariant);
var globalUsing = new Regex(@"^global using (?<ns>[A-Za-z_][A-Za-z0-9_.]*);\s*$", RegexOptions.CultureInvariant);

foreach (var project in projects.Select(p => Path.TrimEndingDirectorySeparator(p)))
{
    var local = keepLocal.GetValueOrDefault(project) ?? [];
    var files = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
        .Where(f => !IsGenerated(f) && Path.GetFileName(f) != "GlobalUsings.cs")
        .OrderBy(f => f, StringComparer.Ordinal)
        .ToList();

    var heads = files.ToDictionary(f => f, f => HeadUsings(File.ReadAllLines(f)));
    var globalsPath = Path.Combine(project, "GlobalUsings.cs");
    var globals = File.Exists(globalsPath)
        ? File.ReadAllLines(globalsPath).Select(l => globalUsing.Match(l)).Where(m => m.Success).Select(m => m.Groups["ns"].Value).ToHashSet(StringComparer.Ordinal)
        : new HashSet<string>(StringComparer.Ordinal);

    var widelyUsed = Math.Max(2, files.Count / 10);
    foreach (var group in heads.Values.SelectMany(h => h.Select(u => u.Namespace)).GroupBy(ns => ns))
    {
        var needed = group.Key.StartsWith("RoundtableManager.", StringComparison.Ordinal) ? 2 : widelyUsed;
        if (group.Count() >= needed && !local.ContainsKey(group.Key))
        {
            globals.Add(group.Key);
        }
    }

    var changed = 0;
    foreach (var (file, head) in heads)
    {
        var drop = head.Where(u => globals.Contains(u.Namespace)).Select(u => u.Line).ToHashSet();
        if (drop.Count == 0)
        {
            continue;
        }

        var lines = File.ReadAllLines(file).Where((_, i) => !drop.Contains(i)).SkipWhile(string.IsNullOrWhiteSpace).ToList();
        File.WriteAllText(file, string.Join('\n', lines) + "\n");
        changed++;
    }

    if (globals.Count > 0)
    {
        var ordered = globals.OrderBy(ns => ns.StartsWith("System", StringComparison.Ordinal) ? 0 : ns.StartsWith("Microsoft", StringComparison.Ordinal) ? 1 : 2)
            .ThenBy(ns => ns, StringComparer.Ordinal);
        File.WriteAllText(globalsPath,
            "// Namespaces most files of this project import; written by scripts/global-usings.cs (run it again after adding files).\n" +
            string.Concat(ordered.Select(ns => $"global using {ns};\n")));
    }

    Console.WriteLine($"{project}: {globals.Count} global usings, {changed} files changed");
}

static bool IsGenerated(string path)
{
    var parts = path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
    return parts.Any(p => p is "obj" or "bin" or "Migrations" or "CompiledModels" or "wwwroot" or "node_modules");
}

// The plain imports at the head of a file, before its namespace or first declaration, with their line numbers.
List<(string Namespace, int Line)> HeadUsings(string[] lines)
{
    var found = new List<(string, int)>();
    for (var i = 0; i < lines.Length; i++)
    {
        var line = lines[i].Trim();
        if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
        {
            continue;
        }

        var match = plainUsing.Match(line);
        if (!match.Success)
        {
            if (line.StartsWith("using ", StringComparison.Ordinal) || line.StartsWith("global using ", StringComparison.Ordinal))
            {
                continue; // aliases and static imports stay
            }

            break;
        }

        found.Add((match.Groups["ns"].Value, i));
    }

    return found;
}
