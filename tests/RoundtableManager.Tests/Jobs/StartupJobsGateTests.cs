namespace RoundtableManager.Tests.Jobs;

/// <summary>The runs that catch up at start wait for the first request to be answered (cold start, bench rows 6 and 6b).</summary>
public sealed class StartupJobsGateTests
{
    [Fact]
    public async Task Wait_UntilTheFirstRequestIsAnswered_ThenGoesOn()
    {
        var gate = new StartupJobsGate();
        var waiting = gate.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        gate.Open();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(1)));
        Assert.True(gate.IsOpen);
    }

    [Fact]
    public async Task Wait_HostStopsFirst_SaysNotToRun()
    {
        var gate = new StartupJobsGate();
        using var stopping = new CancellationTokenSource();
        var waiting = gate.WaitAsync(stopping.Token);

        await stopping.CancelAsync();

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(1)));
    }
}
