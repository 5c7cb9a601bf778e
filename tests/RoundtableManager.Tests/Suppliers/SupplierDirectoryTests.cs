namespace RoundtableManager.Tests.Suppliers;

[Collection(SharedHosts.Directory)]
public sealed class SupplierDirectoryTests(TestApp app)
{
    private async Task<HttpClient> SignedInAsync(string role) => await app.SignedInClientAsync(await app.CreateUserAsync(role));

    private static Dictionary<string, string> OrganisationFields(string name, string type = "ManagedServiceProvider", string number = "", string website = "", string notes = "") => new()
    {
        ["Name"] = name,
        ["Type"] = type,
        ["CompaniesHouseNumber"] = number,
        ["Website"] = website,
        ["Notes"] = notes,
    };

    private static Dictionary<string, string> ContactFields(string name, string email, string jobTitle = "", string phone = "")
    {
        var fields = new Dictionary<string, string> { ["FullName"] = name, ["Email"] = email, ["JobTitle"] = jobTitle, ["Phone"] = phone, ["IsPrimary"] = "false" };
        return fields;
    }

    private static async Task<HttpResponseMessage> PostContactAsync(HttpClient client, string action, string name, string email, bool primary)
    {
        // In the order a browser posts the form: a ticked box's "true", then the hidden "false" after it.
        var page = await client.GetDocumentAsync(action);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("FullName", name), new("Email", email), new("JobTitle", ""), new("Phone", ""),
        };
        if (primary)
        {
            fields.Add(new("IsPrimary", "true"));
        }

