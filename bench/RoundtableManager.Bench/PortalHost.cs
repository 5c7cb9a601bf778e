using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RoundtableManager.Web.Infrastructure;

namespace RoundtableManager.Bench;

/// <summary>
/// The real app (AddRoundtableManager / UseRoundtableManager, as Program.cs does) on Kestrel at 127.0.0.1 on a free
/// port, on its own SQLite file, with room for the bench to map endpoints of its own after the app's. Those endpoints
/// exist only in this host, never in the shipped app.
/// </summary>
internal sealed class PortalHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private PortalHost(WebApplication app, string folder, Uri address)
    {
        _app = app;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public string DatabasePath => Path.Combine(_folder, "roundtable.db");

    public static async Task<PortalHost> StartAsync(BenchContext context, IDictionary<string, string?> settings, Action<WebApplication> mapExtra)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mapExtra);
        var folder = Path.Combine(Path.GetTempPath(), "rtm-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "RoundtableManager.Web",
            ContentRootPath = Path.Combine(context.RepositoryRoot, "src", "RoundtableManager.Web"),
            EnvironmentName = "Testing",
        });
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "roundtable.db")}",
            ["RateLimits:SignInPerMinute"] = "10000",
            ["RateLimits:InvitationLinkPerMinute"] = "10000",
            ["RateLimits:NewLinkPerQuarterHour"] = "10000",
            ["Jobs:RunServer"] = "false",
            ["Email:Transport"] = "Pickup",
            ["Email:PickupFolder"] = Path.Combine(folder, "mail"),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddRoundtableManager();
        // The app raises MVC's and routing's categories to Information (a line per request); a provider rule beats them.
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
        var app = builder.Build();
        app.UseRoundtableManager();
        mapExtra(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PortalHost(app, folder, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }
}

/// <summary>Runs bench/LoadGen as a second process against request templates, and reads its one-line JSON result.</summary>
internal static class LoadGenerator
{
    public static async Task<LoadFigures> RunAsync(BenchContext context, IEnumerable<LoadRequest> requests, int connections, double warmupSeconds, double durationSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dll = Path.Combine(context.RepositoryRoot, "bench", "LoadGen", "bin", context.Configuration, "net10.0", "LoadGen.dll");
        var file = Path.Combine(Path.GetTempPath(), "rtm-bench", $"requests-{Guid.NewGuid():N}.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllLinesAsync(file, requests.Select(r => JsonSerializer.Serialize(r, BenchJson.Default.LoadRequest)), cancellationToken);
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                dll, "--requests", file, "--connections", connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--warmup", Stats.F(warmupSeconds, "0.##"), "--duration", Stats.F(durationSeconds, "0.##"),
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"LoadGen failed ({process.ExitCode}): {await error}");
            }

            return JsonSerializer.Deserialize((await output).Trim(), BenchJson.Default.LoadFigures)!;
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>The same shape as LoadGen's RequestTemplate.</summary>
internal sealed record LoadRequest(string Method, string Url, string? Cookie, string? Body, int Expect = (int)HttpStatusCode.OK);

/// <summary>The same shape as LoadGen's LoadResult.</summary>
internal sealed record LoadFigures(int Requests, int Errors, double RequestsPerSecond, double P50Ms, double P99Ms, Dictionary<string, int> Statuses, string? FirstError);

[System.Text.Json.Serialization.JsonSerializable(typeof(LoadRequest))]
[System.Text.Json.Serialization.JsonSerializable(typeof(LoadFigures))]
internal sealed partial class BenchJson : System.Text.Json.Serialization.JsonSerializerContext;
