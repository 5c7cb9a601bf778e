using MimeKit;

namespace RoundtableManager.Tests.Email;

/// <summary>
/// Issue #22 item 1: one instance sends through at most Email:MaxConnections runs at once (a run with a full batch asks
/// for another beside it; email queued meanwhile is taken by the runs going on), and a dead instance's claims never wait
/// for a busy run here to finish its batch. Real SQLite, the real Hangfire server, real SMTP on 127.0.0.1.
/// </summary>
public sealed class OutboxConnectionsTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Send_QueueOfManyBatches_GoesOverAtMostMaxConnectionsAtOnceAndEachOnce(int connections)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var settings = smtp.AppSettings();
        settings["Jobs:RunServer"] = "true";
        settings["Email:BatchSize"] = "10";
        settings["Email:MaxConnections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var watch = new WatchedTransport();
        await using var app = TestApp.Create(settings: settings);
        app.ConfigureTestServices = services => services.AddSingleton<IEmailTransport>(sp => watch.Around(sp.GetRequiredService<SmtpEmailTransport>()));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            for (var i = 0; i < 60; i++)
            {
                outbox.Enqueue(EmailTestExtensions.Draft($"person{i}@supplier.example"));
            }

            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var received = await smtp.WaitForMessagesAsync(60, Prompt);
        Assert.Equal(60, received.SelectMany(r => r.EnvelopeTo).Distinct().Count());
        Assert.Equal(60, received.Count);
        Assert.Equal(connections, watch.MostAtOnce);
    }

    [Fact]
    public async Task Restart_AnotherInstanceDiedWhileARunHereIsMidSend_ItsClaimsGetARunOfTheirOwn()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var settings = smtp.AppSettings();
        settings["Jobs:RunServer"] = "true";
        var watch = new WatchedTransport { HoldTo = "held@supplier.example" };
        await using var app = TestApp.Create(settings: settings);
        app.ConfigureTestServices = services => services.AddSingleton<IEmailTransport>(sp => watch.Around(sp.GetRequiredService<SmtpEmailTransport>()));
        var held = await app.QueueAsync(EmailTestExtensions.Draft("held@supplier.example"));
        await watch.Holding.Task.WaitAsync(Prompt);
        Assert.True(app.Services.GetRequiredService<OutboxHeartbeat>().Sending);

        var now = app.Clock.GetUtcNow().UtcDateTime;
        var dead = await app.AddInstanceAsync(heartbeat: now);
        await app.InsertClaimedAsync("orphan@supplier.example", dead, leaseUntil: now.AddMinutes(3));
        app.Clock.Advance(OutboxHeartbeat.StaleAfter + TimeSpan.FromSeconds(1));

        // The run here is still in the middle of its send (held): the orphan goes anyway, on a run of its own.
        var received = Assert.Single(await smtp.WaitForMessagesAsync(1, Prompt));
        Assert.Equal(["orphan@supplier.example"], received.EnvelopeTo);
        Assert.False(watch.Released);

        watch.Release();
        Assert.Equal(OutboxStatus.Sent, (await app.WaitForStatusAsync(held, OutboxStatus.Sent, Prompt)).Status);
        Assert.Equal(2, (await smtp.WaitForMessagesAsync(2, Prompt)).Count);
    }

    /// <summary>Counts the connections open at once; can hold the send to one address until released.</summary>
    private sealed class WatchedTransport
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _open;
        private int _most;

        public string? HoldTo { get; init; }

        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Released => _release.Task.IsCompleted;

        public int MostAtOnce => Volatile.Read(ref _most);

        public void Release() => _release.TrySetResult();

        public IEmailTransport Around(IEmailTransport inner) => new Transport(this, inner);

        private sealed class Transport(WatchedTransport watch, IEmailTransport inner) : IEmailTransport
        {
            public async Task<IEmailConnection> ConnectAsync(CancellationToken cancellationToken)
            {
                var connection = await inner.ConnectAsync(cancellationToken);
                var open = Interlocked.Increment(ref watch._open);
                int most;
                while (open > (most = Volatile.Read(ref watch._most)) && Interlocked.CompareExchange(ref watch._most, open, most) != most)
                {
                }

                return new Connection(watch, connection);
            }
        }

        private sealed class Connection(WatchedTransport watch, IEmailConnection inner) : IEmailConnection
        {
            public bool IsUsable => inner.IsUsable;

            public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                if (watch.HoldTo is { } address && message.To.Mailboxes.Any(m => m.Address == address))
                {
                    watch.Holding.TrySetResult();
                    await watch._release.Task.WaitAsync(cancellationToken);
                }

                // Slow enough that a second connection has time to open while this one still sends.
                await Task.Delay(20, cancellationToken);
                return await inner.SendAsync(message, cancellationToken);
            }

            public async ValueTask DisposeAsync()
            {
                Interlocked.Decrement(ref watch._open);
                await inner.DisposeAsync();
            }
        }
    }
}
