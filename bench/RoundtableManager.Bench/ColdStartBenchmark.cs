using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RoundtableManager.TestSupport;

namespace RoundtableManager.Bench;

/// <summary>
/// Process start to the first 200 from /health: the real app (dotnet RoundtableManager.Web.dll, Production) versus the
/// bare app, both published the way README.md tells an operator to (Release, linux-x64, framework-dependent,
/// ReadyToRun) into bench/obj/cold-start before anything is timed. Either on a new SQLite file in a temp folder
/// (creating and migrating the database is part of the start: a first installation) or, with
/// <paramref name="restart"/>, on one file migrated by the warm-up start and reused by every measured start (a restart
/// or a deploy of an existing installation, the usual case).
/// </summary>
internal sealed class ColdStartBenchmark(bool restart = false) : IBenchmark
{
    public string Name => restart ? "restart" : "cold-start";

    public string What => restart ? "6b. Restart on an already migrated database, to first 200 on /health" : "6. Cold start (new database) to first 200 on /health";

    public string Goal => "time ours/bare <= 2";

    public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rounds = context.Quick ? 1 : 5;
        string web, bare;
        try
        {
            _published ??= PublishBothAsync(context.RepositoryRoot);
            (web, bare) = await _published;
        }
        catch (InvalidOperationException ex)
        {
            return new BenchResult("error", "-", "-", false, [ex.Message]);
        }

        var (certificate, password) = TestCertificates.CreatePfx();
        var kept = restart ? Path.Combine(Path.GetTempPath(), "rtm-bench", Guid.NewGuid().ToString("N")) : null;
        var (ours, raw) = await context.InterleaveAsync(
            rounds,
            _ => StartAsync(web, kept, folder => new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "roundtable.db")}",
                ["DataProtection__CertificatePath"] = certificate,
                ["DataProtection__CertificatePassword"] = password,
                // Production insists on SMTP; nothing is queued, so nothing connects to it.
                ["Email__Transport"] = "Smtp",
                ["Email__Smtp__Host"] = "127.0.0.1",
                ["Email__Smtp__Port"] = "2525",
                ["Email__Smtp__Security"] = "None",
            }, cancellationToken),
            _ => StartAsync(bare, null, _ => new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, cancellationToken));
        File.Delete(certificate);
        if (kept is not null)
        {
            Directory.Delete(kept, recursive: true);
        }

        var oursMedian = Stats.Median(ours.Select(t => t.TotalMilliseconds));
        var bareMedian = Stats.Median(raw.Select(t => t.TotalMilliseconds));
        var ratio = oursMedian / bareMedian;
        return new BenchResult(
            $"{Stats.F(oursMedian, "0")} ms",
            $"{Stats.F(bareMedian, "0")} ms",
            Stats.F(ratio, "0.00"),
            ratio <= 2,
            [
                $"{rounds} start(s) each, interleaved after one warm-up start of each; ours ms: {Stats.List(ours.Select(t => t.TotalMilliseconds), "0")}; bare ms: {Stats.List(raw.Select(t => t.TotalMilliseconds), "0")}.",
                restart
                    ? "Ours runs as Production with a Data Protection certificate on one SQLite file, migrated by the warm-up start and reused by every start."
                    : "Ours runs as Production with a Data Protection certificate and a new SQLite file (created and migrated during the start).",
                "Both apps published with ReadyToRun (Release, linux-x64, framework-dependent) into bench/obj/cold-start before timing.",
            ]);
    }

    /// <summary>The same publish command for both apps, as README.md's "Publishing" gives it; once per bench run.</summary>
    internal static readonly string[] PublishArguments = ["-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true"];

    // Both rows (cold-start and restart) time the same published apps: published by whichever runs first.
    private static Task<(string Web, string Bare)>? _published;

    private static async Task<(string Web, string Bare)> PublishBothAsync(string repositoryRoot)
    {
        var output = Path.Combine(repositoryRoot, "bench", "obj", "cold-start");
        var web = await PublishAsync(repositoryRoot, Path.Combine("src", "RoundtableManager.Web", "RoundtableManager.Web.csproj"), Path.Combine(output, "web"));
        var bare = await PublishAsync(repositoryRoot, Path.Combine("bench", "BareApp", "BareApp.csproj"), Path.Combine(output, "bare"));
        return (Path.Combine(web, "RoundtableManager.Web.dll"), Path.Combine(bare, "BareApp.dll"));

        static async Task<string> PublishAsync(string root, string project, string folder)
        {
            Console.Error.WriteLine($"  publishing {project} (ReadyToRun) to {Path.GetRelativePath(root, folder)}");
            var start = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            start.ArgumentList.Add("publish");
            start.ArgumentList.Add(project);
            foreach (var argument in PublishArguments)
            {
                start.ArgumentList.Add(argument);
            }

            // Its own bin and obj folders, so the RID-specific restore and build never touch the solution's.
            start.ArgumentList.Add("--artifacts-path");
            start.ArgumentList.Add(Path.Combine(Path.GetDirectoryName(folder)!, "artifacts"));
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(folder);
            start.ArgumentList.Add("-nologo");
            start.ArgumentList.Add("-v");
            start.ArgumentList.Add("q");
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var standardOutput = process.StandardOutput.ReadToEndAsync();
            var standardError = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}): {await standardOutput}{await standardError}");
            }

            return folder;
        }
    }

    private static async Task<TimeSpan> StartAsync(string dll, string? keptFolder, Func<string, Dictionary<string, string>> environment, CancellationToken cancellationToken)
    {
        var folder = keptFolder ?? Path.Combine(Path.GetTempPath(), "rtm-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment(folder))
        {
            start.Environment[key] = value;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{port}/health");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode} before answering: {await errors}{await output}");
                }

                if (watch.Elapsed > TimeSpan.FromMinutes(1))
                {
                    throw new TimeoutException($"{Path.GetFileName(dll)} did not answer /health within a minute.");
                }

                try
                {
                    using var response = await client.GetAsync(url, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return watch.Elapsed;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Listening but not answering yet.
                }

                await Task.Delay(10, cancellationToken);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(cancellationToken);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                if (keptFolder is null)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // A leftover in the temp folder is harmless.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