        fields.Add(new("IsPrimary", "false"));

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    [Fact]
    public async Task AddOrganisation_EmptyForm_ShowsGovUkErrorsAndSavesNothing()
    {
        using var client = await SignedInAsync(Roles.Organiser);
        var before = await app.WithDbAsync(db => db.Organisations.CountAsync());
        using var response = await client.PostFormAsync("/suppliers/new", "/suppliers/new", OrganisationFields("   ", type: "", number: "12AB", website: "not a website"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal(
            ["Enter the organisation name", "Select the type of organisation", "Enter a Companies House number in the correct format, like 01234567 or SC123456", "Enter a website address in the correct format, like https://www.example.com"],
            page.ErrorSummary());
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal("12AB", page.QuerySelector("#CompaniesHouseNumber")!.GetAttribute("value"));
        Assert.Equal("not a website", page.QuerySelector("#Website")!.GetAttribute("value"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task AddOrganisation_Valid_TrimsNormalisesAndShowsIt()
    {
        using var client = await SignedInAsync(Roles.Organiser);
        using var response = await client.PostFormAsync("/suppliers/new", "/suppliers/new",
            OrganisationFields("  Lantern Secure Ltd  ", "SystemsIntegrator", "4567821", "www.lantern.example", "Met at the NCSC briefing"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("Lantern Secure Ltd", page.Heading());
        Assert.Contains("Lantern Secure Ltd added to the directory", page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        var summary = page.QuerySelector(".govuk-summary-list")!.TextContent;
        Assert.Contains("Systems integrator", summary, StringComparison.Ordinal);
        Assert.Contains("04567821", summary, StringComparison.Ordinal);
        Assert.Contains("https://www.lantern.example", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOrganisation_SameNameInOtherCase_RefusedKeepingWhatWasTyped()
    {
        await app.CreateOrganisationAsync("Mercia Managed IT");
        using var client = await SignedInAsync(Roles.Organiser);
        using var response = await client.PostFormAsync("/suppliers/new", "/suppliers/new", OrganisationFields(" MERCIA managed it ", notes: "Keep me"));
        var page = await response.ToDocumentAsync();
        Assert.Equal(["An organisation called Mercia Managed IT already exists"], page.ErrorSummary());
        Assert.Equal(" MERCIA managed it ", page.QuerySelector("#Name")!.GetAttribute("value"));
        Assert.Equal("Keep me", page.QuerySelector("#Notes")!.TextContent);
        Assert.NotNull(page.QuerySelector("#Type[checked]"));
    }

    [Fact]
    public async Task EditOrganisation_ChangesDetails()
    {
        var organisation = await app.CreateOrganisationAsync("Norland Cyber");
        using var client = await SignedInAsync(Roles.Organiser);
        var form = await client.GetDocumentAsync($"/suppliers/{organisation.Id}/edit");
        Assert.Equal("Norland Cyber", form.QuerySelector("#Name")!.GetAttribute("value"));
        using var response = await client.PostFormAsync($"/suppliers/{organisation.Id}/edit", $"/suppliers/{organisation.Id}/edit", OrganisationFields("Norland Cyber Group", "Other"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id));
        Assert.Equal(("Norland Cyber Group", "NORLAND CYBER GROUP", OrganisationType.Other), (saved.Name, saved.NormalisedName, saved.Type));
    }

    [Fact]
    public async Task Archive_HidesFromListUntilAskedForAndRestoreBringsItBack()
    {
        var organisation = await app.CreateOrganisationAsync("Oakmoor Archive Test");
        using var client = await SignedInAsync(Roles.Organiser);
        using var archive = await client.PostFormAsync($"/suppliers/{organisation.Id}", $"/suppliers/{organisation.Id}/archive", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, archive.StatusCode);

        var list = await client.GetDocumentAsync("/suppliers?q=oakmoor");
        Assert.Null(list.QuerySelector("table"));
        var withArchived = await client.GetDocumentAsync("/suppliers?q=oakmoor&archived=true");
        Assert.Contains("Archived", withArchived.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(withArchived.QuerySelector("#Archived[checked]"));

        using var restore = await client.PostFormAsync($"/suppliers/{organisation.Id}", $"/suppliers/{organisation.Id}/restore", new Dictionary<string, string>());
        Assert.NotNull((await client.GetDocumentAsync("/suppliers?q=oakmoor")).QuerySelector("table"));
    }

    [Fact]
    public async Task AddContact_EmailShownAsEnteredAndPrimaryTagged()
    {
        var organisation = await app.CreateOrganisationAsync("Penrose Services");
        using var client = await SignedInAsync(Roles.Organiser);
        using var response = await PostContactAsync(client, $"/suppliers/{organisation.Id}/contacts/new", "Pat Penrose", "Pat.Penrose@Penrose.Example", primary: true);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync($"/suppliers/{organisation.Id}");
        var row = page.QuerySelector("table tbody tr")!.TextContent;
        Assert.Contains("Pat.Penrose@Penrose.Example", row, StringComparison.Ordinal);
        Assert.Contains("Primary", row, StringComparison.Ordinal);
        var contact = await app.WithDbAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.OrganisationId == organisation.Id));
        Assert.Equal(("PAT.PENROSE@PENROSE.EXAMPLE", true), (contact.NormalisedEmail, contact.IsPrimary));

        // Unticking the box makes the contact not primary.
        using var edit = await PostContactAsync(client, $"/suppliers/{organisation.Id}/contacts/{contact.Id}/edit", "Pat Penrose", "Pat.Penrose@Penrose.Example", primary: false);
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Contacts.Where(c => c.Id == contact.Id).Select(c => c.IsPrimary).SingleAsync()));
    }

    [Fact]
    public async Task AddContact_BadOrDuplicateEmail_ExplainsAndKeepsInput()
    {
        var first = await app.CreateOrganisationAsync("Quarry Hill Digital");
        var second = await app.CreateOrganisationAsync("Redwood Networks");
        using var client = await SignedInAsync(Roles.Organiser);
        using var added = await client.PostFormAsync($"/suppliers/{first.Id}/contacts/new", $"/suppliers/{first.Id}/contacts/new", ContactFields("Quentin Quarry", "quentin@quarry.example"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        using var empty = await client.PostFormAsync($"/suppliers/{second.Id}/contacts/new", $"/suppliers/{second.Id}/contacts/new", ContactFields("", ""));
        Assert.Equal(["Enter the contact's full name", "Enter an email address"], (await empty.ToDocumentAsync()).ErrorSummary());

        using var bad = await client.PostFormAsync($"/suppliers/{second.Id}/contacts/new", $"/suppliers/{second.Id}/contacts/new", ContactFields("Rita Redwood", "rita at redwood"));
        var badPage = await bad.ToDocumentAsync();
        Assert.Equal(["Enter an email address in the correct format, like name@example.com"], badPage.ErrorSummary());
        Assert.Equal("Rita Redwood", badPage.QuerySelector("#FullName")!.GetAttribute("value"));
        Assert.Equal("Redwood Networks", badPage.QuerySelector(".govuk-caption-l")!.TextContent);

        using var duplicate = await client.PostFormAsync($"/suppliers/{second.Id}/contacts/new", $"/suppliers/{second.Id}/contacts/new", ContactFields("Quentin Again", "QUENTIN@quarry.example"));
        Assert.Equal(["A contact with this email address already exists at Quarry Hill Digital"], (await duplicate.ToDocumentAsync()).ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.Contacts.CountAsync(c => c.OrganisationId == second.Id)));
    }

    [Fact]
    public async Task List_SearchByNameOrContactEmailAndFilterByType_WithCounts()
    {
        using var client = await SignedInAsync(Roles.Organiser);
        await client.ImportCsvAsync(
            "Organisation,Type,Name,Email,Primary\nSearchable Alpha,MSP,Sam Alpha,sam@alpha-search.example,yes\nSearchable Beta,SI,Bea Beta,bea@zeta-mail.example,no\nSearchable Gamma,SI,,,\n");

        var all = await client.GetDocumentAsync("/suppliers?q=SEARCHABLE");
        Assert.Equal(["Searchable Alpha", "Searchable Beta", "Searchable Gamma"], all.QuerySelectorAll("table tbody tr td a.govuk-link[href^='/suppliers/']").Select(a => a.TextContent));
        Assert.Contains("3 organisations with 2 contacts", Squash(all.QuerySelector("#directory-counts")!.TextContent), StringComparison.Ordinal);
        Assert.Equal(["All types (3)", "Managed service provider (1)", "Systems integrator (2)", "Other (0)"], all.QuerySelectorAll("#Type option").Select(o => o.TextContent));
        Assert.Contains("Sam Alpha", all.QuerySelector("table tbody tr")!.TextContent, StringComparison.Ordinal);

        var byEmail = await client.GetDocumentAsync("/suppliers?q=zeta-mail");
        Assert.Equal(["Searchable Beta"], byEmail.QuerySelectorAll("table tbody tr td a.govuk-link[href^='/suppliers/']").Select(a => a.TextContent));

        var byType = await client.GetDocumentAsync("/suppliers?q=searchable&type=SystemsIntegrator");
        Assert.Equal(["Searchable Beta", "Searchable Gamma"], byType.QuerySelectorAll("table tbody tr td a.govuk-link[href^='/suppliers/']").Select(a => a.TextContent));
        Assert.NotNull(byType.QuerySelector("#Type option[value=SystemsIntegrator][selected]"));
    }

    [Fact]
    public async Task List_KeptCounts_MatchTheRowsAfterEveryKindOfChange()
    {
        // The unfiltered list's counts are kept as the directory changes, never counted on the page: after adding, retyping,
        // archiving and restoring through the forms, and a CSV import (whose new rows skip the change tracker), they equal a
        // count of the rows.
        using var client = await SignedInAsync(Roles.Organiser);
        async Task AssertCountsAsync(bool archived)
        {
            var truth = await app.WithDbAsync(db => db.Organisations.Where(o => archived || !o.IsArchived)
                .GroupBy(o => o.Type).Select(g => new { g.Key, Organisations = g.Count(), Contacts = g.Sum(o => o.Contacts.Count) }).ToListAsync());
            var page = await client.GetDocumentAsync(archived ? "/suppliers?archived=true" : "/suppliers");
            Assert.Contains($"{Plural.Count(truth.Sum(t => t.Organisations), "organisation")} with {Plural.Count(truth.Sum(t => t.Contacts), "contact")}",
                Squash(page.QuerySelector("#directory-counts")!.TextContent), StringComparison.Ordinal);
            int Of(OrganisationType type) => truth.Where(t => t.Key == type).Sum(t => t.Organisations);
            Assert.Equal(
                [$"All types ({truth.Sum(t => t.Organisations):N0})", .. Enum.GetValues<OrganisationType>().Select(t => $"{t.DisplayName()} ({Of(t):N0})")],
                page.QuerySelectorAll("#Type option").Select(o => o.TextContent));
            var integrators = await client.GetDocumentAsync("/suppliers?type=SystemsIntegrator" + (archived ? "&archived=true" : ""));
            Assert.Contains($"{Plural.Count(Of(OrganisationType.SystemsIntegrator), "organisation")} with {Plural.Count(truth.Where(t => t.Key == OrganisationType.SystemsIntegrator).Sum(t => t.Contacts), "contact")}",
                Squash(integrators.QuerySelector("#directory-counts")!.TextContent), StringComparison.Ordinal);
        }

        await AssertCountsAsync(archived: false);
        var name = TestNames.Unique("Counted Supplier");
        using var added = await client.PostFormAsync("/suppliers/new", "/suppliers/new", OrganisationFields(name));
        var url = added.Headers.Location!.OriginalString;
        using (await PostContactAsync(client, url + "/contacts/new", "Cara Count", $"cara-{Guid.NewGuid():N}@counted.example", primary: true))
        using (await PostContactAsync(client, url + "/contacts/new", "Colm Count", $"colm-{Guid.NewGuid():N}@counted.example", primary: false))
        {
            await AssertCountsAsync(archived: false);
        }

        using (await client.PostFormAsync(url + "/edit", url + "/edit", OrganisationFields(name, "SystemsIntegrator")))
        {
            await AssertCountsAsync(archived: false);
        }

        using (await client.PostFormAsync(url, url + "/archive", new Dictionary<string, string>()))
        {
            await AssertCountsAsync(archived: false);
            await AssertCountsAsync(archived: true);
        }

        using (await client.PostFormAsync(url, url + "/restore", new Dictionary<string, string>()))
        {
            await AssertCountsAsync(archived: false);
        }

        var marker = Guid.NewGuid().ToString("N")[..6];
        var (preview, _) = await client.PreviewAsync(SupplierTestHelpers.Csv(
            $"Organisation,Type,Name,Email\nCounted Import {marker},MSP,Ida Import,ida-{marker}@import.example\nCounted Import {marker},MSP,Ivo Import,ivo-{marker}@import.example\nCounted Other {marker},Other,,\n"));
        await client.ConfirmAsync(preview);
        await AssertCountsAsync(archived: false);
    }

    [Fact]
    public async Task List_ThousandsOfOrganisations_PagesByNameAndFindsOneByEmail()
    {
        // Written as an organiser's CSV import writes them (set-based, with the same search words and directory counts):
        // the pages and search are under test here, not the seed.
        string[] types = ["MSP", "SI", "Other"];
        var csv = new StringBuilder("Organisation,Type,Name,Email\n");
        for (var i = 0; i < 3_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Paged Supplier {i:D4},{types[i % 3]},Person {i},p{i}@paged.example\n");
        }

        var organiser = await app.CreateUserAsync(Roles.Organiser);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var import = scope.ServiceProvider.GetRequiredService<SupplierImportService>();
            using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
            var uploaded = await import.UploadAsync(organiser.Id, "paged.csv", file, file.Length, CancellationToken.None);
            Assert.Equal(CommandStatus.Done, uploaded.Status);
            Assert.Equal(CommandStatus.Done, (await import.ConfirmAsync(uploaded.Value, organiser.Id, unknownTypesAsOther: false, CancellationToken.None)).Status);
        }

        using var client = await SignedInAsync(Roles.Staff);
        await client.GetDocumentAsync("/suppliers");
        var page = await client.GetDocumentAsync("/suppliers?q=paged%20supplier&page=3");
        var emailSearch = await client.GetDocumentAsync("/suppliers?q=p2999@paged");

        Assert.Contains("3,000 organisations with 3,000 contacts (showing 51 to 75)", Squash(page.QuerySelector("#directory-counts")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("Paged Supplier 0050", page.QuerySelector("table tbody tr td a")!.TextContent);
        Assert.Equal(25, page.QuerySelectorAll("table tbody tr").Length);
        Assert.Equal("3", page.QuerySelector(".govuk-pagination__item--current a")!.TextContent.Trim());
        Assert.Equal("/suppliers?q=paged%20supplier&page=4", page.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href"));
        var numbers = page.QuerySelectorAll(".govuk-pagination__item a");
        Assert.Equal("120", numbers[^1].TextContent.Trim());
        Assert.Equal(["Paged Supplier 2999"], emailSearch.QuerySelectorAll("table tbody tr td a.govuk-link[href^='/suppliers/']").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Staff_CanViewButNotChange()
    {
        var organisation = await app.CreateOrganisationAsync("Staff View Ltd");
        using var client = await SignedInAsync(Roles.Staff);
        var list = await client.GetDocumentAsync("/suppliers?q=staff%20view");
        Assert.Equal("Supplier directory", list.Heading());
        Assert.NotNull(list.QuerySelector(".govuk-service-navigation a[href='/suppliers'][aria-current=page]"));
        Assert.Empty(list.QuerySelectorAll("a[href='/suppliers/new'], a[href='/suppliers/import'], a[href^='/suppliers/export']"));
        var show = await client.GetDocumentAsync($"/suppliers/{organisation.Id}");
        Assert.Equal("Staff View Ltd", show.Heading());
        Assert.Empty(show.QuerySelectorAll("main form, a[href$='/edit']"));

        foreach (var path in new[] { "/suppliers/new", $"/suppliers/{organisation.Id}/edit", $"/suppliers/{organisation.Id}/contacts/new", "/suppliers/import", "/suppliers/export" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} answered {(int)response.StatusCode}");
        }

        // The layout's sign-out form supplies a valid antiforgery token, so only the policy can refuse these.
        foreach (var path in new[] { "/suppliers/new", $"/suppliers/{organisation.Id}/edit", $"/suppliers/{organisation.Id}/archive", "/suppliers/import" })
        {
            using var response = await client.PostFormAsync("/suppliers", path, OrganisationFields("Changed By Staff"));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {path} answered {(int)response.StatusCode}");
        }

        Assert.Equal("Staff View Ltd", await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == organisation.Id).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task Supplier_NeverSeesTheDirectory()
    {
        var organisation = await app.CreateOrganisationAsync("Supplier Own Ltd");
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Supplier, organisation.Id));
        var portal = await client.GetDocumentAsync("/portal");
        Assert.Null(portal.QuerySelector("a[href='/suppliers']"));
        foreach (var path in new[] { "/suppliers", $"/suppliers/{organisation.Id}", "/suppliers/new", "/suppliers/import", "/suppliers/export" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Directory_Anonymous_RedirectedToSignIn()
    {
        using var client = app.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri("/suppliers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownOrganisation_NotFound()
    {
        using var client = await SignedInAsync(Roles.Organiser);
        using var response = await client.GetAsync(new Uri("/suppliers/999999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var edit = await client.GetAsync(new Uri("/suppliers/999999/contacts/1/edit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
