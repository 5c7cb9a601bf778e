namespace RoundtableManager.Tests.Agenda;

[Collection(SharedHosts.Actions)]
public sealed class ProposalTests(TestApp app)
{
    private static async Task<int> ProposeAsync(TestApp app, HttpClient supplier, int roundtableId, string text, bool showWhoAsked = false)
    {
        var path = $"/portal/roundtables/{roundtableId}/proposals/new";
        var fields = new Dictionary<string, string> { ["Category"] = "Contracting", ["Text"] = text };
        if (showWhoAsked)
        {
            fields["ShowWhoAsked"] = "true";
        }

        using var response = await supplier.PostFormAsync(path, path, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Proposals.Where(p => p.Text == text).Select(p => p.Id).SingleAsync());
    }

    [Fact]
    public async Task Triage_AcceptNewAndExisting_MergeAndDecline_SuppliersSeeTheirOwnOnly()
    {
        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var first = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.None, "First Ltd");
        var second = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Accepted, "Second Ltd");
        using var firstClient = await app.SignedInClientAsync(first.User);
        using var secondClient = await app.SignedInClientAsync(second.User);

        var newTopic = await ProposeAsync(app, firstClient, roundtable.Id, "Right to audit MSP admin accounts", showWhoAsked: true);
        var existingTopic = await ProposeAsync(app, secondClient, roundtable.Id, "How will flow-down clauses work?");
        var duplicate = await ProposeAsync(app, secondClient, roundtable.Id, "Auditing privileged MSP access");
        var declined = await ProposeAsync(app, secondClient, roundtable.Id, "Can we discuss pricing?");

        // Someone else's proposal by id is a 404, whatever its state.
        Assert.Equal(HttpStatusCode.NotFound, (await secondClient.GetAsync(new Uri($"/portal/proposals/{newTopic}", UriKind.Relative))).StatusCode);
        var own = await secondClient.GetDocumentAsync("/portal/proposals");
        Assert.Equal(3, own.QuerySelectorAll("#proposals tbody tr").Length);

        var basePath = $"/roundtables/{roundtable.Id}/proposals";
        using (var accept = await organiser.PostFormAsync($"{basePath}/{newTopic}", $"{basePath}/{newTopic}/accept", new Dictionary<string, string> { ["agendaItemId"] = "" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
        }

        var items = await AgendaTestData.ItemsAsync(app, roundtable.Id);
        var created = Assert.Single(items);
        Assert.Equal("Right to audit MSP admin accounts", created.Title);
        Assert.Equal(AgendaCategory.Contracting, created.Category);

        using (var accept = await organiser.PostFormAsync($"{basePath}/{existingTopic}", $"{basePath}/{existingTopic}/accept", new Dictionary<string, string> { ["agendaItemId"] = created.Id.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
        }

        using (var merge = await organiser.PostFormAsync($"{basePath}/{duplicate}", $"{basePath}/{duplicate}/merge", new Dictionary<string, string> { ["duplicateOfId"] = newTopic.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, merge.StatusCode);
        }

        using (var decline = await organiser.PostFormAsync($"{basePath}/{declined}", $"{basePath}/{declined}/decline", new Dictionary<string, string> { ["reason"] = "Commercial terms are out of scope" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, decline.StatusCode);
        }

        Assert.Single(await AgendaTestData.ItemsAsync(app, roundtable.Id));
        var proposals = await app.WithDbAsync(db => db.Proposals.AsNoTracking().Where(p => p.RoundtableId == roundtable.Id).ToDictionaryAsync(p => p.Id));
        Assert.Equal(ProposalStatus.Accepted, proposals[existingTopic].Status);
        Assert.Equal(created.Id, proposals[existingTopic].AgendaItemId);
        Assert.Equal(ProposalStatus.Merged, proposals[duplicate].Status);
        Assert.Equal(newTopic, proposals[duplicate].DuplicateOfId);

        var declinedPage = await secondClient.GetDocumentAsync($"/portal/proposals/{declined}");
        Assert.Equal("Declined", declinedPage.QuerySelector("[data-proposal-status]")!.TextContent.Trim());
        Assert.Equal("Commercial terms are out of scope", declinedPage.QuerySelector("[data-decline-reason]")!.TextContent.Trim());
        var mergedPage = await secondClient.GetDocumentAsync($"/portal/proposals/{duplicate}");
        Assert.Equal("Merged with a similar topic", mergedPage.QuerySelector("[data-proposal-status]")!.TextContent.Trim());

        // A decided proposal cannot be decided again.
        using (var again = await organiser.PostFormAsync($"{basePath}/{declined}", $"{basePath}/{declined}/accept", new Dictionary<string, string> { ["agendaItemId"] = "" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("This proposal has already been decided", (await again.ToDocumentAsync()).ErrorSummary());
        }

        Assert.Equal(ProposalStatus.Declined, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == declined).Select(p => p.Status).SingleAsync()));
        var actions = await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).Distinct().ToListAsync());
        Assert.Superset(new HashSet<string> { "Proposal.Submitted", "Proposal.Accepted", "Proposal.Merged", "Proposal.Declined", "Agenda.ItemAdded" }, actions.ToHashSet());
    }

    [Fact]
    public async Task Decline_ReasonTooLong_ShowsErrorKeepsTextAndChangesNothing()
    {
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var supplier = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Accepted, "Long Reasons Ltd");
        using var supplierClient = await app.SignedInClientAsync(supplier.User);
        var proposal = await ProposeAsync(app, supplierClient, roundtable.Id, $"Topic {Guid.NewGuid():N}");
        var path = $"/roundtables/{roundtable.Id}/proposals/{proposal}";
        var reason = "Out of scope. " + new string('x', Proposal.ReasonMaxLength);

        using var response = await organiser.PostFormAsync(path, $"{path}/decline", new Dictionary<string, string> { ["reason"] = reason });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Contains("Reason must be 1,000 characters or fewer", page.ErrorSummary());
        Assert.Equal(reason, page.QuerySelector("textarea[name=Reason]")!.TextContent);
        Assert.Equal(ProposalStatus.Submitted, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == proposal).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Propose_DeclinedOrNotInvited_Gets404AndEmptyText_ShowsError()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var declined = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Declined, "No Thanks Ltd");
        var invited = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.None, "Maybe Ltd");
        var stranger = await app.CreateUserAsync(Roles.Supplier, (await app.CreateOrganisationAsync($"Outsider {Guid.NewGuid():N}")).Id);
        var path = $"/portal/roundtables/{roundtable.Id}/proposals/new";
        using var declinedClient = await app.SignedInClientAsync(declined.User);
        Assert.Equal(HttpStatusCode.NotFound, (await declinedClient.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        using var strangerClient = await app.SignedInClientAsync(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);

        using var invitedClient = await app.SignedInClientAsync(invited.User);
        using var response = await invitedClient.PostFormAsync(path, path, new Dictionary<string, string> { ["Category"] = "Contracting", ["Text"] = "  " });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Enter your topic or question"], (await response.ToDocumentAsync()).ErrorSummary());
    }
}
