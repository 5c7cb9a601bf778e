using AngleSharp.Dom;

namespace RoundtableManager.Tests.Suppliers;

/// <summary>
/// The confirm applies the plan the preview showed (kept in the app's memory) only while the directory's rows for the
/// file are as the preview read them: a change in between is refused with nothing saved, never written unseen.
/// </summary>
[Collection(SharedHosts.SupplierImport)]
public sealed class SupplierImportConfirmTests(TestApp app)
{
    private static readonly string Unique = Guid.NewGuid().ToString("N")[..8];

    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private Task<Organisation?> FindAsync(string name) =>
        app.WithDbAsync(db => db.Organisations.AsNoTracking().Include(o => o.Contacts).FirstOrDefaultAsync(o => o.Name == name));

    /// <summary>Confirms from the preview page the person has open, without loading it again (which would plan afresh).</summary>
    private static async Task<IDocument> ConfirmShownAsync(HttpClient client, IDocument preview, string url)
    {
        var token = preview.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var path = new Uri(new Uri("http://localhost"), url).AbsolutePath;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["unknownTypesAsOther"] = "false", ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync(new Uri(path + "/confirm", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    private static string File(string tag) =>
        $"Organisation,Name,Email,Website\nAlder {tag} Ltd,Ada Alder,ada@alder{tag}.example,https://alder{tag}.example\nBirch {tag} Ltd,Ben Birch,ben@birch{tag}.example,\n";

    [Fact]
    public async Task Confirm_ContactAddedElsewhereAfterThePreview_RefusedNothingSavedThenThePreviewShowsItAndConfirmsTheRest()
    {
        var tag = Unique + "a";
        using var client = await OrganiserAsync();
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Csv(File(tag)));
        Assert.Equal(["New organisation", "New organisation"], preview.Rows().Select(r => r.Status));

        // Someone else gives Ada's address to another organisation between the preview and the confirm.
        var other = await app.CreateOrganisationAsync($"Cedar {tag} Ltd");
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Contacts.Add(new Contact { OrganisationId = other.Id, FullName = "Ada Alder", Email = $"ada@alder{tag}.example", NormalisedEmail = Contact.Normalise($"ada@alder{tag}.example"), CreatedUtc = now, UpdatedUtc = now });
            await db.SaveChangesAsync();
        });

        var refused = await ConfirmShownAsync(client, preview, url);
        Assert.Equal("Check the import", refused.Heading());
        Assert.Equal(SupplierImportService.PreviewOutdatedMessage, refused.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
        Assert.Null(await FindAsync($"Alder {tag} Ltd"));
        Assert.Null(await FindAsync($"Birch {tag} Ltd"));
        // The preview is the file against the directory as it is now, and confirming it saves what it shows.
        Assert.Equal(("Error", $"Email address already belongs to a contact at Cedar {tag} Ltd (the same ignoring case)"), (refused.Rows()[0].Status, refused.Rows()[0].Error));
        Assert.Equal("New organisation", refused.Rows()[1].Status);

        var done = await client.ConfirmAsync(url);
        Assert.Equal("Import complete", done.Heading());
        Assert.Null(await FindAsync($"Alder {tag} Ltd"));
        Assert.Equal([$"ben@birch{tag}.example"], (await FindAsync($"Birch {tag} Ltd"))!.Contacts.Select(c => c.Email));
    }

    [Fact]
    public async Task Confirm_OrganisationTheFileUpdatesChangedAfterThePreview_Refused()
    {
        var tag = Unique + "b";
        using var client = await OrganiserAsync();
        await client.ImportCsvAsync(File(tag));
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Csv(File(tag).Replace($"https://alder{tag}.example", $"https://www.alder{tag}.example", StringComparison.Ordinal)));
        Assert.Equal(["Update", "Unchanged"], preview.Rows().Select(r => r.Status));

        await app.WithDbAsync(async db =>
        {
            var alder = await db.Organisations.SingleAsync(o => o.Name == $"Alder {tag} Ltd");
            alder.Notes = "Changed by someone else";
            await db.SaveChangesAsync();
        });

        var refused = await ConfirmShownAsync(client, preview, url);
        Assert.Equal(SupplierImportService.PreviewOutdatedMessage, refused.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
        var alder = await FindAsync($"Alder {tag} Ltd");
        Assert.Equal(($"https://alder{tag}.example", "Changed by someone else"), (alder!.Website, alder.Notes));
    }

    [Fact]
    public async Task Confirm_ChangeElsewhereInTheDirectory_DoesNotStopTheImport()
    {
        var tag = Unique + "c";
        using var client = await OrganiserAsync();
        var (url, _) = await client.PreviewAsync(SupplierTestHelpers.Csv(File(tag)));
        await app.CreateOrganisationAsync($"Unrelated {tag} Ltd");

        var done = await client.ConfirmAsync(url);
        Assert.Equal("Import complete", done.Heading());
        Assert.Equal(["New organisation", "New organisation"], done.Rows().Select(r => r.Status));
        Assert.NotNull(await FindAsync($"Alder {tag} Ltd"));
    }

    /// <summary>After a restart, or when the confirm reaches another instance, the file is analysed again: it still imports.</summary>
    [Fact]
    public async Task Confirm_PreviewsPlanNoLongerHeld_AnalysesAgainAndSaves()
    {
        var tag = Unique + "d";
        using var client = await OrganiserAsync();
        var (url, _) = await client.PreviewAsync(SupplierTestHelpers.Csv(File(tag)));
        var batchId = Guid.Parse(url.Split('/', '?')[3], System.Globalization.CultureInfo.InvariantCulture);
        app.Services.GetRequiredService<ImportPlanCache>().Forget(batchId);

        var done = await client.ConfirmAsync(url);
        Assert.Equal("Import complete", done.Heading());
        Assert.Contains("2 new organisations", done.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([$"ada@alder{tag}.example"], (await FindAsync($"Alder {tag} Ltd"))!.Contacts.Select(c => c.Email));
    }

    /// <summary>The import's new rows go in past the change tracker: the directory's counts still match a count of the rows.</summary>
    [Fact]
    public async Task Confirm_NewAndExistingRetypedAndArchivedOrganisations_DirectoryCountsMatchTheRows()
    {
        var tag = Unique + "e";
        using var client = await OrganiserAsync();
        await client.ImportCsvAsync($"Organisation,Type,Name,Email\nElm {tag} Ltd,MSP,Eve Elm,eve@elm{tag}.example\nFir {tag} Ltd,SI,Fay Fir,fay@fir{tag}.example\n");
        await app.WithDbAsync(async db =>
        {
            (await db.Organisations.SingleAsync(o => o.Name == $"Fir {tag} Ltd")).IsArchived = true;
            await db.SaveChangesAsync();
        });

        await client.ImportCsvAsync($"Organisation,Type,Name,Email\nElm {tag} Ltd,SI,Eli Elm,eli@elm{tag}.example\nFir {tag} Ltd,,Fred Fir,fred@fir{tag}.example\n"
            + $"Gorse {tag} Ltd,Other,Gil Gorse,gil@gorse{tag}.example\nGorse {tag} Ltd,,Gus Gorse,gus@gorse{tag}.example\n");

        Assert.Equal(OrganisationType.SystemsIntegrator, (await FindAsync($"Elm {tag} Ltd"))!.Type);
        var (kept, counted) = await app.WithDbAsync(async db =>
        {
            var kept = await new DirectoryCounts(db).ReadAsync(CancellationToken.None);
            var counted = await db.Organisations.GroupBy(o => new { o.IsArchived, o.Type })
                .Select(g => new DirectoryCounts.Count(g.Key.IsArchived, g.Key.Type, g.Count(), g.Sum(o => o.Contacts.Count))).ToListAsync();
            return (kept, counted);
        });
        Assert.Equal(counted.Where(c => c.Organisations > 0).OrderBy(c => (c.IsArchived, c.Type)), kept.Where(c => c.Organisations > 0 || c.Contacts > 0).OrderBy(c => (c.IsArchived, c.Type)));
    }
}
