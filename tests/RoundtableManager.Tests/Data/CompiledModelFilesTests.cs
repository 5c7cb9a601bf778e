using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;

namespace RoundtableManager.Tests.Data;

/// <summary>
/// The compiled models in src/RoundtableManager.CompiledModels.* are what `dotnet ef dbcontext optimize` writes for
/// today's model (scripts/compile-model.sh): the same EF Core generator, run in-process on the same design-time model
/// with the options the tool passes, compared file by file with what is on disk. Only the model id, drawn afresh by
/// every generation, may differ.
/// </summary>
public sealed partial class CompiledModelFilesTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, "Server=ci;Database=ci")]
    public void CompiledModel_IsWhatDbContextOptimizeWrites(DatabaseProvider provider, string connectionString)
    {
        var generated = Generate(provider, connectionString)
            .Where(f => f.Path != "AppDbContextAssemblyAttributes.cs") // scripts/compile-model.sh deletes it
            .ToDictionary(f => f.Path, f => Normalise(f.Code));
        var directory = Path.Combine(RepositoryPaths.Root, "src", $"RoundtableManager.CompiledModels.{provider}");
        var onDisk = Directory.EnumerateFiles(directory, "*.cs").ToDictionary(f => Path.GetFileName(f), f => Normalise(File.ReadAllText(f)));

        var stale = generated.Keys.Union(onDisk.Keys)
            .Where(name => !generated.TryGetValue(name, out var code) || !onDisk.TryGetValue(name, out var file) || code != file)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(stale.Count == 0,
            $"The compiled model in src/RoundtableManager.CompiledModels.{provider} is stale ({string.Join(", ", stale)}): run scripts/compile-model.sh.");
    }

    private static IReadOnlyCollection<ScaffoldedFile> Generate(DatabaseProvider provider, string connectionString)
    {
        // What the tool's context is: the app's options, the model built from OnModelCreating (the tool runs with
        // EF.IsDesignTime, which leaves the compiled model out).
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connectionString, UseCompiledModel = false });
        using var context = new AppDbContext(builder.Options);
#pragma warning disable EF1001 // DesignTimeServicesBuilder is how dotnet-ef gathers the design-time services (the provider's included).
        var services = new DesignTimeServicesBuilder(typeof(AppDbContext).Assembly, typeof(Program).Assembly, new OperationReporter(null), []).Build(context);
#pragma warning restore EF1001
        // The options `dotnet ef dbcontext optimize --namespace RoundtableManager.CompiledModels.<provider>` passes for
        // RoundtableManager.Core (C#, nullable reference types on, no suffix).
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = typeof(AppDbContext),
            ModelNamespace = $"RoundtableManager.CompiledModels.{provider}",
            Language = "C#",
            UseNullableReferenceTypes = true,
            Suffix = "",
        };
        return services.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options)
            .GenerateModel(context.GetService<IDesignTimeModel>().Model, options);
    }

    private static string Normalise(string code) =>
        ModelId().Replace(code.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF'), "modelId: new Guid(\"\")");

    [GeneratedRegex("modelId: new Guid\\(\"[0-9a-fA-F-]+\"\\)")]
    private static partial Regex ModelId();
}
