using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RoundtableManager.Tests.Email;

/// <summary>
/// The sender builds the next message while one is sent and marks accepted rows Sent in groups: whatever stops a batch
/// part-way (shutdown, a failed write of a group), every message the server accepted must still end up recorded, and no
/// message that was not accepted may be recorded as Sent.
/// </summary>
[Collection(SharedHosts.Smtp)]
public sealed class OutboxSenderPipelineTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    private const int Rows = 250;

    private TestApp App => fixture.App;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Send_ShutdownMidBatch_RecordsEveryAcceptedMessageAndReleasesTheRest()
    {
        await QueueAsync();
        using var shutdown = new CancellationTokenSource();
        var transport = new CountingTransport(stopAt: 150, shutdown);

        var result = await RunAsync(transport, db => db, shutdown.Token);

        Assert.Equal(149, transport.Accepted.Count);
        Assert.Equal(149, result.Sent);
        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.Equal(transport.Accepted.ContainsKey(r.Id) ? OutboxStatus.Sent : OutboxStatus.Queued, r.Status));
        Assert.All(rows.Where(r => r.Status == OutboxStatus.Sent), r => Assert.Equal(1, r.Attempts));
        Assert.All(rows, r => Assert.Null(r.ClaimToken));
    }

    [Fact]
    public async Task Send_MarkingAGroupFails_TheAcceptedRowsAreRecordedAnywayAndTheRestGoOnceAfterTheLease()
    {
        await QueueAsync();
        var transport = new CountingTransport(stopAt: null, shutdown: null);
        var failOnce = new FailFirstMarkInterceptor();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(transport, db => WithInterceptor(db, failOnce), CancellationToken.None));

        Assert.Equal(FailFirstMarkInterceptor.Message, error.Message);
        Assert.Equal(1, failOnce.Failures);
        var rows = await RowsAsync();
        // Accepted rows are Sent (the failed group included); the rest keep their claim until the lease lapses.
        Assert.InRange(transport.Accepted.Count, OutboxSender.MarkSentGroupSize, Rows - 1);
        Assert.All(rows, r => Assert.Equal(transport.Accepted.ContainsKey(r.Id) ? OutboxStatus.Sent : OutboxStatus.Sending, r.Status));

        App.Clock.Advance(TimeSpan.FromMinutes(4));
        var second = new CountingTransport(stopAt: null, shutdown: null);
        var result = await RunAsync(second, db => db, CancellationToken.None);

        Assert.Equal(Rows - transport.Accepted.Count, result.Sent);
        Assert.Empty(second.Accepted.Keys.Intersect(transport.Accepted.Keys));
        Assert.All(await RowsAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task Send_SlowServer_AGroupIsMarkedOnceItsOldestHasWaitedASecond()
    {
        await QueueAsync();
        // Each send takes a second of the app's clock: the first group is due at its second message, not its hundredth.
        var transport = new CountingTransport(stopAt: null, shutdown: null, clock: App.Clock);
        var failOnce = new FailFirstMarkInterceptor();

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(transport, db => WithInterceptor(db, failOnce), CancellationToken.None));

        Assert.Equal(2, transport.Accepted.Count);
        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.Equal(transport.Accepted.ContainsKey(r.Id) ? OutboxStatus.Sent : OutboxStatus.Sending, r.Status));
    }

    [Fact]
    public async Task Send_EmailQueuedWhileARunIsGoing_TheRunningRunSendsItAndNoOtherIsNeeded()
    {
        await QueueAsync();
        var heartbeat = App.Services.GetRequiredService<OutboxHeartbeat>();
        var late = "late@supplier.example";
        var askedDuringTheRun = false;
        var transport = new CountingTransport(stopAt: null, shutdown: null)
        {
            // As an answer's commit does mid-send: its email is queued, and the trigger asks the running sender to look again.
            OnFirstSend = async () =>
            {
                await using var scope = App.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(EmailTestExtensions.Draft(late));
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
                askedDuringTheRun = heartbeat.AskRunningSenderToLookAgain();
            },
        };

        var result = await RunAsync(transport, db => db, CancellationToken.None);

        Assert.True(askedDuringTheRun);
        Assert.Equal(Rows + 1, result.Sent);
        Assert.All(await RowsAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
        // The run has ended: the next commit asks for a run of its own.
        Assert.False(heartbeat.Sending);
        Assert.False(heartbeat.AskRunningSenderToLookAgain());
    }

    private async Task QueueAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
        for (var i = 0; i < Rows; i++)
        {
            outbox.Enqueue(EmailTestExtensions.Draft($"pipeline{i}@supplier.example"));
        }

        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }

    /// <summary>One sender run with the whole queue in one batch, so several groups are marked in it.</summary>
    private async Task<OutboxRunResult> RunAsync(CountingTransport transport, Func<AppDbContext, AppDbContext> context, CancellationToken cancellationToken)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await using var db = context(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        var options = Options.Create(new EmailOptions { BatchSize = 1000 });
        var sender = new OutboxSender(db, transport, options, App.Clock, NullLogger<OutboxSender>.Instance, scope.ServiceProvider.GetRequiredService<WithheldLinks>(), scope.ServiceProvider.GetRequiredService<OutboxHeartbeat>(),
            scope.ServiceProvider.GetRequiredService<IOutboxTrigger>());
        return await sender.SendDueAsync(cancellationToken);
    }

    /// <summary>A second context on the same database with the interceptor added.</summary>
    private AppDbContext WithInterceptor(AppDbContext _, IInterceptor interceptor)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, App.Services.GetRequiredService<DatabaseOptions>());
        builder.AddInterceptors(interceptor);
        return new AppDbContext(builder.Options);
    }

    private Task<List<OutboxMessage>> RowsAsync() =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>
    /// Accepts every message (keyed by row id, from the Message-ID); can stop the run at the n-th send as a shutdown would,
    /// and can take <see cref="OutboxSender.MarkSentAfter"/> of a fake clock per send.
    /// </summary>
    private sealed class CountingTransport(int? stopAt, CancellationTokenSource? shutdown, Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null) : IEmailTransport, IEmailConnection
    {
        private int _sends;

        public ConcurrentDictionary<long, int> Accepted { get; } = new();

        public Func<Task>? OnFirstSend { get; init; }

        public bool IsUsable => true;

        public Task<IEmailConnection> ConnectAsync(CancellationToken cancellationToken) => Task.FromResult<IEmailConnection>(this);

        public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            clock?.Advance(OutboxSender.MarkSentAfter);
            if (_sends == 0 && OnFirstSend is not null)
            {
                await OnFirstSend();
            }

            if (++_sends == stopAt)
            {
                await shutdown!.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }

            var id = long.Parse(message.MessageId!.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Accepted.TryAdd(id, 1), $"row {id} was sent twice");
            return "250 Accepted";
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Fails the first statement that marks rows Sent, as a full disk or a lost connection would.</summary>
    private sealed class FailFirstMarkInterceptor : DbCommandInterceptor
    {
        public const string Message = "Simulated failure while marking rows sent.";

        public int Failures { get; private set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Failures == 0 && command.CommandText.Contains("\"SentUtc\"", StringComparison.Ordinal))
            {
                Failures++;
                throw new InvalidOperationException(Message);
            }

            return ValueTask.FromResult(result);
        }
    }
}
