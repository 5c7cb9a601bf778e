using static RoundtableManager.Tests.Reminders.ReminderTestData;

namespace RoundtableManager.Tests.Reminders;

/// <summary>Restarts, the real Hangfire server with a real SMTP server, and the settings checked at start.</summary>
[Collection(SharedHosts.FreshReminders)]
public sealed class ReminderJobsTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Dictionary<string, string?> OnFile(string database, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? new Dictionary<string, string?>())
        {
            ["Database:ConnectionString"] = $"Data Source={database}",
        };
        settings.TryAdd("Jobs:RunServer", "false");
        return settings;
    }

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), "rtm-tests", $"reminders-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Restart_BetweenTheTwoChasers_NewInstanceSendsTheSecondAndNotTheFirstAgain()
    {
        var database = NewDatabase();
        DateTime deadline;
        int roundtableId;
        await using (var before = TestApp.Create(settings: OnFile(database)))
        {
            deadline = DeadlineOn(before, DayOfWeek.Wednesday);
            var roundtable = await RoundtableAsync(before, deadline);
            roundtableId = roundtable.Id;
            await InviteAsync(before, roundtable, "Restart Resilience", people: 2);
            before.MoveTo(NineAm(deadline, 7));
            Assert.Equal(2, (await before.SweepAsync()).Sent);
        }

        await using var after = TestApp.Create(settings: OnFile(database));
        after.MoveTo(NineAm(deadline, 7).AddMinutes(30));
        Assert.Equal(new ReminderSweepResult(0, 0, 0, 0), await after.SweepAsync());
        after.MoveTo(NineAm(deadline, 2).AddMinutes(1));
        Assert.Equal(2, (await after.SweepAsync()).Sent);
        Assert.Equal(4, (await ChasersAsync(after, roundtableId)).Count);
    }

    [Fact]
    public async Task Recheck_OrganisationRepliedAfterTheQuery_SaysWhyItNoLongerApplies()
    {
        var deadline = DeadlineOn(app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(app, deadline);
        var invitation = await InviteAsync(app, roundtable, "Quick Responder");
        await using var scope = app.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetServices<IReminderSource>().OfType<RsvpChaserSource>().Single();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var candidate = Assert.Single(await source.FindAsync(new ReminderQuery(now, null, roundtable.Id), CancellationToken.None));
        Assert.Null(await source.RecheckAsync(candidate, now, CancellationToken.None));

        await SetAsync(app, db => db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Response, InvitationResponse.Accepted)));
        Assert.Equal("The organisation had replied", await source.RecheckAsync(candidate, now, CancellationToken.None));
        await SetAsync(app, db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Core.Roundtables.RoundtableStatus.Cancelled)));
        Assert.Equal("The roundtable was cancelled", await source.RecheckAsync(candidate, now, CancellationToken.None));
    }

    [Fact]
    public async Task EndToEnd_RealHangfireServerAndSmtpServer_ChaserArrives()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var database = NewDatabase();
        DateTime deadline;
        Invitation invitation;
        await using (var setup = TestApp.Create(settings: OnFile(database)))
        {
            deadline = DeadlineOn(setup, DayOfWeek.Wednesday);
            var roundtable = await RoundtableAsync(setup, deadline);
            invitation = await InviteAsync(setup, roundtable, "Inbox Industries");
        }

        var settings = smtp.AppSettings();
        settings["Jobs:RunServer"] = "true";
        await using var server = TestApp.Create(settings: OnFile(database, settings));
        server.MoveTo(NineAm(deadline, 7).AddMinutes(1));
        _ = server.Services;

        var received = await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
        var email = Assert.Single(received);
        Assert.Equal([invitation.Recipients[0].Email], email.EnvelopeTo);
        Assert.StartsWith("Reminder: reply by " + UkTime.FormatDate(deadline), email.Message.Subject, StringComparison.Ordinal);
        var row = await server.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == RsvpChaserSource.Definition.Code));
        Assert.Equal(OutboxStatus.Sent, (await Email.EmailTestExtensions.WaitForStatusAsync(server, row.Id, OutboxStatus.Sent, TimeSpan.FromSeconds(10))).Status);
    }

    [Theory]
    [InlineData("--Reminders:SendAtLocalTime=03:00", "Reminders:SendAtLocalTime must be a 24-hour time from 07:00 to 20:00")]
    [InlineData("--Reminders:MissedAfterHours=0", "Reminders:MissedAfterHours must be a whole number of hours from 1 to 72")]
    public async Task Start_BadRemindersSetting_StopsWithMessageNamingTheKey(string setting, string message)
    {
        var result = await AppProcess.RunInProcessAsync([setting, "--urls=http://127.0.0.1:0"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration problem: " + message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-04-14T16:00:00Z", 2, "2027-04-12T08:00:00Z")] // Monday 9am BST
    [InlineData("2027-01-17T16:00:00Z", 2, "2027-01-15T09:00:00Z")] // Friday 9am GMT
    [InlineData("2027-01-19T16:00:00Z", 2, "2027-01-15T09:00:00Z")] // Sunday -> Friday 9am GMT
    [InlineData("2027-03-31T16:00:00Z", 2, "2027-03-25T09:00:00Z")] // Easter Monday, the weekend and Good Friday -> Thursday 9am GMT, before the clocks change
    [InlineData("2026-12-30T17:00:00Z", 2, "2026-12-24T09:00:00Z")] // Boxing Day's substitute Monday, the weekend and Christmas Day -> Thursday
    [InlineData("2027-02-09T17:00:00Z", 7, "2027-02-02T09:00:00Z")] // Tuesday
    public void DueUtc_WorkingDaysAt9amUkTime(string anchor, int days, string expected)
    {
        var options = new RemindersOptions();
        var due = options.DueUtc(DateTime.Parse(anchor, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), days);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), due);
    }
}
