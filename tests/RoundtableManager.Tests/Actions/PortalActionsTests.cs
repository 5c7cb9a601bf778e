namespace RoundtableManager.Tests.Actions;

[Collection(SharedHosts.Actions)]
public sealed class PortalActionsTests(TestApp app)
{
    [Fact]
    public async Task Index_OwnOrganisation_OpenFirstByDueDateWithOverdueTag_OthersNotListed()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var other = await ActionTestData.CreateWorldAsync(app, "Other Ltd");
        var today = ActionTestData.Today(app);
        await ActionTestData.InsertAsync(app, world, "Finished early", today.AddDays(-10), ActionStatus.Done);
        await ActionTestData.InsertAsync(app, world, "Due next month", today.AddDays(30));
        await ActionTestData.InsertAsync(app, world, "Late already", today.AddDays(-2), ActionStatus.InProgress);
        await ActionTestData.InsertAsync(app, other, "Not yours", today.AddDays(5));
        using var supplier = await app.SignedInClientAsync(world.Supplier);

        var home = await supplier.GetDocumentAsync("/portal");
        Assert.Equal("/portal/actions", home.QuerySelector("#your-actions")?.GetAttribute("href"));
        var page = await supplier.GetDocumentAsync("/portal/actions");

        Assert.Equal("Your actions", page.Heading());
        var rows = page.QuerySelectorAll("#actions tbody tr").ToList();
        Assert.Equal(["Late already", "Due next month", "Finished early"], rows.Select(r => r.QuerySelector("td a")!.TextContent.Trim()));
        Assert.NotNull(rows[0].QuerySelector("[data-overdue]"));
        Assert.Null(rows[1].QuerySelector("[data-overdue]"));
        Assert.Null(rows[2].QuerySelector("[data-overdue]"));
        Assert.Equal(["In progress", "Open", "Done"], rows.Select(r => r.QuerySelector("[data-action-status]")!.TextContent.Trim()));
    }

    [Fact]
    public async Task Show_StaffOnlyNote_HiddenFromSupplier_OtherCommentsShown()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Rotate MSP credentials", ActionTestData.Today(app).AddDays(7)));
        await ActionTestData.WithServiceAsync(app, s => s.AddCommentAsync(id, "Internal: they are slow", true, world.LeadActor, CancellationToken.None));
        await ActionTestData.WithServiceAsync(app, s => s.AddCommentAsync(id, "Please send the new policy", false, world.LeadActor, CancellationToken.None));
        using var supplier = await app.SignedInClientAsync(world.Supplier);

        var page = await supplier.GetDocumentAsync($"/portal/actions/{id}");

        Assert.Equal("Rotate MSP credentials", page.Heading());
        var comments = page.QuerySelectorAll("#history [data-comment]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("Please send the new policy", comments);
        Assert.DoesNotContain("Internal: they are slow", comments);
        Assert.DoesNotContain("Internal", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_StatusWithComment_ShowsInHistoryAsSupplier()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Review contract clauses", ActionTestData.Today(app).AddDays(7)));
        using var supplier = await app.SignedInClientAsync(world.Supplier);
        var path = $"/portal/actions/{id}";

        using var result = await supplier.PostFormAsync(path, $"{path}/updates", new Dictionary<string, string> { ["Status"] = "Blocked", ["Comment"] = "Waiting for legal" });

        Assert.Equal(HttpStatusCode.Redirect, result.StatusCode);
        var page = await supplier.GetDocumentAsync(path);
        Assert.Equal("Blocked", page.QuerySelector("[data-action-status]")!.TextContent.Trim());
        var latest = page.QuerySelector("#history li")!;
        Assert.Equal("StatusChanged", latest.GetAttribute("data-history-kind"));
        Assert.Equal("Waiting for legal", latest.QuerySelector("[data-comment]")!.TextContent.Trim());
        Assert.Contains("(supplier)", latest.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_NothingEntered_ShowsErrorAndChangesNothing()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Patch the jump hosts", ActionTestData.Today(app).AddDays(7)));
        using var supplier = await app.SignedInClientAsync(world.Supplier);
        var path = $"/portal/actions/{id}";

        using var result = await supplier.PostFormAsync(path, $"{path}/updates", new Dictionary<string, string> { ["Comment"] = "  " });

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(["Enter an update or choose a new status"], (await result.ToDocumentAsync()).ErrorSummary());
        Assert.Equal(1, await app.WithDbAsync(db => db.ActionHistory.CountAsync(h => h.ActionId == id)));
    }

    [Fact]
    public async Task MarkDone_Owner_AwaitsConfirmation_AndPageSaysSo()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Publish supplier assurance", ActionTestData.Today(app).AddDays(7)));
        using var supplier = await app.SignedInClientAsync(world.Supplier);
        var path = $"/portal/actions/{id}";

        using var result = await supplier.PostFormAsync(path, $"{path}/done", new Dictionary<string, string> { ["DoneComment"] = "Published on our site" });

        Assert.Equal(HttpStatusCode.Redirect, result.StatusCode);
        var page = await supplier.GetDocumentAsync(path);
        Assert.Equal("Awaiting confirmation", page.QuerySelector("[data-action-status]")!.TextContent.Trim());
        Assert.Contains("waiting for the staff lead", page.QuerySelector("#awaiting-confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#mark-done"));
        Assert.Equal(ActionStatus.AwaitingConfirmation, await app.WithDbAsync(db => db.FollowUpActions.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task EveryRoute_AnotherOrganisationsAction_Gets404AndChangesNothing()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var other = await ActionTestData.CreateWorldAsync(app, "Nosy Ltd");
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Private to the owner", ActionTestData.Today(app).AddDays(7)));
        var staffOwned = await ActionTestData.InsertAsync(app, world, "Staff owned", ActionTestData.Today(app).AddDays(7), staffUserId: world.Lead.Id);
        using var nosy = await app.SignedInClientAsync(other.Supplier);

        Assert.Equal(HttpStatusCode.NotFound, (await nosy.GetAsync(new Uri($"/portal/actions/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nosy.GetAsync(new Uri($"/portal/actions/{staffOwned}", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain("Private to the owner", (await nosy.GetDocumentAsync("/portal/actions")).Body!.TextContent, StringComparison.Ordinal);
        foreach (var (action, fields) in new[]
        {
            ("updates", new Dictionary<string, string> { ["Status"] = "Blocked", ["Comment"] = "Sabotage" }),
            ("done", new Dictionary<string, string>()),
            ("evidence", new Dictionary<string, string> { ["EvidenceTitle"] = "Spam", ["EvidenceUrl"] = "https://example.com/" }),
        })
        {
            using var result = await nosy.PostFormAsync("/portal/actions", $"/portal/actions/{id}/{action}", fields);
            Assert.Equal(HttpStatusCode.NotFound, result.StatusCode);
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.ActionHistory.CountAsync(h => h.ActionId == id)));
    }
}
