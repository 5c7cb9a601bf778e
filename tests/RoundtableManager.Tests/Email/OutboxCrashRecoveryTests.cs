namespace RoundtableManager.Tests.Email;

/// <summary>
/// After a crash (a sender instance killed mid-batch), what it had claimed is sent again once its heartbeat is stale, long
/// before its lease would lapse; a live instance's claim is never taken. Real SQLite, real SMTP on 127.0.0.1.
/// </summary>
[Collection(SharedHosts.Smtp)]
public sealed class OutboxCrashRecoveryTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(30);

    private TestApp App => fixture.App;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Send_ClaimHeldByAnInstanceWhoseHeartbeatStopped_IsSentAgainWhileItsLeaseStillRuns()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var dead = await App.AddInstanceAsync(heartbeat: now - OutboxHeartbeat.StaleAfter - TimeSpan.FromSeconds(1));
        var id = await App.InsertClaimedAsync("orphan@supplier.example", dead, leaseUntil: now.AddMinutes(3));

        Assert.Equal(new OutboxRunResult(1, 0, 0), await App.RunSenderAsync());

        var received = Assert.Single(await fixture.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(["orphan@supplier.example"], received.EnvelopeTo);
        var row = await App.RowAsync(id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Null(row.ClaimedBy);
    }

    [Fact]
    public async Task Send_ClaimHeldByALiveInstance_IsLeftAloneUntilItsHeartbeatGoesStale()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var live = await App.AddInstanceAsync(heartbeat: now);
        var id = await App.InsertClaimedAsync("busy@supplier.example", live, leaseUntil: now.AddMinutes(3));

        Assert.Equal(new OutboxRunResult(0, 0, 0), await App.RunSenderAsync());
        App.Clock.Advance(OutboxHeartbeat.StaleAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(new OutboxRunResult(0, 0, 0), await App.RunSenderAsync());
        var row = await App.RowAsync(id);
        Assert.Equal(OutboxStatus.Sending, row.Status);
        Assert.Equal(live, row.ClaimedBy);
        Assert.Empty(fixture.Smtp.Messages);

        // The instance stops stamping its heartbeat (it died): now the row is taken over.
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new OutboxRunResult(1, 0, 0), await App.RunSenderAsync());
        Assert.Single(await fixture.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Send_ClaimHeldByAProcessKilledOnThisMachineAMomentAgo_IsSentAtOnce()
    {
        // Stamped just now: by its heartbeat alone it would pass for alive for StaleAfter; its lock file says it is dead.
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var dead = await App.AddInstanceAsync(heartbeat: now);
        await App.LeaveLockOfKilledProcessAsync(dead);
        var id = await App.InsertClaimedAsync("killed@supplier.example", dead, leaseUntil: now.AddMinutes(3));

        Assert.Equal(new OutboxRunResult(1, 0, 0), await App.RunSenderAsync());

        var received = Assert.Single(await fixture.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(["killed@supplier.example"], received.EnvelopeTo);
        Assert.Equal(OutboxStatus.Sent, (await App.RowAsync(id)).Status);
        Assert.False(File.Exists(App.Services.GetRequiredService<OutboxSenderLocks>().PathFor(dead)));
    }

    [Fact]
    public async Task Send_ClaimHeldByALiveProcessOnThisMachine_IsLeftAloneThoughItsLockFileIsThere()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var live = await App.AddInstanceAsync(heartbeat: now);
        var path = App.Services.GetRequiredService<OutboxSenderLocks>().PathFor(live);
        // Held exclusively, as a live instance holds its own for its whole life.
        await using (new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            var id = await App.InsertClaimedAsync("busy@supplier.example", live, leaseUntil: now.AddMinutes(3));

            Assert.Equal(new OutboxRunResult(0, 0, 0), await App.RunSenderAsync());

            var row = await App.RowAsync(id);
            Assert.Equal(OutboxStatus.Sending, row.Status);
            Assert.Equal(live, row.ClaimedBy);
            Assert.Empty(fixture.Smtp.Messages);
        }

        File.Delete(path);
    }

    [Fact]
    public async Task Send_RowsThisInstanceClaims_CarryItsIdAndItsHeartbeatRow()
    {
        var id = await App.QueueAsync(EmailTestExtensions.Draft("claimed@supplier.example"));
        await using var scope = App.Services.CreateAsyncScope();
        var heartbeat = scope.ServiceProvider.GetRequiredService<OutboxHeartbeat>();

        await App.RunSenderAsync();

        Assert.Equal(OutboxStatus.Sent, (await App.RowAsync(id)).Status);
        Assert.True(await App.WithDbAsync(db => db.OutboxSenders.AnyAsync(s => s.Id == heartbeat.InstanceId)));
    }

    [Fact]
    public async Task Send_SmtpServerComesBackAfterAnOutage_WaitingRetriesGoWithoutWaitingForTheirBackOff()
    {
        int port;
        await using (var gone = await TestSmtpServer.StartAsync())
        {
            port = gone.Port;
        }

        var settings = new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "5",
            ["Jobs:RunServer"] = "true",
        };
        await using var app = TestApp.Create(settings: settings);
        var id = await app.QueueAsync(EmailTestExtensions.Draft("after-outage@supplier.example"));
        var waiting = await WaitForAsync(app, id, r => r.Status == OutboxStatus.Queued && r.Attempts == 1);
        Assert.True(waiting.NextAttemptUtc > app.Clock.GetUtcNow().UtcDateTime, "the failed attempt backs off");

        // The server is back; the app's clock stands still, so the back-off alone would never let the retry go.
        await using var back = await TestSmtpServer.StartAsync(port);

        var received = Assert.Single(await back.WaitForMessagesAsync(1, Prompt));
        Assert.Equal(["after-outage@supplier.example"], received.EnvelopeTo);
        Assert.Equal(OutboxStatus.Sent, (await app.WaitForStatusAsync(id, OutboxStatus.Sent, Prompt)).Status);
    }

    private static async Task<OutboxMessage> WaitForAsync(TestApp app, long id, Func<OutboxMessage, bool> condition)
    {
        var deadline = DateTime.UtcNow + Prompt;
        while (true)
        {
            var row = await app.RowAsync(id);
            if (condition(row) || DateTime.UtcNow > deadline)
            {
                return row;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Another sender instance that claimed three rows ({prefix}0..2@supplier.example) and died: its heartbeat fresh, its
    /// leases minutes from running out; killed on this machine, it also leaves its lock file free.
    /// </summary>
    private static async Task<List<long>> ThreeClaimsOfADeadInstanceAsync(TestApp app, string prefix, bool killedOnThisMachine)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var dead = await app.AddInstanceAsync(heartbeat: now);
        if (killedOnThisMachine)
        {
            await app.LeaveLockOfKilledProcessAsync(dead);
        }

        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.InsertClaimedAsync($"{prefix}{i}@supplier.example", dead, leaseUntil: now.AddMinutes(3)));
        }

        return ids;
    }

    /// <summary>
    /// A dead instance's claims sent again by the running job server alone (its wake-up loop), on the shared host whose
    /// Hangfire server runs (<see cref="SharedHosts.SmtpJobServer"/>): each test's claims have addresses of its own.
    /// </summary>
    [Collection(SharedHosts.SmtpJobServer)]
    public sealed class WithJobServer(SmtpJobServerFixture fixture)
    {
        [Fact]
        public async Task Restart_AnotherInstanceDiedMidBatch_ItsClaimsAreSentAgainWithoutWaitingForTheMinutesSweep()
        {
            var (smtp, app) = fixture.Next();
            var ids = await ThreeClaimsOfADeadInstanceAsync(app, "claimed", killedOnThisMachine: false);

            // The dead instance's heartbeat ages past StaleAfter while its lease still has minutes to run; the app's clock
            // stands still otherwise, so only the wake-up loop (every few seconds) can notice, not the minute's sweep.
            app.Clock.Advance(OutboxHeartbeat.StaleAfter + TimeSpan.FromSeconds(1));
            await AllSentAgainAsync(smtp, app, "claimed", ids);
        }

        [Fact]
        public async Task Restart_AfterAProcessOnThisMachineWasKilledMidBatch_ItsClaimsAreSentWithoutWaitingForItsHeartbeatToAge()
        {
            var (smtp, app) = fixture.Next();
            var ids = await ThreeClaimsOfADeadInstanceAsync(app, "killed", killedOnThisMachine: true);

            // The app's clock stands still: the dead instance's heartbeat never ages, so only its free lock file can free the rows.
            await AllSentAgainAsync(smtp, app, "killed", ids);
        }

        /// <summary>The three claimed emails (addressed <paramref name="prefix"/>0..2) reach the server and are marked sent.</summary>
        private static async Task AllSentAgainAsync(TestSmtpServer smtp, TestApp app, string prefix, IEnumerable<long> ids)
        {
            var received = await smtp.WaitForMessagesAsync(3, Prompt);
            Assert.Equal([$"{prefix}0@supplier.example", $"{prefix}1@supplier.example", $"{prefix}2@supplier.example"], received.SelectMany(r => r.EnvelopeTo).Order().ToArray());
            foreach (var id in ids)
            {
                Assert.Equal(OutboxStatus.Sent, (await app.WaitForStatusAsync(id, OutboxStatus.Sent, Prompt)).Status);
            }
        }
    }
}
