using RoundtableManager.Core.Audit;

namespace RoundtableManager.Tests.Audit;

[Collection(SharedHosts.Directory)]
public sealed class AuditLogTests
{
    private readonly TestApp _app;

    public AuditLogTests(TestApp app) => _app = app;

    [Fact]
    public async Task SignIns_SuccessFailureAndLockout_AreRecordedWithoutWhatWasTyped()
    {
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var client = _app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = "typed-secret-" + i });
        }

        await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = "nobody-hunter2@example.gov.uk", ["Password"] = "typed-secret-x" });
        var events = await _app.WithDbAsync(db => db.AuditEvents.Where(e => e.SubjectId == staff.Id || e.ActorUserId == null).ToListAsync());
        Assert.Equal(4, events.Count(e => e.Action == "SignIn.Failed" && e.SubjectId == staff.Id));
        Assert.Contains(events, e => e.Action == "SignIn.LockedOut" && e.SubjectId == staff.Id);
        Assert.Contains(events, e => e.Action == "SignIn.Failed" && e.Summary == "Sign-in failed: no account has that email address");
        var all = await _app.WithDbAsync(db => db.AuditEvents.ToListAsync());
        Assert.DoesNotContain(all, e => e.Summary.Contains("typed-secret", StringComparison.Ordinal) || e.Summary.Contains("hunter2", StringComparison.Ordinal) || e.ActorName.Contains("hunter2", StringComparison.Ordinal));

        using var ok = await _app.SignedInClientAsync(await _app.CreateUserAsync(Roles.Organiser));
        Assert.True(await _app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "SignIn.Succeeded" && e.Summary == "Signed in with a password and security code")));
    }

    [Fact]
    public async Task UserAdministration_IsRecordedWithTheOrganiserAsActor()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var client = await _app.SignedInClientAsync(organiser);
        await client.PostFormAsync($"/users/{staff.Id}/disable", $"/users/{staff.Id}/disable", new Dictionary<string, string>());
        var disabled = await _app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "User.Disabled" && e.SubjectId == staff.Id));
        Assert.Equal(organiser.Id, disabled.ActorUserId);
        Assert.Equal(organiser.Email, disabled.ActorName);
    }

    [Fact]
    public async Task AuditEvent_CannotBeChangedOrRemoved()
    {
        await _app.WithDbAsync(async db =>
        {
            db.AuditEvents.Add(new AuditEvent { Action = "Test.Written", ActorName = "test", Summary = "original", OccurredUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        await _app.WithDbAsync(async db =>
        {
            var row = await db.AuditEvents.SingleAsync(e => e.Action == "Test.Written");
            row.Summary = "rewritten";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        await _app.WithDbAsync(async db =>
        {
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync(e => e.Action == "Test.Written"));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        Assert.Equal("original", await _app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "Test.Written").Select(e => e.Summary).SingleAsync()));
    }

    [Fact]
    public async Task AuditPage_OrganiserFiltersByAction_StaffForbidden()
    {
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        using var client = await _app.SignedInClientAsync(organiser);
        var page = await client.GetDocumentAsync("/audit?EventType=SignIn.Succeeded");
        var rows = page.QuerySelectorAll("tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("SignIn.Succeeded", r.QuerySelector("code")!.TextContent));

        var bad = await client.GetDocumentAsync("/audit?From.Day=31&From.Month=2&From.Year=2026");
        Assert.Equal(["From date must be a real date"], bad.ErrorSummary());

        var staff = await _app.CreateUserAsync(Roles.Staff);
        using var staffClient = await _app.SignedInClientAsync(staff);
        using var forbidden = await staffClient.GetAsync(new Uri("/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
