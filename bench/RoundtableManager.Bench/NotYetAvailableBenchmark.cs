namespace RoundtableManager.Bench;

/// <summary>A benchmark whose feature is not built yet: it shows in the table as such rather than with a made-up figure.</summary>
internal sealed class NotYetAvailableBenchmark(string name, string what, string goal, string reason) : IBenchmark
{
    public string Name => name;

    public string What => what;

    public string Goal => goal;

    public Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(BenchResult.NotYetAvailable(reason));
}
