namespace RoundtableManager.Tests.Suppliers;

/// <summary>Importing suppliers from a CSV file: what the confirmed import saves, and what the pages say it did.</summary>
[Collection(SharedHosts.SupplierImport)]
public sealed class SupplierImportTests(TestApp app)
{
    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private Task<Organisation?> FindAsync(string name) =>
        app.WithDbAsync(db => db.Organisations.AsNoTracking().Include(o => o.Contacts).FirstOrDefaultAsync(o => o.Name == name));

    [Fact]
    public async Task Import_BomAndCrlf_PreviewSavesNothingConfirmSavesAndSecondImportChangesNothing()
    {
        using var client = await OrganiserAsync();
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("bom-crlf.csv"), "bom-crlf.csv");
        Assert.Equal("Check the import", preview.Heading());
        Assert.Equal(
            [new PreviewRow(2, "Aldwych Managed Services", "Alice Archeralice@aldwych.example", "New organisation", null),
             new PreviewRow(3, "Aldwych Managed Services", "Bob Baker" + "bob@aldwych.example", "New contact", null),
             new PreviewRow(4, "Bexley Integration Ltd", "Carol Chen" + "carol@bexley.example", "New organisation", null)],
            preview.Rows());
        var counts = preview.Counts();
        Assert.Equal(3, counts["Rows"]);
        Assert.Equal(2, counts["New organisations"]);
        Assert.Equal(1, counts["New contacts"]);
        Assert.Equal(0, counts["Errors"]);
        Assert.Null(await FindAsync("Aldwych Managed Services"));

        var done = await client.ConfirmAsync(url);
        Assert.Equal("Import complete", done.Heading());
        Assert.Contains("2 new organisations, 1 new contact", done.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(done.QuerySelectorAll("form[action$='/confirm']"));
        var aldwych = await FindAsync("Aldwych Managed Services");
        Assert.NotNull(aldwych);
        Assert.Equal(OrganisationType.ManagedServiceProvider, aldwych.Type);
        Assert.Equal(["alice@aldwych.example", "bob@aldwych.example"], aldwych.Contacts.Select(c => c.Email).Order());
        Assert.Equal("020 7946 0001", aldwych.Contacts.Single(c => c.FullName == "Alice Archer").Phone);
        Assert.Equal(OrganisationType.SystemsIntegrator, (await FindAsync("Bexley Integration Ltd"))!.Type);

        // The same file again: every row unchanged, and confirming changes nothing.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var (again, secondPreview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("bom-crlf.csv"), "bom-crlf.csv");
        Assert.All(secondPreview.Rows(), r => Assert.Equal("Unchanged", r.Status));
        await client.ConfirmAsync(again);
        var after = await FindAsync("Aldwych Managed Services");
        Assert.Equal(aldwych.UpdatedUtc, after!.UpdatedUtc);
        Assert.Equal(aldwych.Contacts.Select(c => c.UpdatedUtc).Order(), after.Contacts.Select(c => c.UpdatedUtc).Order());
    }

    [Fact]
    public async Task Import_QuotedFields_KeepsCommasQuotesAndLineBreaks()
    {
        using var client = await OrganiserAsync();
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("quoted.csv"));
        Assert.Equal(["New organisation", "New organisation"], preview.Rows().Select(r => r.Status));
        await client.ConfirmAsync(url);

