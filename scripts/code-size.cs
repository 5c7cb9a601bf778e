#!/usr/bin/env -S dotnet run --file
// Lists the hand-written C# files over a line limit and the methods (and constructors, accessors, local functions,
// lambdas' enclosing members) over a line limit, as ARCHITECTURE.md and STYLE.md ask (~400 lines a file, ~80 a method).
// Generated code is skipped: CompiledModels, migrations, obj/bin, wwwroot.
// Usage: dotnet run --file scripts/code-size.cs [--files 400] [--methods 80] [folder ...]   (default folder: src)
// Exits 1 when anything is over, so CI could call it.
#:package Microsoft.CodeAnalysis.CSharp@5.0.0
#:property ManagePackageVersionsCentrally=false
#:property TreatWarningsAsErrors=false
#:property AnalysisLevel=none
#:property PublishAot=false

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

var fileLimit = 400;
var methodLimit = 80;
var roots = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--files": fileLimit = int.Parse(args[++i]); break;
        case "--methods": methodLimit = int.Parse(args[++i]); break;
        default: roots.Add(args[i]); break;
    }
}

if (roots.Count == 0)
{
    roots.Add("src");
}

static bool Generated(string path) =>
    path.Split(Path.DirectorySeparatorChar).Any(part =>
        part is "obj" or "bin" or "wwwroot" or "node_modules" or "Migrations" || part.StartsWith("RoundtableManager.CompiledModels", StringComparison.Ordinal))
    || path.EndsWith(".g.cs", StringComparison.Ordinal) || path.EndsWith(".Designer.cs", StringComparison.Ordinal);

var files = roots.SelectMany(root => Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
    .Where(path => !Generated(path)).Order(StringComparer.Ordinal).ToList();

var bigFiles = new List<(string Path, int Lines)>();
var bigMethods = new List<(string Where, string Name, int Lines)>();
foreach (var path in files)
{
    var text = File.ReadAllText(path);
    var tree = CSharpSyntaxTree.ParseText(text, path: path);
    var lines = tree.GetText().Lines.Count;
    if (text.EndsWith('\n'))
    {
        lines--;
    }

    if (lines > fileLimit)
    {
        bigFiles.Add((path, lines));
    }

    foreach (var node in tree.GetRoot().DescendantNodes())
    {
        string? name = node switch
        {
            MethodDeclarationSyntax m => m.Identifier.Text,
            ConstructorDeclarationSyntax c => c.Identifier.Text + " (constructor)",
            LocalFunctionStatementSyntax l => l.Identifier.Text + " (local function)",
            AccessorDeclarationSyntax a when a.Body is not null || a.ExpressionBody is not null
                => (a.Parent?.Parent as PropertyDeclarationSyntax)?.Identifier.Text + "." + a.Keyword.Text,
            OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text,
            _ => null,
        };
        if (name is null)
        {
            continue;
        }

        var span = node.GetLocation().GetLineSpan();
        var length = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
        if (length > methodLimit)
        {
            bigMethods.Add(($"{path}:{span.StartLinePosition.Line + 1}", name, length));
        }
    }
}

Console.WriteLine($"{files.Count} hand-written .cs files read under {string.Join(", ", roots)}");
Console.WriteLine($"files over {fileLimit} lines: {bigFiles.Count}");
foreach (var (path, lines) in bigFiles.OrderByDescending(f => f.Lines))
{
    Console.WriteLine($"  {lines,5}  {path}");
}

Console.WriteLine($"methods over {methodLimit} lines: {bigMethods.Count}");
foreach (var (where, name, lines) in bigMethods.OrderByDescending(m => m.Lines))
{
    Console.WriteLine($"  {lines,5}  {name}  {where}");
}

return bigFiles.Count + bigMethods.Count == 0 ? 0 : 1;
