using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace RoundtableManager.Tests.Actions;

[Collection(SharedHosts.Actions)]
public sealed class ActionPagesTests(TestApp app)
{
    private static Dictionary<string, string> Fields(ActionWorld world, string title, DateOnly due, string? contactId = null) => new()
    {
        ["RoundtableId"] = world.Roundtable.Id.ToString(CultureInfo.InvariantCulture),
        ["Title"] = title,
        ["Description"] = "Agreed at the roundtable",
        ["OwnerKind"] = "Organisation",
        ["OwnerUserId"] = "",
        ["OwnerOrganisationId"] = world.Organisation.Id.ToString(CultureInfo.InvariantCulture),
        ["OwnerContactId"] = contactId ?? world.Contacts[0].Id.ToString(CultureInfo.InvariantCulture),
        ["StaffLeadUserId"] = world.Lead.Id,
        ["DueDate.Day"] = due.Day.ToString(CultureInfo.InvariantCulture),
        ["DueDate.Month"] = due.Month.ToString(CultureInfo.InvariantCulture),
        ["DueDate.Year"] = due.Year.ToString(CultureInfo.InvariantCulture),
        ["Priority"] = "High",
    };

    [Fact]
    public async Task ActionRoutes_Supplier_Gets403_StaffAndOrganiserCanOpen()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Seen by staff only here", ActionTestData.Today(app).AddDays(3)));
        using var supplier = await app.SignedInClientAsync(world.Supplier);
        using var staff = await app.SignedInClientAsync(world.Lead);
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

