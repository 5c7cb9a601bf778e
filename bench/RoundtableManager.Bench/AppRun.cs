using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RoundtableManager.Bench;

/// <summary>The app as its own process, started until /health answers 200; killed, never stopped gently.</summary>
internal sealed class AppRun : IAsyncDisposable
{
    private readonly Process _process;

    private AppRun(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    /// <summary>The app process's resident memory now, in MB.</summary>
    public double WorkingSetMb()
    {
        _process.Refresh();
        return Stats.Megabytes(_process.WorkingSet64);
    }

    public static async Task<AppRun> StartAsync(string dll, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
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
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        // Drained so a full pipe never blocks the app.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var run = new AppRun(process, port);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{port}/health");
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before answering /health.");
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(1))
            {
                await run.DisposeAsync();
                throw new TimeoutException("The app did not answer /health within a minute.");
            }

            try
            {
                using var response = await client.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return run;
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

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>SIGKILL: no shutdown, no release of claims, as a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
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
