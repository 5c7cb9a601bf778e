using Microsoft.Data.Sqlite;

namespace RoundtableManager.Tests.Data;

/// <summary>
/// Issue #22 item 1: the app's write transactions on one SQLite file take turns in the order they asked, the outbox
/// sender's first, instead of racing SQLite's busy handler, which hands the lock to newcomers and left the sender
/// waiting for seconds while suppliers answered.
/// The two tests through the app's own transactions run on the directory host (<see cref="SharedHosts.Directory"/>, whose
/// classes run one after another); each adds tags with a name of its own and reads back only those.
/// </summary>
[Collection(SharedHosts.Directory)]
public sealed class SqliteWriteGateTests(TestApp app)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Gate_WritersQueued_GoInTurnWithTheFrontFirst()
    {
        var gate = SqliteWriteGate.For("unit-" + Guid.NewGuid());
        var order = new List<string>();
        await gate.EnterAsync(Guard, CancellationToken.None);
        var first = Turn(gate, "first", order, front: false);
        var second = Turn(gate, "second", order, front: false);
        var sender = Turn(gate, "sender", order, front: true);
        await WaitUntilAsync(() => gate.Waiting == 3);

        gate.Exit();
        await Task.WhenAll(first, second, sender).WaitAsync(Guard);

        Assert.Equal(["sender", "first", "second"], order);
    }

    [Fact]
    public async Task Gate_WaitLongerThanTheBusyTimeout_FailsAsSqliteWouldAndLeavesTheQueue()
    {
        var gate = SqliteWriteGate.For("unit-" + Guid.NewGuid());
        await gate.EnterAsync(Guard, CancellationToken.None);

        var error = await Assert.ThrowsAsync<SqliteException>(() => gate.EnterAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));

        Assert.Equal(5, error.SqliteErrorCode);
        Assert.Equal(0, gate.Waiting);
        gate.Exit();
        await gate.EnterAsync(Guard, CancellationToken.None).WaitAsync(Guard);
        gate.Exit();
    }

    [Fact]
    public async Task Gate_LineMovingLongerThanTheBusyTimeout_WaitsForItsTurn()
    {
        // A writer behind a line of short turns (an invitation round behind 64 answers) waits past the busy timeout as a
        // whole, as long as every turn ahead is handed on within it.
        var gate = SqliteWriteGate.For("unit-" + Guid.NewGuid());
        var timeout = TimeSpan.FromSeconds(2);
        await gate.EnterAsync(Guard, CancellationToken.None);
        var ahead = Enumerable.Range(0, 4).Select(_ => HoldAsync(gate, TimeSpan.FromSeconds(1))).ToList();
        await WaitUntilAsync(() => gate.Waiting == 4);
        var last = gate.EnterAsync(timeout, CancellationToken.None);
        await WaitUntilAsync(() => gate.Waiting == 5);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        gate.Exit();
        await last.WaitAsync(Guard);

        Assert.True(watch.Elapsed > timeout, $"the line took {watch.Elapsed}, expected longer than the busy timeout");
        gate.Exit();
        await Task.WhenAll(ahead).WaitAsync(Guard);
    }

    [Fact]
    public async Task Gate_LineKeepsMovingPastTheCap_FailsAsBusyAtTheCapAndLeavesTheQueue()
    {
        // Behind a TLS proxy a wait with no end shows the proxy's raw 504 (nginx gives up at 60 s) while the write may
        // still commit: a writer kept behind the sender's moving turns gives up at the cap with the "busy" error (our
        // 503), having waited past its busy timeout for as long as the line moved. Time is driven, not waited for.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var gate = SqliteWriteGate.For("unit-" + Guid.NewGuid());
        await gate.EnterAsync(Guard, CancellationToken.None);
        var waiter = gate.EnterAsync(TimeSpan.FromSeconds(10), CancellationToken.None, clock);
        await WaitUntilAsync(() => gate.Waiting == 1);

        for (var turn = 0; turn < 3; turn++)
        {
            var sender = Task.Run(async () =>
            {
                using var front = SqliteWriteGate.AtFront();
                await gate.EnterAsync(Guard, CancellationToken.None);
            });
            await WaitUntilAsync(() => gate.Waiting == 2);
            clock.Advance(TimeSpan.FromSeconds(8));
            gate.Exit();
            await sender.WaitAsync(Guard);
        }

        await Task.Delay(200);
        Assert.False(waiter.IsCompleted, "the line moved every 8 s for 24 s: below the cap the writer waits on");
        clock.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<SqliteException>(() => waiter.WaitAsync(Guard));
        Assert.Equal(5, error.SqliteErrorCode);
        Assert.Contains($"{SqliteWriteGate.MaxWait.TotalSeconds:0} s", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, gate.Waiting);
        gate.Exit();
        await gate.EnterAsync(Guard, CancellationToken.None).WaitAsync(Guard);
        gate.Exit();
    }

    [Fact]
    public async Task InTransaction_WhileAnotherIsOpen_WaitsItsTurnAndTheSendersWriteGoesFirst()
    {
        var mark = Guid.NewGuid().ToString("N")[..8];
        var gate = await app.WithDbAsync(db => Task.FromResult(SqliteWriteGate.For(db.Database.GetConnectionString()!)));
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = AddTagAsync(app, $"held {mark}", front: false, async () =>
        {
            inside.SetResult();
            await release.Task;
        });
        await inside.Task.WaitAsync(Guard);

        var answer = AddTagAsync(app, $"answer {mark}", front: false);
        await WaitUntilAsync(() => gate.Waiting == 1);
        var sender = AddTagAsync(app, $"sender {mark}", front: true);
        await WaitUntilAsync(() => gate.Waiting == 2);
        Assert.False(answer.IsCompleted);

        release.SetResult();
        await Task.WhenAll(held, answer, sender).WaitAsync(Guard);

        Assert.Equal([$"held {mark}", $"sender {mark}", $"answer {mark}"], await app.WithDbAsync(db => db.Tags.Where(t => t.Name.EndsWith(mark)).OrderBy(t => t.Id).Select(t => t.Name).ToListAsync()));
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task InTransaction_WorkThrows_RollsBackAndLetsTheNextWriterIn()
    {
        var mark = Guid.NewGuid().ToString("N")[..8];

        await Assert.ThrowsAsync<InvalidOperationException>(() => AddTagAsync(app, $"rolled back {mark}", front: false, () => throw new InvalidOperationException("the work failed")));
        await AddTagAsync(app, $"after {mark}", front: false).WaitAsync(Guard);

        Assert.Equal([$"after {mark}"], await app.WithDbAsync(db => db.Tags.Where(t => t.Name.EndsWith(mark)).Select(t => t.Name).ToListAsync()));
    }

    private static async Task HoldAsync(SqliteWriteGate gate, TimeSpan hold)
    {
        await gate.EnterAsync(Guard, CancellationToken.None);
        await Task.Delay(hold);
        gate.Exit();
    }

    private static async Task Turn(SqliteWriteGate gate, string name, List<string> order, bool front)
    {
        using (front ? SqliteWriteGate.AtFront() : null)
        {
            await gate.EnterAsync(Guard, CancellationToken.None);
        }

        order.Add(name);
        gate.Exit();
    }

    /// <summary>Adds a tag in a write transaction, as the app's services write; <paramref name="then"/> runs before the commit.</summary>
    private static async Task AddTagAsync(TestApp app, string name, bool front, Func<Task>? then = null)
    {
        await Task.Yield();
        using var scope = front ? SqliteWriteGate.AtFront() : null;
        await using var services = app.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.InTransactionAsync(async () =>
        {
            db.Tags.Add(new Tag { Name = name, NormalisedName = Tag.Normalise(name), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            if (then is not null)
            {
                await then();
            }

            return 0;
        }, CancellationToken.None);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the writers to queue");
            await Task.Delay(10);
        }
    }
}
