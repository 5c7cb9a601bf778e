namespace RoundtableManager.Tests.Invitations;

[Collection(SharedHosts.Fresh)]
public sealed class CapacityTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Accept_DozensAtOnceForFewerSeats_NeverOverbooks()
    {
        const int seats = 7;
        var roundtable = await RsvpTestData.RoundtableAsync(app, capacity: seats);
        var organisations = new List<InvitedOrganisation>();
        for (var i = 0; i < 24; i++)
        {
            organisations.Add(await RsvpTestData.InviteAsync(app, roundtable, $"Rush {i}", contacts: 1));
        }

        var clients = new List<HttpClient>();
        foreach (var organisation in organisations)
        {
            clients.Add(await RsvpTestData.SupplierAsync(app, organisation));
        }

        // Antiforgery tokens first, so the acceptances themselves arrive together.
        var tokens = await Task.WhenAll(clients.Select(async c =>
            (await c.GetDocumentAsync("/portal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        using var start = new SemaphoreSlim(0);
        var posts = clients.Select(async (client, i) =>
        {
            await start.WaitAsync();
            var people = RsvpTestData.People($"Rush{i}", 2);
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = tokens[i],
                ["Answer"] = "Accepted",
                ["AgreeTerms"] = "true",
                ["Delegates[0].FullName"] = people[0].Name,
                ["Delegates[0].Email"] = people[0].Email,
                ["Delegates[1].FullName"] = people[1].Name,
                ["Delegates[1].Email"] = people[1].Email,
            });
            using var response = await client.PostAsync(new Uri($"/portal/invitations/{organisations[i].InvitationId}/confirm", UriKind.Relative), content);
            return response.StatusCode;
        }).ToList();
        start.Release(clients.Count);
        var statuses = await Task.WhenAll(posts);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
        var delegates = await RsvpTestData.DelegatesAsync(app, roundtable.Id);
        Assert.Equal(48, delegates.Count);
        Assert.Equal(seats, delegates.Count(d => d.Status == DelegateStatus.Confirmed));
        Assert.Equal(48 - seats, delegates.Count(d => d.Status == DelegateStatus.Waitlisted));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Decline_WhenFull_FirstOnTheWaitlistGetsTheSeatAndAnEmail()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app, capacity: 2);
        var first = await RsvpTestData.InviteAsync(app, roundtable, "Juliet");
        var second = await RsvpTestData.InviteAsync(app, roundtable, "Kilo");
        var third = await RsvpTestData.InviteAsync(app, roundtable, "Lima");
        using var firstClient = await RsvpTestData.SupplierAsync(app, first);
        using var secondClient = await RsvpTestData.SupplierAsync(app, second);
        using var thirdClient = await RsvpTestData.SupplierAsync(app, third);
        (await RsvpTestData.ReplyAsync(firstClient, first.InvitationId, "Accepted", RsvpTestData.People("Juliet", 2))).Dispose();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var kilo = RsvpTestData.People("Kilo", 1);
        (await RsvpTestData.ReplyAsync(secondClient, second.InvitationId, "Accepted", kilo)).Dispose();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var lima = RsvpTestData.People("Lima", 2);
        (await RsvpTestData.ReplyAsync(thirdClient, third.InvitationId, "Accepted", lima)).Dispose();

        var waiting = await secondClient.GetDocumentAsync($"/portal/invitations/{second.InvitationId}");
        Assert.Equal("On the waitlist", waiting.QuerySelector($"tr[data-delegate='{kilo[0].Email}'] .govuk-tag")!.TextContent.Trim());
        Assert.Null(waiting.QuerySelector("[data-joining-details]"));
        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        Assert.Contains(messages, m => m.Kind == RsvpService.WaitlistKind && m.ToAddress == kilo[0].Email && m.CalendarContent == null);

        (await RsvpTestData.ReplyAsync(firstClient, first.InvitationId, "Declined", [], reason: "Diary clash")).Dispose();

        var delegates = await RsvpTestData.DelegatesAsync(app, roundtable.Id);
        Assert.Equal(DelegateStatus.Confirmed, delegates.Single(d => d.Email == kilo[0].Email).Status);
        Assert.Equal(DelegateStatus.Confirmed, delegates.Single(d => d.Email == lima[0].Email).Status);
        Assert.Equal(DelegateStatus.Waitlisted, delegates.Single(d => d.Email == lima[1].Email).Status);
        messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        var promoted = messages.Where(m => m.Kind == RsvpService.PromotedKind).Select(m => m.ToAddress).ToList();
        Assert.Equal(new[] { kilo[0].Email, lima[0].Email }.Order(), promoted.Order());
        Assert.All(messages.Where(m => m.Kind == RsvpService.PromotedKind), m => Assert.Equal(InvitationCalendar.Request, m.CalendarMethod));
        var invitation = await RsvpTestData.InvitationAsync(app, first.InvitationId);
        Assert.Equal(InvitationResponse.Declined, invitation.Response);
        Assert.Equal("Diary clash", invitation.DeclineReason);
        Assert.Equal(2, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEvents, e => e.Action == "Rsvp.Promoted")));
    }
}
