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
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "RoundtableManager.sln")))
            {
                root = root.Parent;
            }

            if (root is null)
            {
                throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);
            }

            return Path.Combine(root.FullName, "src", "RoundtableManager.Web", "bin", configuration, here.Name, "RoundtableManager.Web.dll");
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
}

public sealed record ProcessResult(int ExitCode, string Output, string Error);
