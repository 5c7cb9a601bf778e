using System.Diagnostics;
using RoundtableManager.TestSupport;

namespace RoundtableManager.Bench;

/// <summary>One benchmark: our path measured side by side with the raw floor (or the limit) in the same run.</summary>
internal interface IBenchmark
{
    /// <summary>Short name for --only, e.g. "invitations".</summary>
    string Name { get; }

    /// <summary>What is measured, as the table shows it, e.g. "2. Invitation throughput (10,000 emails)".</summary>
    string What { get; }

    /// <summary>The goal in words, e.g. "ours/raw >= 0.8".</summary>
    string Goal { get; }

    Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>One row of the table. <see cref="Met"/> is null when the benchmark could not be measured.</summary>
internal sealed record BenchResult(string Ours, string Raw, string Ratio, bool? Met, IReadOnlyList<string> Notes)
{
    public static BenchResult NotYetAvailable(string reason) => new("not yet available", "-", "-", null, [reason]);
}

internal sealed class BenchContext(bool quick, string repositoryRoot, string configuration, TextWriter log)
{
    /// <summary>Small sizes and a single round, to check the harness works; the figures mean little.</summary>
    public bool Quick { get; } = quick;

    public string RepositoryRoot { get; } = repositoryRoot;

    /// <summary>Release or Debug: the build the bench itself runs from, so sibling outputs are looked up there.</summary>
    public string Configuration { get; } = configuration;

    /// <summary>Progress lines (standard error), kept apart from the table.</summary>
    public TextWriter Log { get; } = log;

    /// <summary>Runs ours, raw, ours, raw... after one warm-up of each, so drift and noise on the shared machine hit both sides alike.</summary>
    public async Task<(List<T> Ours, List<T> Raw)> InterleaveAsync<T>(int rounds, Func<bool, Task<T>> ours, Func<bool, Task<T>> raw)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(raw);
        Log.WriteLine("  warm-up");
        await ours(true);
        await raw(true);
        var oursResults = new List<T>();
        var rawResults = new List<T>();
        for (var round = 1; round <= rounds; round++)
        {
            Log.WriteLine($"  round {round} of {rounds}: ours");
            oursResults.Add(await ours(false));
            Log.WriteLine($"  round {round} of {rounds}: raw");
            rawResults.Add(await raw(false));
        }

        return (oursResults, rawResults);
    }
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new InvalidOperationException("No values to take the median of.");
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string List(IEnumerable<double> values, string format) =>
        string.Join(", ", values.Select(v => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture)));

    public static string F(double value, string format) => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    public static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);
}

/// <summary>Samples the process working set on a timer and keeps the peak.</summary>
internal sealed class PeakWorkingSet : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakWorkingSet(TimeSpan interval)
    {
        _peak = Environment.WorkingSet;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, interval);
    }

    public long Peak
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _peak);
        }
        while (now > seen && Interlocked.CompareExchange(ref _peak, now, seen) != seen);
    }
}

internal static class BenchApp
{
    /// <summary>The real app in process (TestApp) with its console logging cut to warnings, so it does not bury the table.</summary>
    public static TestApp Create(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
        {
            ["Logging:LogLevel:Default"] = "Warning",
        };
        return TestApp.Create(settings: all);
    }
}

internal static class Timing
{
    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed;
    }
}
