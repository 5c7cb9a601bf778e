namespace RoundtableManager.Tests.Invitations;

[Collection(SharedHosts.Invitations)]
public sealed class ResponsesTests(TestApp app)
{
    [Fact]
    public async Task Responses_MixedReplies_ShowsCountsInChartAndTableAndTheDelegatesNeeds()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app, capacity: 2);
        var accepted = await RsvpTestData.InviteAsync(app, roundtable, "Romeo");
        var waitlisted = await RsvpTestData.InviteAsync(app, roundtable, "Sierra", type: OrganisationType.SystemsIntegrator);
        var declined = await RsvpTestData.InviteAsync(app, roundtable, "Tango");
        await RsvpTestData.InviteAsync(app, roundtable, "Uniform");
        using (var c = await RsvpTestData.SupplierAsync(app, accepted))
        {
            (await RsvpTestData.ReplyAsync(c, accepted.InvitationId, "Accepted", RsvpTestData.People("Romeo", 2))).Dispose();
        }

        using (var c = await RsvpTestData.SupplierAsync(app, waitlisted))
        {
            (await RsvpTestData.ReplyAsync(c, waitlisted.InvitationId, "Accepted", RsvpTestData.People("Sierra", 1))).Dispose();
        }

        using (var c = await RsvpTestData.SupplierAsync(app, declined))
        {
            (await RsvpTestData.ReplyAsync(c, declined.InvitationId, "Declined", [])).Dispose();
        }

        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var page = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}/responses");
        Assert.Equal("Responses", page.Heading());
        string Count(string type, string category) => page.QuerySelector($"tr[data-type='{type}'] [data-count='{category}']")!.TextContent.Trim();
        Assert.Equal("1", Count("All", ResponseCategories.Accepted));
        Assert.Equal("1", Count("All", ResponseCategories.Waitlisted));
        Assert.Equal("1", Count("All", ResponseCategories.Declined));
        Assert.Equal("1", Count("All", ResponseCategories.NoReply));
        Assert.Equal("1", Count(nameof(OrganisationType.SystemsIntegrator), ResponseCategories.Waitlisted));
        Assert.Equal("0", Count(nameof(OrganisationType.SystemsIntegrator), ResponseCategories.Accepted));
        Assert.Equal("1", page.QuerySelector($"svg rect[data-bar='{ResponseCategories.Accepted}']")!.GetAttribute("data-value"));
        Assert.Equal("2 of 2", page.QuerySelector("[data-figure=seats]")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("[data-figure=waitlist]")!.TextContent.Trim());
        Assert.NotEqual("No replies yet", page.QuerySelector("[data-figure=median]")!.TextContent.Trim());
        Assert.Equal(3, page.QuerySelectorAll("table[data-delegates] tbody tr").Length);
        Assert.Contains("Step-free access", page.QuerySelector("table[data-delegates]")!.TextContent, StringComparison.Ordinal);
        // Staff read; only organisers change.
        Assert.Null(page.QuerySelector("a[href$='/record']"));
        using var record = await staff.GetAsync(new Uri($"/roundtables/{roundtable.Id}/responses/{declined.InvitationId}/record", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, record.StatusCode);
    }

    [Fact]
    public async Task Record_OrganiserTakesAPhoneReply_IsMarkedAsRecordedByAnOrganiser()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Victor");
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var formPath = $"/roundtables/{roundtable.Id}/responses/{invited.InvitationId}/record";
        using var response = await organiser.PostFormAsync(formPath, formPath, new Dictionary<string, string>
        {
            ["Answer"] = "Accepted",
            ["AgreeTerms"] = "true",
            ["Delegates[0].ContactId"] = invited.Contacts[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var invitation = await RsvpTestData.InvitationAsync(app, invited.InvitationId);
        Assert.True(invitation.RecordedByOrganiser);
        Assert.Equal(InvitationResponse.Accepted, invitation.Response);
        Assert.Equal(invited.Contacts[1].Email, (await RsvpTestData.DelegatesAsync(app, roundtable.Id)).Single().Email);
        var page = await organiser.GetDocumentAsync($"/roundtables/{roundtable.Id}/responses");
        Assert.NotNull(page.QuerySelector($"tr[data-organisation='{invited.Organisation.Name}'] [data-recorded-by-organiser]"));
        using var supplier = await RsvpTestData.SupplierAsync(app, invited);
        var portal = await supplier.GetDocumentAsync($"/portal/invitations/{invited.InvitationId}");
        Assert.Contains("on your behalf", portal.QuerySelector("[data-answered-by]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(await InvitationTestData.MessagesAsync(app, roundtable.Id), m => m.Kind == RsvpService.ConfirmationKind && m.ToAddress == invited.Contacts[0].Email);
    }

    [Fact]
    public async Task Export_DelegatesWithFormulaLikeValues_AreNeutralised()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Whiskey");
        using (var supplier = await RsvpTestData.SupplierAsync(app, invited))
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("Answer", "Accepted"), new("AgreeTerms", "true"),
                new("Delegates[0].FullName", "=HYPERLINK(\"http://evil.example\")"), new("Delegates[0].Email", $"eve-{Guid.NewGuid():N}@delegates.example"),
                new("Delegates[0].AccessNeeds", "+1 wheelchair"), new("Delegates[0].DietaryRequirements", "@SUM(A1)"),
            };
            (await InvitationTestData.PostAsync(supplier, "/portal", $"/portal/invitations/{invited.InvitationId}/confirm", fields)).Dispose();
        }

        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        using var csv = await organiser.GetAsync(new Uri($"/roundtables/{roundtable.Id}/responses/delegates.csv", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Contains("'+1 wheelchair", text, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The delegates file is the venue list's needs by another door: as there, staff get whether each person has needs,
    /// organisers get the needs, and each file with them is audited with a count, never the needs.
    /// </summary>
    [Fact]
    public async Task ExportDelegates_NeedsOnlyForOrganisersAndAudited_StaffGetYesOrNo()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Needs");
        using (var supplier = await RsvpTestData.SupplierAsync(app, invited))
        {
            (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", RsvpTestData.People("Needs", 2))).Dispose();
        }

        var path = $"/roundtables/{roundtable.Id}/responses/delegates.csv";
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var staffFile = await staff.GetStringAsync(new Uri(path, UriKind.Relative));
        Assert.DoesNotContain("Step-free access", staffFile, StringComparison.Ordinal);
        Assert.DoesNotContain("Vegetarian", staffFile, StringComparison.Ordinal);
        Assert.Contains("Has access needs,Has dietary requirements", staffFile, StringComparison.Ordinal);
        Assert.Contains(",Yes,Yes,", staffFile, StringComparison.Ordinal);
        Task<bool> AuditedAsync() => app.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.Action == "Delegates.NeedsDownloaded" && a.SubjectId == roundtable.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(await AuditedAsync());

        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var organiserFile = await organiser.GetStringAsync(new Uri(path, UriKind.Relative));
        Assert.Contains("Step-free access", organiserFile, StringComparison.Ordinal);
        Assert.True(await AuditedAsync());
        var summary = await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Action == "Delegates.NeedsDownloaded" && a.SubjectId == roundtable.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.Summary).SingleAsync());
        Assert.DoesNotContain("Step-free", summary, StringComparison.Ordinal);
        Assert.Contains("2 delegates", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_SearchAndMarkAttended_FeedsTheAttendanceFigure()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Xray");
        var people = RsvpTestData.People("Xray", 2);
        using (var supplier = await RsvpTestData.SupplierAsync(app, invited))
        {
            (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", people)).Dispose();
        }

        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var list = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}/check-in?q=" + Uri.EscapeDataString(people[1].Name));
        var row = Assert.Single(list.QuerySelectorAll("table[data-check-in] tbody tr"));
        var action = row.QuerySelector("form")!.GetAttribute("action")!;
        using (var mark = await staff.PostFormAsync($"/roundtables/{roundtable.Id}/check-in", action, new Dictionary<string, string> { ["attended"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, mark.StatusCode);
        }

        var byOrganisation = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}/check-in?q=Xray");
        Assert.Equal(2, byOrganisation.QuerySelectorAll("table[data-check-in] tbody tr").Length);
        var responses = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}/responses");
        Assert.Equal("1 of 2 confirmed delegates", responses.QuerySelector("[data-figure=attended]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Remove_OrganiserRemovesADelegate_TheFirstWaitingGetsTheSeat()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app, capacity: 1);
        var first = await RsvpTestData.InviteAsync(app, roundtable, "Yankee");
        var second = await RsvpTestData.InviteAsync(app, roundtable, "Zulu");
        using (var c = await RsvpTestData.SupplierAsync(app, first))
        {
            (await RsvpTestData.ReplyAsync(c, first.InvitationId, "Accepted", RsvpTestData.People("Yankee", 1))).Dispose();
        }

        var zulu = RsvpTestData.People("Zulu", 1);
        using (var c = await RsvpTestData.SupplierAsync(app, second))
        {
            (await RsvpTestData.ReplyAsync(c, second.InvitationId, "Accepted", zulu)).Dispose();
        }

        var seated = (await RsvpTestData.DelegatesAsync(app, roundtable.Id)).Single(d => d.Status == DelegateStatus.Confirmed);
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        using (var removed = await organiser.PostFormAsync($"/roundtables/{roundtable.Id}/responses", $"/roundtables/{roundtable.Id}/responses/delegates/{seated.Id}/remove", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        var remaining = Assert.Single(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
        Assert.Equal(zulu[0].Email, remaining.Email);
        Assert.Equal(DelegateStatus.Confirmed, remaining.Status);
        Assert.Contains(await InvitationTestData.MessagesAsync(app, roundtable.Id), m => m.Kind == RsvpService.PromotedKind && m.ToAddress == zulu[0].Email);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Rsvp.Promoted")));
    }
}
