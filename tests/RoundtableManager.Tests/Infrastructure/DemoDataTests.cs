namespace RoundtableManager.Tests.Infrastructure;

[Collection(SharedHosts.Demo)]
public sealed class DemoDataTests(DemoApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FirstRun_Development_SeedsDemoDataAndPrintsWorkingPasswordsOnce()
    {
        using var client = app.CreateBrowserLikeClient();

        Assert.Equal(3, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Roundtables.CountAsync(r => r.StartsUtc > DateTime.UtcNow)));
        Assert.True(await app.WithDbAsync(db => db.Contacts.CountAsync()) >= 3);
        var actions = await app.WithDbAsync(db => db.FollowUpActions.AsNoTracking().ToListAsync());
        Assert.Contains(actions, a => a.OwnerKind == ActionOwnerKind.Organisation && a.OwnerContactId != null);
        Assert.Contains(actions, a => a.Status == ActionStatus.AwaitingConfirmation);
        Assert.Contains(actions, a => a.Status.IsActive() && a.DueDate < DateOnly.FromDateTime(Core.Common.UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime)));

        var printed = app.ConsoleOutput.ToString();
        var organiserLine = printed.Split('\n').Single(l => l.Contains("organiser@example.gov.uk", StringComparison.Ordinal));
        var password = organiserLine.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.True(password.Length >= 20);

        using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = "organiser@example.gov.uk", ["Password"] = password });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var dashboard = await client.GetDocumentAsync("/dashboard");
        Assert.Contains("Managed service providers: contracting and security controls", dashboard.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("staff@example.gov.uk", printed, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue #17: the demo supplier had no invitation, so a newcomer signing in as the supplier found an empty portal.
    /// On first run each role finds the roundtable under way: the supplier its accepted invitation, the published
    /// agenda (the RED item by title only) and its actions; the organiser the replies and the agenda; staff the actions.
    /// </summary>
    [Fact]
    public async Task FirstRun_Development_EveryRoleSeesTheRoundtableUnderWay()
    {
        using var _ = app.CreateClient();
        var printed = app.ConsoleOutput.ToString();
        string PasswordOf(string email) => printed.Split('\n').Single(l => l.Contains(email, StringComparison.Ordinal)).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Last();
        async Task<HttpClient> SignInAsync(string email)
        {
            var client = app.CreateBrowserLikeClient();
            using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = PasswordOf(email) });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            return client;
        }

        // The upcoming roundtable (the demo also has a held one before it, issue #19: FeedbackDemoDataTests).
        var roundtableId = await app.WithDbAsync(db => db.Roundtables.Where(r => r.StartsUtc > DateTime.UtcNow).Select(r => r.Id).SingleAsync());

        using var supplier = await SignInAsync("priya.shah@northgate-managed.example");
        var portal = await supplier.GetDocumentAsync("/portal");
        // The portal lists the held roundtable too: find the upcoming one's row by its title.
        var invitation = portal.QuerySelectorAll("[data-invitations] tbody tr")
            .Single(r => r.TextContent.Contains("Managed service providers: contracting and security controls", StringComparison.Ordinal));
        Assert.Equal("Accepted", invitation.QuerySelector(".govuk-tag")!.TextContent.Trim());
        var supplierAgenda = await supplier.GetDocumentAsync($"/portal/roundtables/{roundtableId}/agenda");
        var agendaText = supplierAgenda.QuerySelector("main")!.TextContent;
        Assert.Contains("Privileged access to client networks", agendaText, StringComparison.Ordinal);
        Assert.Contains("Incidents seen this year", agendaText, StringComparison.Ordinal);
        Assert.DoesNotContain("Details shared in the room only", agendaText, StringComparison.Ordinal);
        var supplierActions = (await supplier.GetDocumentAsync("/portal/actions")).QuerySelector("main")!.TextContent;
        Assert.Contains("Share the incident response contacts for government contracts", supplierActions, StringComparison.Ordinal);
        Assert.Contains("How should liability", (await supplier.GetDocumentAsync("/portal/proposals")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        using var organiser = await SignInAsync("organiser@example.gov.uk");
        var responses = (await organiser.GetDocumentAsync($"/roundtables/{roundtableId}/responses")).QuerySelector("main")!.TextContent;
        Assert.Contains("Priya Shah", responses, StringComparison.Ordinal);
        var organiserAgenda = (await organiser.GetDocumentAsync($"/roundtables/{roundtableId}/agenda")).QuerySelector("main")!.TextContent;
        Assert.Contains("Details shared in the room only", organiserAgenda, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.RoundtableId == roundtableId)));
        Assert.True(await app.WithDbAsync(db => db.AgendaPublications.AnyAsync(p => p.RoundtableId == roundtableId)));

        using var staff = await SignInAsync("staff@example.gov.uk");
        var register = (await staff.GetDocumentAsync("/actions")).QuerySelector("main")!.TextContent;
        Assert.Contains("Share the incident response contacts for government contracts", register, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task FirstRun_OutsideDevelopment_SeedsNothingEvenIfAsked(string environment)
    {
        using var own = TestApp.Create(environment, new Dictionary<string, string?> { ["DemoData:Seed"] = "true" });
        using var client = own.CreateClient();
        Assert.Equal(0, await own.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await own.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(3, await own.WithDbAsync(db => db.Roles.CountAsync(r => Roles.All.Contains(r.Name!))));
        Assert.Equal("", own.ConsoleOutput.ToString());
    }
}
