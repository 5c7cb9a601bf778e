using static RoundtableManager.Tests.Controls.ControlsTestData;

namespace RoundtableManager.Tests.Controls;

/// <summary>Control sets (issue #20, item 1): the seeded standards, organisers' own sets, retiring, and adoption with its email.</summary>
[Collection(ControlsTestData.Host)]
public sealed class ControlSetTests(TestApp app)
{
    [Fact]
    public async Task SeededSets_CyberEssentialsAndCafPrinciples_ListedReadOnlyWithPrinciplesUnderTheirObjectives()
    {
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var list = await staff.GetDocumentAsync("/controls");
        Assert.Contains("Cyber Essentials", list.QuerySelector($"#sets [data-set='{ControlSet.CyberEssentialsId}']")!.TextContent, StringComparison.Ordinal);

        var ce = await staff.GetDocumentAsync($"/controls/sets/{ControlSet.CyberEssentialsId}");
        Assert.Equal(["Firewalls", "Secure configuration", "Security update management", "User access control", "Malware protection"],
            ce.QuerySelectorAll("#controls tbody th").Select(th => th.ChildNodes.First().TextContent.Trim()));
        var caf = await staff.GetDocumentAsync($"/controls/sets/{ControlSet.CafId}");
        Assert.Equal(["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "B5", "B6", "C1", "C2", "D1", "D2"], caf.QuerySelectorAll("#controls tbody tr").Select(r => r.GetAttribute("data-control")));
        Assert.Contains("CAF A Managing security risk", caf.QuerySelector("[data-control='A4']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("CAF D Minimising the impact", caf.QuerySelector("[data-control='D2']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(caf.QuerySelector("#controls button"));
        Assert.Null(caf.QuerySelector("a[href$='/controls/new']"));

        using var organiser = await OrganiserAsync(app);
        using var add = await organiser.GetAsync(new Uri($"/controls/sets/{ControlSet.CafId}/controls/new", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        var token = (await organiser.GetDocumentAsync("/controls")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var retire = await organiser.PostAsync(new Uri($"/controls/sets/{ControlSet.CyberEssentialsId}/controls/1/retire", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, retire.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Controls.Where(c => c.Id == 1).Select(c => c.RetiredUtc).SingleAsync()));
    }

    [Fact]
    public async Task CreateSetAndControls_MarkingShown_BadInputKeepsWhatWasTyped_RetiredControlKeepsItsAnswers()
    {
        using var organiser = await OrganiserAsync(app);
        var name = TestNames.Unique("MSP contract clauses");
        var setId = await CreateSetAsync(app, organiser, name, "Amber", ("C1", "Multi-factor authentication on all administrative access to customer environments"), ("C2", "Separate administrative accounts per customer"));
        var page = await organiser.GetDocumentAsync($"/controls/sets/{setId}");
        Assert.Equal("TLP:AMBER", page.QuerySelector("[data-marking]")!.GetAttribute("data-marking"));
        Assert.Equal(["C1", "C2"], page.QuerySelectorAll("#controls tbody tr").Select(r => r.GetAttribute("data-control")));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Controls.SetCreated" && e.SubjectId == setId.ToString())));

        var path = $"/controls/sets/{setId}/controls/new";
        var before = await app.WithDbAsync(db => db.Controls.CountAsync(c => c.ControlSetId == setId));
        using var bad = await organiser.PostFormAsync(path, path, new Dictionary<string, string> { ["Code"] = "C1", ["Title"] = "", ["Guidance"] = "Keep this guidance", ["Source"] = "Line\nbreak" });
        var badPage = await bad.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(["This set already has a control C1", "Enter the control's title", "Source must not contain line breaks or control characters"], badPage.ErrorSummary());
        Assert.Equal("Keep this guidance", badPage.QuerySelector("#Guidance")!.TextContent);
        Assert.Equal(before, await app.WithDbAsync(db => db.Controls.CountAsync(c => c.ControlSetId == setId)));

        var supplier = await AssessedSupplierAsync(app, organiser, setId);
        using var client = await app.SignedInClientAsync(supplier.User);
        using var answered = await AnswerAsync(client, supplier.Answers["C2"], "InPlace", comment: "Done last year");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var c2 = await app.WithDbAsync(db => db.Controls.Where(c => c.ControlSetId == setId && c.Code == "C2").Select(c => c.Id).SingleAsync());
        using var retired = await organiser.PostFormAsync($"/controls/sets/{setId}", $"/controls/sets/{setId}/controls/{c2}/retire", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);

        page = await organiser.GetDocumentAsync($"/controls/sets/{setId}");
        Assert.NotNull(page.QuerySelector("[data-control='C2'] [data-retired]"));
        var portal = await client.GetDocumentAsync("/portal/controls");
        Assert.Equal(["C1"], portal.QuerySelectorAll("tr[data-control]").Select(r => r.GetAttribute("data-control")));
        var staffView = await organiser.GetDocumentAsync($"/controls/organisations/{supplier.Organisation.Id}");
        Assert.Contains("1 change", staffView.QuerySelector("tr[data-control='C2']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.ControlAnswerHistory.CountAsync(e => e.AnswerId == supplier.Answers["C2"])));
        var retiredPath = $"/portal/controls/{supplier.Answers["C2"]}";
        var retiredPage = await client.GetDocumentAsync(retiredPath);
        Assert.Null(retiredPage.QuerySelector("input[name=Version]"));
        Assert.Equal("In place", retiredPage.QuerySelector("[data-status]")!.TextContent.Trim());
        var version = await app.WithDbAsync(db => db.ControlAnswers.Where(a => a.Id == supplier.Answers["C2"]).Select(a => a.Version).SingleAsync());
        using var refused = await client.PostFormAsync(retiredPath, retiredPath, new Dictionary<string, string> { ["Version"] = version.ToString(), ["Status"] = "NotStarted" });
        Assert.Equal(["This control has been retired: it is no longer assessed"], (await refused.ToDocumentAsync()).ErrorSummary());
        Assert.Equal(1, await app.WithDbAsync(db => db.ControlAnswerHistory.CountAsync(e => e.AnswerId == supplier.Answers["C2"])));
    }

    [Fact]
    public async Task CreateSet_StaffMayReadButNotCreate()
    {
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        using var page = await staff.GetAsync(new Uri("/controls/sets/new", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Null((await staff.GetDocumentAsync("/controls")).QuerySelector("a[href='/controls/sets/new']"));
    }

    [Fact]
    public async Task AdoptForRoundtable_AcceptedOnly_AnswersCreatedEmailsQueuedAuditedAndAgainChangesNothing()
    {
        using var organiser = await OrganiserAsync(app);
        var setId = await CreateSetAsync(app, organiser, TestNames.Unique("Clauses"), "Green", ("K1", "Incident notification within 24 hours"));
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var accepted = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Accepted, "Accepting Ltd");
        var declined = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Declined, "Declining Ltd");
        var waiting = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.None, "Waiting Ltd");

        using var adopted = await AdoptForRoundtableAsync(organiser, setId, roundtable.Id);
        Assert.Equal(HttpStatusCode.Redirect, adopted.StatusCode);
        Assert.Contains("1 organisation asked", (await organiser.GetDocumentAsync($"/controls/sets/{setId}")).QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await AnswersAsync(app, accepted.Organisation.Id));
        Assert.Empty(await AnswersAsync(app, declined.Organisation.Id));
        Assert.Empty(await AnswersAsync(app, waiting.Organisation.Id));
        var email = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == ControlAdoptionService.EmailKind && m.ToAddress == accepted.RecipientEmail));
        Assert.StartsWith("TLP:GREEN Please assess", email.Subject, StringComparison.Ordinal);
        Assert.Contains("/portal/controls", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(roundtable.Id, email.RoundtableId);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Controls.Adopted" && e.OrganisationId == accepted.Organisation.Id)));

        using var everyone = await AdoptForRoundtableAsync(organiser, setId, roundtable.Id, acceptedOnly: false);
        Assert.Equal(HttpStatusCode.Redirect, everyone.StatusCode);
        Assert.Single(await AnswersAsync(app, waiting.Organisation.Id));
        Assert.Empty(await AnswersAsync(app, declined.Organisation.Id));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == ControlAdoptionService.EmailKind && m.ToAddress == accepted.RecipientEmail)));

        using var again = await AdoptForRoundtableAsync(organiser, setId, roundtable.Id, acceptedOnly: false);
        Assert.Contains("Nothing changed", (await organiser.GetDocumentAsync($"/controls/sets/{setId}")).QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_ByTagOrChosen_NothingChosen_ErrorSummaryAndNothingAdopted()
    {
        using var organiser = await OrganiserAsync(app);
        var setId = await CreateSetAsync(app, organiser, TestNames.Unique("Tagged clauses"), "", ("T1", "Staff vetting"));
        var organisation = await app.CreateOrganisationAsync(TestNames.Unique("Tagged Org"));
        var tag = TestNames.Unique("CNI");
        using (var created = await organiser.PostFormAsync("/tags/new", "/tags/new", new Dictionary<string, string> { ["Name"] = tag, ["Description"] = "" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var normalised = Core.Engagement.Tag.Normalise(tag);
        var tagId = await app.WithDbAsync(db => db.Tags.Where(t => t.NormalisedName == normalised).Select(t => t.Id).SingleAsync());
        using (var tagged = await organiser.PostFormAsync($"/suppliers/{organisation.Id}", $"/suppliers/{organisation.Id}/tags", new Dictionary<string, string> { ["TagId"] = tagId.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, tagged.StatusCode);
        }

        var path = $"/controls/sets/{setId}/adopt";
        using var none = await organiser.PostFormAsync(path, path, new Dictionary<string, string> { ["Target"] = "organisations" });
        Assert.Equal(["Select at least one organisation"], (await none.ToDocumentAsync()).ErrorSummary());
        using var nothing = await organiser.PostFormAsync(path, path, new Dictionary<string, string>());
        Assert.Equal(["Select who should assess themselves against the set"], (await nothing.ToDocumentAsync()).ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.ControlAdoptions.CountAsync(a => a.ControlSetId == setId)));

        using var byTag = await organiser.PostFormAsync(path, path, new Dictionary<string, string> { ["Target"] = "tag", ["TagId"] = tagId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, byTag.StatusCode);
        Assert.Single(await AnswersAsync(app, organisation.Id));
    }
}