        var cray = await FindAsync("Cray, Dunn & Partners");
        Assert.Equal("Said \"yes\" to the pilot, pending contract", cray!.Notes);
        var dana = cray.Contacts.Single();
        Assert.Equal("Dunn, Dana", dana.FullName);
        Assert.Equal("Head of \"Security\"", dana.JobTitle);
        Assert.Equal("First line\nsecond line", (await FindAsync("Elm Street Digital"))!.Notes);
    }

    /// <summary>
    /// Issue #17: "Import complete" said "6 new organisations, 2 new contacts" in its banner while the counts and rows
    /// under it, worked out again after the import, said everything was unchanged. The page shows what the import did.
    /// </summary>
    [Fact]
    public async Task Confirm_ImportCompletePage_ShowsWhatTheImportDidNotARecomputedPreview()
    {
        using var client = await OrganiserAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var csv = "Organisation,Name,Email\n"
            + $"Larch {suffix},Lee Larch,lee@larch-{suffix}.example\n"
            + $"Larch {suffix},Liz Larch,liz@larch-{suffix}.example\n"
            + $"Maple {suffix},Max Maple,max@maple-{suffix}.example\n"
            + $"Maple {suffix},No Email,\n";
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Csv(csv));
        string[] expected = ["New organisation", "New contact", "New organisation", "Error"];
        Assert.Equal(expected, preview.Rows().Select(r => r.Status));

        foreach (var done in new[] { await client.ConfirmAsync(url), await client.GetDocumentAsync(url) })
        {
            Assert.Equal("Import complete", done.Heading());
            Assert.Equal(expected, done.Rows().Select(r => r.Status));
            var counts = done.Counts();
            Assert.Equal((4, 2, 1, 0, 0, 1), (counts["Rows"], counts["New organisations"], counts["New contacts"], counts["Updates"], counts["Unchanged"], counts["Errors"]));
            Assert.Contains("2 new organisations, 1 new contact, 0 updates, 0 unchanged rows; 1 row with errors not imported", done.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        // The same file again is all unchanged: its own page says so, the first import's page still says what it did.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var (again, _) = await client.PreviewAsync(SupplierTestHelpers.Csv(csv));
        var second = await client.ConfirmAsync(again);
        Assert.Equal(["Unchanged", "Unchanged", "Unchanged", "Error"], second.Rows().Select(r => r.Status));
        Assert.Equal(expected, (await client.GetDocumentAsync(url)).Rows().Select(r => r.Status));
    }

    /// <summary>
    /// Issue #17: imported contacts were never primary, so inviting imported organisations ticked almost nobody. The first
    /// contact of an organisation the import creates becomes its primary contact, unless the file's Primary column says
    /// otherwise; an organisation already in the directory keeps its own choice.
    /// </summary>
    [Fact]
    public async Task Import_NewOrganisation_FirstContactBecomesPrimaryUnlessTheFileSaysOtherwise()
    {
        using var client = await OrganiserAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (existing, _) = await Invitations.InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Existing {suffix}", contacts: 1, primaries: 0);
        var csv = "Organisation,Name,Email,Primary\n"
            + $"Alder {suffix},Ann Alder,ann@alder-{suffix}.example,\n"
            + $"Alder {suffix},Abe Alder,abe@alder-{suffix}.example,\n"
            + $"Birch {suffix},Bea Birch,bea@birch-{suffix}.example,No\n"
            + $"Birch {suffix},Ben Birch,ben@birch-{suffix}.example,\n"
            + $"Cedar {suffix},Cal Cedar,cal@cedar-{suffix}.example,\n"
            + $"Cedar {suffix},Cat Cedar,cat@cedar-{suffix}.example,yes\n"
            + $"Existing {suffix},Eve New,eve@existing-{suffix}.example,\n";
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Csv(csv));
        Assert.Equal([2, 5], preview.QuerySelectorAll("#import-rows tbody tr").Select((tr, i) => (tr, i)).Where(x => x.tr.QuerySelector("[data-made-primary]") is not null).Select(x => x.i + 2));
        await client.ConfirmAsync(url);

        var primaries = await app.WithDbAsync(db => db.Contacts.Where(c => c.Email.EndsWith(suffix + ".example") && c.IsPrimary).Select(c => c.FullName).OrderBy(n => n).ToListAsync());
        Assert.Equal(["Ann Alder", "Ben Birch", "Cat Cedar"], primaries);
        Assert.False(await app.WithDbAsync(db => db.Contacts.AnyAsync(c => c.OrganisationId == existing.Id && c.IsPrimary)));

        // The export says so in its Primary contact column, and imports back unchanged.
        var exported = await client.GetByteArrayAsync(new Uri($"/suppliers/export?q={suffix}", UriKind.Relative));
        var text = Encoding.UTF8.GetString(exported).TrimStart('\uFEFF');
        Assert.Contains($"Ann Alder,ann@alder-{suffix}.example,,,Yes", text, StringComparison.Ordinal);
        Assert.Contains($"Abe Alder,abe@alder-{suffix}.example,,,No", text, StringComparison.Ordinal);
        var (_, roundTrip) = await client.PreviewAsync(exported);
        Assert.All(roundTrip.Rows(), r => Assert.Equal("Unchanged", r.Status));
    }

    [Fact]
    public async Task Import_BadRows_ExplainedSkippedAndDownloadableWithErrorColumn()
    {
        using var client = await OrganiserAsync();
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("bad-emails.csv"));
        var rows = preview.Rows();
        Assert.Equal("New organisation", rows[0].Status);
        Assert.Equal("Invalid email address", rows[1].Error);
        Assert.Equal("Invalid email address", rows[2].Error);
        Assert.Equal("Missing organisation name", rows[3].Error);
        Assert.Equal("Missing email address", rows[4].Error);
        Assert.Equal(4, preview.Counts()["Errors"]);

        var download = preview.QuerySelector("a[href$='/errors']")!.GetAttribute("href")!;
        using var errors = await client.GetAsync(new Uri(download, UriKind.Relative));
        Assert.Equal("text/csv", errors.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await errors.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Organisation,Name,Email,Original row,Error", lines[0]);
        Assert.Equal("Ingram Networks,No At Sign,not-an-email,3,Invalid email address", lines[1]);
        Assert.Equal(",Orphan Person,orphan@nowhere.example,5,Missing organisation name", lines[3]);
        Assert.Equal(5, lines.Length);

        await client.ConfirmAsync(url);
        var ingram = await FindAsync("Ingram Networks");
        Assert.Equal(["jo.jones@ingram.example"], ingram!.Contacts.Select(c => c.Email));
        // Still downloadable after the import, to fix and upload again.
        using var afterwards = await client.GetAsync(new Uri(download, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task Import_UnknownType_IsAnErrorUnlessTheUserChoosesOther()
    {
        using var client = await OrganiserAsync();
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("unknown-types.csv"));
        var rows = preview.Rows();
        Assert.Equal(["New organisation", "New organisation", "Error"], rows.Select(r => r.Status));
        Assert.Equal("Unknown type \u2018Reseller\u2019: use MSP, SI or Other", rows[2].Error);

        var asOther = await client.GetDocumentAsync(url + "?unknownTypesAsOther=true");
        Assert.Equal("New organisation", asOther.Rows()[2].Status);
        Assert.Equal("true", asOther.QuerySelector("form[action$='/confirm'] input[name=unknownTypesAsOther]")!.GetAttribute("value"));
        await client.ConfirmAsync(url, unknownTypesAsOther: true);

        Assert.Equal(OrganisationType.ManagedServiceProvider, (await FindAsync("Juniper Managed"))!.Type);
        Assert.Equal(OrganisationType.SystemsIntegrator, (await FindAsync("Kestrel Integrators"))!.Type);
        Assert.Equal(OrganisationType.Other, (await FindAsync("Larch Resellers"))!.Type);
    }

    [Fact]
    public async Task Import_WelshAndChineseNames_StoredAsGivenAndShown()
    {
        using var client = await OrganiserAsync();
        var (url, _) = await client.PreviewAsync(SupplierTestHelpers.Fixture("non-latin.csv"));
        await client.ConfirmAsync(url);

        var welsh = await FindAsync("Cwmni Diogelwch Ŵy Cyf");
        Assert.Equal("Siân Llŷr", welsh!.Contacts.Single().FullName);
        var chinese = await FindAsync("长城网络安全有限公司");
        Assert.Equal("首席信息安全官", chinese!.Contacts.Single().JobTitle);
        var page = await client.GetDocumentAsync($"/suppliers/{chinese.Id}");
        Assert.Equal("长城网络安全有限公司", page.Heading());
        Assert.Contains("王伟", page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        var search = await client.GetDocumentAsync("/suppliers?q=" + Uri.EscapeDataString("ŵy"));
        Assert.Contains("Cwmni Diogelwch Ŵy Cyf", search.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_CharactersBeyondTheBasicPlaneQuotesAndBackslashes_StoredAsGivenAndFoundBySearch()
    {
        using var client = await OrganiserAsync();
        await client.ImportCsvAsync(
            "Organisation,Notes,Name,Email,Job title\n\"Shield \U0001F6E1 \"\"Back\\slash\"\" \U0001D518nicode Ltd\",\"Line one\nC:\\temp \"\"two\"\"\",Zo\u00eb \U0001F600 Emoji,zoe.\U0001F600@shield-unicode.example,\u9996\u5E2D\n");

        var organisation = await FindAsync("Shield \U0001F6E1 \"Back\\slash\" \U0001D518nicode Ltd");
        Assert.Equal("Line one\nC:\\temp \"two\"", organisation!.Notes);
        var contact = organisation.Contacts.Single();
        Assert.Equal(("Zo\u00eb \U0001F600 Emoji", "zoe.\U0001F600@shield-unicode.example", "\u9996\u5E2D"), (contact.FullName, contact.Email, contact.JobTitle));
        foreach (var search in new[] { "\U0001D518nicode", "back", "shield-unicode" })
        {
            var list = await client.GetDocumentAsync("/suppliers?q=" + Uri.EscapeDataString(search));
            Assert.Contains(organisation.Name, list.QuerySelector("table")?.TextContent ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Import_HtmlAndScriptInNames_StoredAsGivenAndAlwaysShownEscaped()
    {
        using var client = await OrganiserAsync();
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("html-names.csv"));
        Assert.Empty(preview.QuerySelectorAll("main script, main b, main i"));
        Assert.Equal("<script>alert('x')</script> Ltd", preview.Rows()[0].Organisation);
        await client.ConfirmAsync(url);

        var organisation = await FindAsync("<script>alert('x')</script> Ltd");
        Assert.Equal("<b>Bold</b> & Co", organisation!.Contacts.Single().FullName);
        using var response = await client.GetAsync(new Uri($"/suppliers/{organisation.Id}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Bold</b>", html, StringComparison.Ordinal);
        var page = await client.GetDocumentAsync($"/suppliers/{organisation.Id}");
        Assert.Equal("<script>alert('x')</script> Ltd", page.Heading());
        var list = await client.GetDocumentAsync("/suppliers?q=html.example");
        Assert.Empty(list.QuerySelectorAll("main script, main b, main i"));
        Assert.Contains("O'Brien <Consulting>", list.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_HeaderSynonymsAnyCaseAndSpacing_AreRecognisedAndOtherColumnsIgnored()
    {
        using var client = await OrganiserAsync();
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("header-synonyms.csv"));
        Assert.Equal("New organisation", preview.Rows().Single().Status);
        Assert.Contains("Favourite colour", preview.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await client.ConfirmAsync(url);

        var quayside = await FindAsync("Quayside IT");
        Assert.Equal(OrganisationType.SystemsIntegrator, quayside!.Type);
        var quinn = quayside.Contacts.Single();
        Assert.Equal(("Quinn Quill", "Security lead", "0161 496 0000", true), (quinn.FullName, quinn.JobTitle, quinn.Phone, quinn.IsPrimary));
    }

    [Fact]
    public async Task Import_10000Rows_PreviewsAndImportsInOneGo()
    {
        using var client = await OrganiserAsync();
        var csv = new StringBuilder("Organisation,Type,Name,Email,Job title\r\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append($"Bulk Supplier {i / 5:D4},MSP,Person {i},person{i}@bulk.example,Role {i % 7}\r\n");
        }

        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Csv(csv.ToString()));
        var counts = preview.Counts();
        Assert.Equal(10_000, counts["Rows"]);
        Assert.Equal(2_000, counts["New organisations"]);
        Assert.Equal(8_000, counts["New contacts"]);
        Assert.Equal(100, preview.Rows().Count);
        Assert.NotNull(preview.QuerySelector(".govuk-pagination"));

        await client.ConfirmAsync(url);
        Assert.Equal(10_000, await app.WithDbAsync(db => db.Contacts.CountAsync(c => c.NormalisedEmail.EndsWith("@BULK.EXAMPLE"))));
        var list = await client.GetDocumentAsync("/suppliers?q=bulk%20supplier");
        Assert.Contains("2,000 organisations with 10,000 contacts", list.QuerySelector("#directory-counts")!.TextContent.Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ExistingContactChanged_MarkedUpdateAndSaved()
    {
        using var client = await OrganiserAsync();
        var (first, _) = await client.PreviewAsync(SupplierTestHelpers.Csv("Organisation,Name,Email,Job title\nUpdate Co,Uma Upton,uma@update.example,Analyst\n"));
        await client.ConfirmAsync(first);
        var (second, preview) = await client.PreviewAsync(SupplierTestHelpers.Csv("Organisation,Name,Email,Job title\nUPDATE CO,Uma Upton,UMA@update.example,Head of Analysis\n,,,\n"));
        Assert.Equal("Update", preview.Rows().Single().Status);
        await client.ConfirmAsync(second);
        var uma = (await FindAsync("Update Co"))!.Contacts.Single();
        Assert.Equal(("Head of Analysis", "UMA@update.example"), (uma.JobTitle, uma.Email));
    }
}
