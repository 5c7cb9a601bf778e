namespace RoundtableManager.Tests.Suppliers;

[Collection(SharedHosts.Directory)]
public sealed class SupplierExportTests(TestApp app)
{
    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private static async Task<string> ExportAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync(new Uri("/suppliers/export" + query, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("suppliers-", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    [Fact]
    public async Task Export_FormulaLikeCells_NeutralisedAndReadBackAsStored()
    {
        using var client = await OrganiserAsync();
        var (url, _) = await client.PreviewAsync(SupplierTestHelpers.Fixture("formula.csv"));
        await client.ConfirmAsync(url);
        // Stored as given.
        var oscar = await app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Organisation).SingleAsync(c => c.Email == "oscar@formula.example"));
        Assert.Equal("=HYPERLINK(\"http://evil.example\")", oscar.Organisation.Name);
        Assert.Equal(("@SUM(1+1)", "+44 20 7946 0003"), (oscar.JobTitle, oscar.Phone));

        var csv = await ExportAsync(client, "?q=formula.example");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Organisation,Type,Companies House number,Website,Notes,Contact name,Email,Job title,Phone,Primary contact,Tags", lines[0]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1+1),'+44 20 7946 0003,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",'-Minus Person,", lines[2], StringComparison.Ordinal);
        // The file's "'=already quoted" was read as a protected cell, so "=already quoted" was stored and goes out protected again.
        Assert.Contains(",'=already quoted,'-1,", lines[2], StringComparison.Ordinal);
        // No exported cell starts with a character a spreadsheet would run.
        foreach (var cell in lines.Skip(1).SelectMany(l => l.Split(',')).Select(c => c.TrimStart('"')))
        {
            Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), cell);
        }
    }

    [Fact]
    public async Task Export_Reimported_EveryRowUnchanged()
    {
        using var client = await OrganiserAsync();
        foreach (var fixture in new[] { "quoted.csv", "non-latin.csv", "html-names.csv", "header-synonyms.csv", "bom-crlf.csv" })
        {
            var (url, _) = await client.PreviewAsync(SupplierTestHelpers.Fixture(fixture));
            await client.ConfirmAsync(url);
        }

        var organisation = await app.CreateOrganisationAsync("No Contacts Yet Ltd", OrganisationType.Other);
        using var edit = await client.PostFormAsync($"/suppliers/{organisation.Id}/edit", $"/suppliers/{organisation.Id}/edit", new Dictionary<string, string>
        {
            ["Name"] = "No Contacts Yet Ltd",
            ["Type"] = "Other",
            ["CompaniesHouseNumber"] = "SC123456",
            ["Website"] = "https://www.no-contacts.example",
            ["Notes"] = "Two lines,\nwith \"quotes\"",
        });

        var csv = await ExportAsync(client);
        var (_, preview) = await client.PreviewAsync(Encoding.UTF8.GetBytes(csv), "export.csv");
        var rows = preview.Rows();
        Assert.True(rows.Count >= 10, $"only {rows.Count} rows exported");
        Assert.All(rows, r => Assert.Equal("Unchanged", r.Status));
        // The page lists the first 100 rows; the counts cover the whole file (a shared host holds other tests' organisations too).
        var counts = preview.Counts();
        Assert.Equal(counts["Rows"], counts["Unchanged"]);
    }

    [Fact]
    public async Task Export_FilteredAsTheList_OnlyMatchingOrganisations()
    {
        using var client = await OrganiserAsync();
        await client.ImportCsvAsync(
            "Organisation,Type,Name,Email\nFilter MSP Ltd,MSP,Fi Msp,fi@filter.example\nFilter SI Ltd,SI,Si Sim,si@filter.example\n");
        var archived = await app.CreateOrganisationAsync("Filter Archived Ltd");
        // Through the app's own command, which keeps the directory's counts (other tests in this host compare them with the rows).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<SupplierDirectoryCommands>().SetArchivedAsync(archived.Id, archived: true, CancellationToken.None)).Succeeded);
        }

        var list = await client.GetDocumentAsync("/suppliers?q=filter&type=SystemsIntegrator");
        Assert.Equal("/suppliers/export?q=filter&type=SystemsIntegrator", list.QuerySelector("a[href^='/suppliers/export']")!.GetAttribute("href"));
        var csv = await ExportAsync(client, "?q=filter&type=SystemsIntegrator");
        Assert.Contains("Filter SI Ltd", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Filter MSP Ltd", csv, StringComparison.Ordinal);

        Assert.DoesNotContain("Filter Archived Ltd", await ExportAsync(client, "?q=filter"), StringComparison.Ordinal);
        Assert.Contains("Filter Archived Ltd", await ExportAsync(client, "?q=filter&archived=true"), StringComparison.Ordinal);
    }
}
