using System.Diagnostics;

namespace RoundtableManager.TestSupport;

/// <summary>Runs the built web app as its own process (dotnet RoundtableManager.Web.dll), as an operator would.</summary>
public static class AppProcess
{
    public static string WebAssemblyPath
    {
        get
        {
            // The web project's own build output sits beside the test's: src/RoundtableManager.Web/bin/{Configuration}/net10.0.
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = here.Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "src", "RoundtableManager.Web", "bin", configuration, here.Name, "RoundtableManager.Web.dll");
        }
    }

    public static async Task<ProcessResult> RunAsync(IEnumerable<string> args, string? standardInput = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(WebAssemblyPath)!,
        };
        start.ArgumentList.Add(WebAssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Email__Transport"] = "Pickup";
        if (environment is not null)
        {
            // An empty value removes the variable, so a test can start the app without a setting the defaults give.
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value.Length == 0 ? null : value;
            }
        }

        BootLog.Record("process");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The app did not exit in time. Output so far: {await stdout}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs the app's entry point (<see cref="Web.Infrastructure.AppEntry"/>, what Program.cs runs) inside the test process,
    /// set up as <see cref="RunAsync"/> sets up a process (the Testing environment, the Pickup transport, the web app's
    /// folder as content root; environment variables given as NAME__KEY become settings, an empty value removes one), and
    /// returns what it wrote and its exit code. For refusals at start, which end before the app serves anything, and for
    /// a verb (create-user: its words first, as on a command line; nothing on standard input): far cheaper than a process,
    /// and through the same code. An exception it lets out (a process would print a stack trace) fails the test.
    /// </summary>
    public static async Task<ProcessResult> RunInProcessAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["environment"] = "Testing",
            ["applicationName"] = "RoundtableManager.Web",
            ["contentRoot"] = Path.GetDirectoryName(WebAssemblyPath)!,
            ["Email:Transport"] = "Pickup",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            var key = name == "ASPNETCORE_ENVIRONMENT" ? "environment" : name.Replace("__", ":", StringComparison.Ordinal);
            if (value.Length == 0)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        var recorded = BootLog.Timed("host entry point");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var verb = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        try
        {
            var exitCode = await Web.Infrastructure.AppEntry.RunAsync([.. verb, .. settings.Select(s => $"--{s.Key}={s.Value}"), .. args.Skip(verb.Count)], TextReader.Null, output, error)
                .WaitAsync(TimeSpan.FromMinutes(1));
            return new ProcessResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            recorded();
        }
    }
}

public sealed record ProcessResult(int ExitCode, string Output, string Error);
