using Hangfire;
using RoundtableManager.Tests.Security;

namespace RoundtableManager.Tests.Jobs;

/// <summary>
/// Hangfire keeps some things per process (its log provider among them) while the tests run many hosts in one process:
/// one host's jobs and dashboard must not depend on another host still running.
/// </summary>
public sealed class SeveralHostsTests
{
    [Fact]
    public async Task DashboardTrigger_AnotherHostStartedAndStoppedMeanwhile_QueuesTheJob()
    {
        using var app = new TestApp();
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        using (var other = new TestApp())
        {
            // It configures Hangfire after this app did, then stops.
            _ = other.Services;
        }

        var html = await client.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        var token = WebUtility.HtmlDecode(TwoFactorEverywhereTests.AntiforgeryAttribute().Match(html).Groups[1].Value);
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var queued = monitoring.EnqueuedCount("default");

        using var trigger = await TwoFactorEverywhereTests.TriggerReminderSweepAsync(client, token);

        Assert.Equal(HttpStatusCode.NoContent, trigger.StatusCode);
        Assert.Equal(queued + 1, monitoring.EnqueuedCount("default"));
    }
}
