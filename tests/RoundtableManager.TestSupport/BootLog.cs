using System.Diagnostics;

namespace RoundtableManager.TestSupport;

/// <summary>
/// Counts app start-ups (an in-process host or a separate app process) so a run can say how many it paid for: when
/// RTM_BOOT_LOG names a file, each start appends one line (test project, kind, the test class that caused it), and
/// tests/run.sh prints the totals per project.
/// </summary>
public static class BootLog
{
    private static readonly Lock Gate = new();

    public static void Record(string kind, TimeSpan? took = null) => Record(kind, took, null);

    /// <summary>
    /// Starts timing a start-up that is recorded when the returned action runs (with how long it took): for a start that
    /// awaits, after which the test class is no longer on the stack.
    /// </summary>
    public static Action Timed(string kind)
    {
        if (Environment.GetEnvironmentVariable("RTM_BOOT_LOG") is not { Length: > 0 })
        {
            return () => { };
        }

        var caller = Caller();
        var started = Stopwatch.GetTimestamp();
        return () => Record(kind, Stopwatch.GetElapsedTime(started), caller);
    }

    private static void Record(string kind, TimeSpan? took, string? caller)
    {
        if (Environment.GetEnvironmentVariable("RTM_BOOT_LOG") is not { Length: > 0 } file)
        {
            return;
        }

        var project = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Parent?.Parent?.Name ?? "unknown";
        var line = $"{project}\t{kind}\t{caller ?? Caller()}\t{took?.TotalMilliseconds:0}{Environment.NewLine}";
        lock (Gate)
        {
            File.AppendAllText(file, line);
        }
    }

    // The outermost frame in a test project's class (an async method's state machine is nested inside it).
    private static string Caller()
    {
        foreach (var frame in new StackTrace().GetFrames().Reverse())
        {
            var type = frame.GetMethod()?.DeclaringType;
            while (type?.DeclaringType is not null && type.Name.StartsWith('<'))
            {
                type = type.DeclaringType;
            }

            if (type?.Namespace is { } name && name.StartsWith("RoundtableManager.", StringComparison.Ordinal)
                && !name.StartsWith("RoundtableManager.TestSupport", StringComparison.Ordinal)
                && !name.StartsWith("RoundtableManager.Web", StringComparison.Ordinal)
                && !name.StartsWith("RoundtableManager.Core", StringComparison.Ordinal))
            {
                return type.FullName ?? type.Name;
            }
        }

        return "?";
    }
}
