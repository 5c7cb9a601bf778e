using Microsoft.Extensions.Time.Testing;

namespace RoundtableManager.Tests.Email;

/// <summary>
/// Issue #22 item 1: a commit that queues email while a sender run is going on in this process asks that run to look
/// again instead of starting another; the run's decision to end and the request are taken under one lock, so a request
/// is never lost between them. A large queue goes over at most Email:MaxConnections runs at once.
/// </summary>
public sealed class OutboxLookAgainTests
{
    [Fact]
    public void AskRunningSender_NoRunGoingOn_NeedsARunOfItsOwn()
    {
        using var heartbeat = new OutboxHeartbeat(new FakeTimeProvider());

        Assert.False(heartbeat.AskRunningSenderToLookAgain());
    }

    [Fact]
    public void TryEndRun_AskedWhileRunning_LooksOnceMoreThenEnds()
    {
        using var heartbeat = new OutboxHeartbeat(new FakeTimeProvider());
        using var run = heartbeat.StartRun();

        Assert.True(heartbeat.AskRunningSenderToLookAgain());
        Assert.True(heartbeat.AskRunningSenderToLookAgain());

        Assert.False(heartbeat.TryEndRun(run));
        Assert.True(heartbeat.Sending);
        Assert.True(heartbeat.TryEndRun(run));
        Assert.False(heartbeat.Sending);
        Assert.False(heartbeat.AskRunningSenderToLookAgain());
        run.Dispose();
        Assert.False(heartbeat.Sending);
    }

    [Fact]
    public async Task TryEndRun_RacingRequests_EveryRequestIsTakenByTheRunOrNeedsARunOfItsOwn()
    {
        // Either the run looks again after a request, or the request finds no run going on: never neither.
        using var heartbeat = new OutboxHeartbeat(new FakeTimeProvider());
        for (var i = 0; i < 2000; i++)
        {
            using var run = heartbeat.StartRun();
            var ask = Task.Run(heartbeat.AskRunningSenderToLookAgain);
            var lookedAgain = false;
            while (!heartbeat.TryEndRun(run))
            {
                lookedAgain = true;
            }

            var taken = await ask;
            Assert.True(lookedAgain || !taken, $"round {i}: the request was taken by a run that then ended without looking");
        }
    }

    [Fact]
    public void ShouldStartAnotherRun_UpToTheLimit_AskedOnceUntilARunStarts_AndARunBeyondItLeavesTheQueueToTheOthers()
    {
        using var heartbeat = new OutboxHeartbeat(new FakeTimeProvider());
        using var first = heartbeat.StartRun();
        Assert.True(heartbeat.ShouldStartAnotherRun(2));
        Assert.False(heartbeat.ShouldStartAnotherRun(2));

        using var second = heartbeat.StartRun();
        Assert.False(heartbeat.ShouldStartAnotherRun(2));
        Assert.False(heartbeat.TryLeaveToOthers(second, 2));

        // The minute's sweep starts a third: it leaves, and the two going on look again before they end.
        using var third = heartbeat.StartRun();
        Assert.True(heartbeat.TryLeaveToOthers(third, 2));
        Assert.Equal(2, heartbeat.RunsGoingOn);
        Assert.False(heartbeat.TryEndRun(first));
        Assert.True(heartbeat.TryEndRun(first));
        Assert.True(heartbeat.TryEndRun(second));
        Assert.False(heartbeat.Sending);
    }
}