        foreach (var path in new[] { "/actions", "/actions/new", $"/actions/{id}", $"/actions/{id}/edit", "/actions/export", $"/roundtables/{world.Roundtable.Id}/actions/progress" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await supplier.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        var nav = (await staff.GetDocumentAsync("/actions")).QuerySelectorAll(".govuk-service-navigation__link").Select(l => l.TextContent.Trim());
        Assert.Contains("Actions", nav);
    }

    /// <summary>Issue #17: "Named contact" listed every organisation's contacts. It offers only the chosen organisation's, without script.</summary>
    [Fact]
    public async Task New_NamedContact_OffersOnlyTheChosenOrganisationsContactsAfterShowItsContacts()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var other = await ActionTestData.CreateWorldAsync(app, "Someone Else Ltd");
        using var staff = await app.SignedInClientAsync(world.Lead);
        string[] Options(IDocument page) => page.QuerySelectorAll<IHtmlOptionElement>("#OwnerContactId option").Select(o => o.Value).ToArray();

        var blank = await staff.GetDocumentAsync("/actions/new");
        Assert.Equal([""], Options(blank));
        Assert.Equal("Choose the organisation first", blank.QuerySelector("#OwnerContactId option")!.TextContent);

        var fields = Fields(world, "Share the incident contacts", ActionTestData.Today(app).AddDays(10));
        fields["OwnerKind"] = "";
        fields["OwnerContactId"] = "";
        fields["Show"] = "contacts";
        using var shown = await staff.PostFormAsync("/actions/new", "/actions/new", fields);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var page = await shown.ToDocumentAsync();
        Assert.Null(page.QuerySelector(".govuk-error-summary"));
        Assert.Equal(["", .. world.Contacts.OrderBy(c => c.FullName).Select(c => c.Id.ToString(CultureInfo.InvariantCulture))], Options(page));
        Assert.DoesNotContain(other.Contacts[0].Id.ToString(CultureInfo.InvariantCulture), Options(page));
        Assert.Equal("Share the incident contacts", page.QuerySelector<IHtmlInputElement>("#Title")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name=OwnerKind][value=Organisation]")!.IsChecked);
        Assert.False(await app.WithDbAsync(db => db.FollowUpActions.AnyAsync(a => a.Title == "Share the incident contacts")));

        fields.Remove("Show");
        fields["OwnerKind"] = "Organisation";
        fields["OwnerContactId"] = world.Contacts[1].Id.ToString(CultureInfo.InvariantCulture);
        using var saved = await staff.PostFormAsync("/actions/new", "/actions/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(world.Contacts[1].Id, await app.WithDbAsync(db => db.FollowUpActions.Where(a => a.Title == "Share the incident contacts").Select(a => a.OwnerContactId).SingleAsync()));
    }

    [Fact]
    public async Task NewFromAgendaItem_PrefillsRoundtableAndItem_OffersDecisions_AndTheItemListsTheAction()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var itemId = await AgendaTestData.AddItemAsync(app, organiser, world.Roundtable.Id, AgendaTestData.ItemFields("Supply chain assurance"));
        var itemPath = $"/roundtables/{world.Roundtable.Id}/agenda/items/{itemId}";
        using (var decision = await organiser.PostFormAsync(itemPath, $"{itemPath}/decisions", new Dictionary<string, string> { ["Decision"] = "Suppliers will report MSP access quarterly" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        }

        var itemPage = await organiser.GetDocumentAsync(itemPath);
        Assert.Equal($"/actions/new?agendaItemId={itemId}", itemPage.QuerySelector("#add-action")!.GetAttribute("href"));
        var form = await organiser.GetDocumentAsync($"/actions/new?agendaItemId={itemId}");
        Assert.Contains("Supply chain assurance", form.QuerySelector("#action-source")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(world.Roundtable.Title, form.QuerySelector("#action-source")!.TextContent, StringComparison.Ordinal);
        var decisions = form.QuerySelectorAll<IHtmlOptionElement>("#DecisionId option").ToList();
        Assert.Equal(["No particular decision", "Suppliers will report MSP access quarterly"], decisions.Select(o => o.Text));

        var fields = Fields(world, "Report MSP access for Q1", ActionTestData.Today(app).AddDays(20));
        fields.Remove("RoundtableId");
        fields["RoundtableId"] = form.QuerySelector<IHtmlInputElement>("input[name=RoundtableId]")!.Value;
        fields["AgendaItemId"] = form.QuerySelector<IHtmlInputElement>("input[name=AgendaItemId]")!.Value;
        fields["DecisionId"] = decisions[1].Value;
        using var response = await organiser.PostFormAsync($"/actions/new?agendaItemId={itemId}", "/actions/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var show = await organiser.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("Report MSP access for Q1", show.Heading());
        Assert.Contains("Suppliers will report MSP access quarterly", show.QuerySelector("#action-details")!.TextContent, StringComparison.Ordinal);
        var listed = (await organiser.GetDocumentAsync(itemPath)).QuerySelectorAll("#actions tbody tr").Select(r => r.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal(["Report MSP access for Q1"], listed);
    }

    [Fact]
    public async Task New_BadInput_ShowsErrorsKeepsWhatWasTypedAndSavesNothing()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var other = await ActionTestData.CreateWorldAsync(app, "Elsewhere Ltd");
        using var staff = await app.SignedInClientAsync(world.Lead);
        var fields = Fields(world, "", ActionTestData.Today(app).AddDays(5), other.Contacts[0].Id.ToString(CultureInfo.InvariantCulture));
        fields["Description"] = "Kept description";
        fields["DueDate.Day"] = "31";
        fields["DueDate.Month"] = "2";

        using var response = await staff.PostFormAsync("/actions/new", "/actions/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal(["Enter the title", "Select a contact who works for the chosen organisation", "Due date must be a real date"], page.ErrorSummary());
        Assert.Equal("Kept description", page.QuerySelector("#Description")!.TextContent);
        Assert.Equal("31", page.QuerySelector<IHtmlInputElement>("#DueDate")!.Value);
        Assert.Equal(world.Organisation.Id.ToString(CultureInfo.InvariantCulture), page.QuerySelector<IHtmlSelectElement>("#OwnerOrganisationId")!.Value);
        Assert.False(await app.WithDbAsync(db => db.FollowUpActions.AnyAsync(a => a.Description == "Kept description")));
    }

    [Fact]
    public async Task Show_CommentAndStatusChange_AppearInTheHistoryWithWhoAndWhen()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Review admin access", ActionTestData.Today(app).AddDays(9)));
        using var staff = await app.SignedInClientAsync(world.Lead);
        var path = $"/actions/{id}";

        using (var comment = await staff.PostFormAsync(path, $"{path}/comments", new Dictionary<string, string> { ["Comment"] = "Chased by phone", ["StaffOnly"] = "false" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);
        }

        using (var status = await staff.PostFormAsync(path, $"{path}/status", new Dictionary<string, string> { ["Status"] = "Blocked", ["StatusComment"] = "Waiting for their CISO" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, status.StatusCode);
        }

        using (var empty = await staff.PostFormAsync(path, $"{path}/comments", new Dictionary<string, string> { ["Comment"] = " " }))
        {
            Assert.Equal(["Enter a comment"], (await empty.ToDocumentAsync()).ErrorSummary());
        }

        var page = await staff.GetDocumentAsync(path);
        Assert.Equal("Blocked", page.QuerySelector("h1 + p [data-action-status]")!.TextContent.Trim());
        var owner = string.Join(' ', page.QuerySelector("[data-owner]")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"{world.Organisation.Name}, {world.Contacts[0].FullName} ({world.Contacts[0].Email})", owner);
        var history = page.QuerySelectorAll("#history li").ToList();
        Assert.Equal(["StatusChanged", "Commented", "Created"], history.Select(h => h.GetAttribute("data-history-kind")));
        Assert.Contains("From: Open", history[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("To: Blocked", history[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Waiting for their CISO", history[0].QuerySelector("[data-comment]")!.TextContent);
        Assert.Contains("Test Staff", history[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwaitingConfirmation_StaffConfirm_BecomesDone()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Adopt the flow-down clause", ActionTestData.Today(app).AddDays(9)));
        await ActionTestData.WithServiceAsync(app, s => s.SupplierMarkDoneAsync(world.Organisation.Id, id, "Signed by our legal team", world.SupplierActor, CancellationToken.None));
        using var staff = await app.SignedInClientAsync(world.Lead);
        var path = $"/actions/{id}";
        var page = await staff.GetDocumentAsync(path);
        Assert.NotNull(page.QuerySelector("#awaiting-confirmation"));
        Assert.Contains("(supplier)", page.QuerySelector("#history li")!.TextContent, StringComparison.Ordinal);

        using var returnEmpty = await staff.PostFormAsync(path, $"{path}/return", new Dictionary<string, string> { ["Reason"] = "" });
        Assert.Equal(["Enter a comment"], (await returnEmpty.ToDocumentAsync()).ErrorSummary());
        using var confirm = await staff.PostFormAsync(path, $"{path}/confirm", new Dictionary<string, string> { ["ConfirmComment"] = "Seen the signed copy" });

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var after = await staff.GetDocumentAsync(path);
        Assert.Equal("Done", after.QuerySelector("h1 + p [data-action-status]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector("#awaiting-confirmation"));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Action.Confirmed" && e.SubjectId == id.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Edit_AfterSomeoneElseChangedIt_RefusedWithWhatWasTypedKept()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var today = ActionTestData.Today(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Publish a security.txt", today.AddDays(9)));
        using var staff = await app.SignedInClientAsync(world.Lead);
        var editPath = $"/actions/{id}/edit";
        var mine = Fields(world, "Publish a security.txt file", today.AddDays(30));
        mine["Version"] = "1";
        await ActionTestData.WithServiceAsync(app, s => s.UpdateAsync(id, 1, world.OrganisationOwned("Publish security.txt at /.well-known", today.AddDays(9)), world.LeadActor, CancellationToken.None));

        using var response = await staff.PostFormAsync(editPath, editPath, mine);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.StartsWith("Someone else changed this action", Assert.Single(page.ErrorSummary()), StringComparison.Ordinal);
        Assert.Equal("Publish a security.txt file", page.QuerySelector<IHtmlInputElement>("#Title")!.Value);
        var action = (await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None)))!;
        Assert.Equal("Publish security.txt at /.well-known", action.Title);
        Assert.Equal(today.AddDays(9), action.DueDate);
    }

    [Fact]
    public async Task Edit_ChangesDueDate_RecordsHistory()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var today = ActionTestData.Today(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Name a breach contact", today.AddDays(9)));
        using var staff = await app.SignedInClientAsync(world.Lead);
        var editPath = $"/actions/{id}/edit";
        var form = await staff.GetDocumentAsync(editPath);
        Assert.Equal("1", form.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value);
        var fields = Fields(world, "Name a breach contact", today.AddDays(16));
        fields["Version"] = "1";

        using var response = await staff.PostFormAsync(editPath, editPath, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var history = (await staff.GetDocumentAsync($"/actions/{id}")).QuerySelectorAll("#history li").Select(li => li.GetAttribute("data-history-kind")).ToList();
        Assert.Contains("DueDateChanged", history);
        Assert.Contains("DescriptionChanged", history);
    }
}
