namespace RoundtableManager.Tests.Agenda;

[Collection(SharedHosts.Actions)]
public sealed class AgendaTests(TestApp app)
{
    private async Task<HttpClient> SignedInAsync(string role) => await app.SignedInClientAsync(await app.CreateUserAsync(role));

    [Fact]
    public async Task MoveUpAndDown_ThreeItems_ReordersAndRecomputesUkTimes()
    {
        using var organiser = await SignedInAsync(Roles.Organiser);
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var first = await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Welcome", 15));
        var second = await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Supply chain clauses", 45));
        await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("", 10, kind: "Break"));

        var path = $"/roundtables/{roundtable.Id}/agenda";
        using (var up = await organiser.PostFormAsync(path, $"{path}/items/{second}/move", new Dictionary<string, string> { ["direction"] = "up" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        }

        Assert.Equal(["Supply chain clauses", "Welcome", "Break"], (await AgendaTestData.ItemsAsync(app, roundtable.Id)).Select(i => i.Title));
        using (var down = await organiser.PostFormAsync(path, $"{path}/items/{first}/move", new Dictionary<string, string> { ["direction"] = "down" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, down.StatusCode);
        }

        Assert.Equal(["Supply chain clauses", "Break", "Welcome"], (await AgendaTestData.ItemsAsync(app, roundtable.Id)).Select(i => i.Title));
        var page = await organiser.GetDocumentAsync(path);
        var times = page.QuerySelectorAll("[data-item-time]").Select(t => t.TextContent.Trim()).ToList();
        var start = roundtable.StartsUtc;
        Assert.Equal(
            [
                $"{Core.Common.UkTime.FormatTime(start)} to {Core.Common.UkTime.FormatTime(start.AddMinutes(45))}",
                $"{Core.Common.UkTime.FormatTime(start.AddMinutes(45))} to {Core.Common.UkTime.FormatTime(start.AddMinutes(55))}",
                $"{Core.Common.UkTime.FormatTime(start.AddMinutes(55))} to {Core.Common.UkTime.FormatTime(start.AddMinutes(70))}",
            ],
            times);
        Assert.Null(page.QuerySelector("#overrun-warning"));
        Assert.All(page.QuerySelectorAll("[data-marking]"), tag => Assert.Equal("TLP:AMBER", tag.TextContent.Trim()));
    }

    [Fact]
    public async Task Index_AgendaLongerThanRoundtable_WarnsOfOverrun()
    {
        using var organiser = await SignedInAsync(Roles.Organiser);
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Long threat briefing", 135));
        var page = await organiser.GetDocumentAsync($"/roundtables/{roundtable.Id}/agenda");
        Assert.Contains("runs 15 minutes past the end", page.QuerySelector("#overrun-warning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewItem_MissingTitleAndBadDuration_ShowsErrorsAndKeepsInput()
    {
        using var organiser = await SignedInAsync(Roles.Organiser);
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var fields = AgendaTestData.ItemFields("", description: "Kept text");
        fields["Duration"] = "half an hour";
        var path = $"/roundtables/{roundtable.Id}/agenda/items/new";
        using var response = await organiser.PostFormAsync(path, path, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal(["Enter the title", "Duration must be a whole number of minutes, like 30"], page.ErrorSummary());
        Assert.Equal("Kept text", page.QuerySelector("#Description")!.TextContent);
        Assert.Empty(await AgendaTestData.ItemsAsync(app, roundtable.Id));
    }

    [Fact]
    public async Task Staff_CanReadButNotChangeReorderOrPublish()
    {
        using var organiser = await SignedInAsync(Roles.Organiser);
        using var staff = await SignedInAsync(Roles.Staff);
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var item = await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Contract flow-down"));
        var path = $"/roundtables/{roundtable.Id}/agenda";
        var page = await staff.GetDocumentAsync(path);
        Assert.Equal("Agenda", page.Heading());
        Assert.Empty(page.QuerySelectorAll("main button"));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(new Uri($"{path}/print", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(new Uri($"{path}/publish", UriKind.Relative))).StatusCode);
        using var move = await staff.PostFormAsync($"{path}/items/{item}", $"{path}/items/{item}/move", new Dictionary<string, string> { ["direction"] = "up" });
        Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        using var publish = await staff.PostFormAsync($"{path}/items/{item}", $"{path}/publish", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.AgendaPublications.SingleOrDefaultAsync(p => p.RoundtableId == roundtable.Id)));
    }

    [Fact]
    public async Task Publish_QueuesEmailsToAcceptedOrganisationsOnly_AndLaterChangesShowAsUpdated()
    {
        using var organiser = await SignedInAsync(Roles.Organiser);
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var accepted = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Accepted, "Accepted Ltd");
        var declined = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Declined, "Declined Ltd");
        var waiting = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.None, "Waiting Ltd");
        var item = await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Patching within 14 days", marking: "Green"));

        var path = $"/roundtables/{roundtable.Id}/agenda";
        using var response = await organiser.PostFormAsync($"{path}/publish", $"{path}/publish", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var emails = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Where(m => m.Kind == AgendaService.PublishedKind).ToList();
        var email = Assert.Single(emails);
        Assert.Equal(accepted.RecipientEmail, email.ToAddress);
        Assert.Contains("Patching within 14 days [TLP:GREEN]", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/portal/roundtables/{roundtable.Id}/agenda", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(emails, m => m.ToAddress == declined.RecipientEmail || m.ToAddress == waiting.RecipientEmail);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Agenda.Published" && e.SubjectId == roundtable.Id.ToString())));

        using var edit = await organiser.PostFormAsync($"{path}/items/{item}/edit", $"{path}/items/{item}/edit", AgendaTestData.ItemFields("Patching within 7 days", marking: "Green"));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        using var supplier = await app.SignedInClientAsync(accepted.User);
        var portal = await supplier.GetDocumentAsync($"/portal/roundtables/{roundtable.Id}/agenda");
        Assert.Equal("Patching within 7 days", portal.QuerySelector("[data-item-title]")!.TextContent.Trim());
        Assert.Contains("Updated", portal.QuerySelector("[data-item-updated]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortalAgenda_RedItem_ShowsTitleOnly_AndNonAcceptedOrganisationsGet404()
    {
        using var organiser = await SignedInAsync(Roles.Organiser);
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var accepted = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Accepted, "Red Reader Ltd");
        var waiting = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.None, "Not Yet Ltd");
        var stranger = await app.CreateUserAsync(Roles.Supplier, (await app.CreateOrganisationAsync($"Stranger {Guid.NewGuid():N}")).Id);
        var red = await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("APT10 indicators", marking: "Red", description: "SECRET-DESCRIPTION"));
        await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Open discussion", marking: "Clear", description: "Open description"));
        var itemPath = $"/roundtables/{roundtable.Id}/agenda/items/{red}";
        using (var minutes = await organiser.PostFormAsync($"{itemPath}/minutes", $"{itemPath}/minutes", new Dictionary<string, string> { ["Minutes"] = "SECRET-MINUTES" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, minutes.StatusCode);
        }

        using (await organiser.PostFormAsync(itemPath, $"{itemPath}/minutes/publish", new Dictionary<string, string>()))
        {
        }

        using var acceptedClient = await app.SignedInClientAsync(accepted.User);
        var portalPath = $"/portal/roundtables/{roundtable.Id}/agenda";
        Assert.Equal(HttpStatusCode.NotFound, (await acceptedClient.GetAsync(new Uri(portalPath, UriKind.Relative))).StatusCode);

        var publishPath = $"/roundtables/{roundtable.Id}/agenda/publish";
        using (await organiser.PostFormAsync(publishPath, publishPath, new Dictionary<string, string>()))
        {
        }

        using var response = await acceptedClient.GetAsync(new Uri(portalPath, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("SECRET-DESCRIPTION", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-MINUTES", html, StringComparison.Ordinal);
        var page = await response.ToDocumentAsync();
        var redRow = page.QuerySelector("tr[data-agenda-item='APT10 indicators']")!;
        Assert.Equal("TLP:RED", redRow.QuerySelector("[data-marking]")!.TextContent.Trim());
        Assert.NotNull(redRow.QuerySelector("[data-item-redacted]"));
        var openRow = page.QuerySelector("tr[data-agenda-item='Open discussion']")!;
        Assert.Equal("Open description", openRow.QuerySelector("[data-item-description]")!.TextContent.Trim());

        using var waitingClient = await app.SignedInClientAsync(waiting.User);
        Assert.Equal(HttpStatusCode.NotFound, (await waitingClient.GetAsync(new Uri(portalPath, UriKind.Relative))).StatusCode);
        using var strangerClient = await app.SignedInClientAsync(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync(new Uri(portalPath, UriKind.Relative))).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var text = await scope.ServiceProvider.GetRequiredService<AgendaService>().ToPlainTextAsync(roundtable.Id, CancellationToken.None);
        Assert.Contains("APT10 indicators [TLP:RED]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.Contains("Open description", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedItemLead_IsHiddenFromSuppliersInPortalEmailAndCalendar_ButShownToGovernment()
    {
        using var organiser = await SignedInAsync(Roles.Organiser);
        var roundtable = await Invitations.RsvpTestData.RoundtableAsync(app);
        var invited = await Invitations.RsvpTestData.InviteAsync(app, roundtable, "Lead Readers Ltd", contacts: 1);
        using var supplier = await Invitations.RsvpTestData.SupplierAsync(app, invited);
        (await Invitations.RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", Invitations.RsvpTestData.People("Attending", 1))).Dispose();
        var red = AgendaTestData.ItemFields("Incident retrospective", marking: "Red");
        red["LeadName"] = "Wendy Redlead";
        red["LeadOrganisation"] = "Hidden Lead Org Ltd";
        await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, red);
        var green = AgendaTestData.ItemFields("Open contracting session", marking: "Green");
        green["LeadName"] = "Gary Greenlead";
        green["LeadOrganisation"] = "Open Lead Org Ltd";
        await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, green);
        var publish = $"/roundtables/{roundtable.Id}/agenda/publish";
        (await organiser.PostFormAsync(publish, publish, new Dictionary<string, string>())).Dispose();

        string[] hidden = ["Redlead", "Hidden Lead Org"];
        var portal = await (await supplier.GetAsync(new Uri($"/portal/roundtables/{roundtable.Id}/agenda", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Gary Greenlead (Open Lead Org Ltd)", portal, StringComparison.Ordinal);
        Assert.Contains("Incident retrospective", portal, StringComparison.Ordinal);
        Assert.All(hidden, h => Assert.DoesNotContain(h, portal, StringComparison.Ordinal));

        var published = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Where(m => m.Kind == AgendaService.PublishedKind).ToList();
        Assert.NotEmpty(published);
        var calendars = published.Where(m => m.CalendarContent is not null).ToList();
        Assert.NotEmpty(calendars);
        var description = Assert.Single(Ical.Net.Calendar.Load(calendars[0].CalendarContent!)!.Events).Description;
        Assert.Contains("Gary Greenlead", description, StringComparison.Ordinal);
        Assert.Contains("Incident retrospective", description, StringComparison.Ordinal);
        Assert.All(published, m => Assert.All(hidden, h => Assert.DoesNotContain(h, m.TextBody + m.HtmlBody + m.CalendarContent, StringComparison.Ordinal)));

        var government = await (await organiser.GetAsync(new Uri($"/roundtables/{roundtable.Id}/agenda", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Wendy Redlead (Hidden Lead Org Ltd)", government, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minutes_EditAfterPublishing_KeepsEveryRevisionAndShowsRevised()
    {
        using var organiser = await SignedInAsync(Roles.Organiser);
        using var staff = await SignedInAsync(Roles.Staff);
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var accepted = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Accepted, "Minutes Reader Ltd");
        var item = await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Cyber Essentials in contracts"));
        var itemPath = $"/roundtables/{roundtable.Id}/agenda/items/{item}";
        using (await staff.PostFormAsync($"{itemPath}/minutes", $"{itemPath}/minutes", new Dictionary<string, string> { ["Minutes"] = "First draft" }))
        {
        }

        using (var publish = await organiser.PostFormAsync(itemPath, $"{itemPath}/minutes/publish", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        }

        var publishPath = $"/roundtables/{roundtable.Id}/agenda/publish";
        using (await organiser.PostFormAsync(publishPath, publishPath, new Dictionary<string, string>()))
        {
        }

        using var supplier = await app.SignedInClientAsync(accepted.User);
        var before = await supplier.GetDocumentAsync($"/portal/roundtables/{roundtable.Id}/agenda");
        Assert.Contains("First draft", before.QuerySelector("[data-item-minutes]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(before.QuerySelector("[data-minutes-revised]"));

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using (await staff.PostFormAsync($"{itemPath}/minutes", $"{itemPath}/minutes", new Dictionary<string, string> { ["Minutes"] = "Second version" }))
        {
        }

        var after = await supplier.GetDocumentAsync($"/portal/roundtables/{roundtable.Id}/agenda");
        Assert.Contains("Second version", after.QuerySelector("[data-item-minutes]")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Revised on", after.QuerySelector("[data-minutes-revised]")!.TextContent.Trim(), StringComparison.Ordinal);

        var revisions = await app.WithDbAsync(db => db.MinutesRevisions.AsNoTracking().Where(r => r.AgendaItemId == item).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["First draft", "Second version"], revisions.Select(r => r.Text));
        Assert.Equal([false, true], revisions.Select(r => r.AfterPublishing));
        var diff = await staff.GetDocumentAsync($"{itemPath}/minutes/revisions/{revisions[1].Id}");
        Assert.Equal("First draft", diff.QuerySelector("#before")!.TextContent);
        Assert.Equal("Second version", diff.QuerySelector("#after")!.TextContent);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Minutes.Revised" && e.SubjectId == item.ToString())));
    }
}
