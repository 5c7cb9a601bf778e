namespace RoundtableManager.Tests.Suppliers;

/// <summary>The uploaded file and its stored batch: files refused, and a batch used once, only by its owner, before it expires.</summary>
[Collection(SharedHosts.SupplierImport)]
public sealed class SupplierImportUploadTests(TestApp app)
{
    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private Task<Organisation?> FindAsync(string name) =>
        app.WithDbAsync(db => db.Organisations.AsNoTracking().Include(o => o.Contacts).FirstOrDefaultAsync(o => o.Name == name));

    [Theory]
    [InlineData("suppliers.xlsx", "PK\u0003\u0004 not a csv", "The selected file must be a CSV")]
    [InlineData("suppliers.csv", "", "The selected file is empty")]
    [InlineData("suppliers.csv", "Name,Email\nAnn,ann@example.com\n", "The selected file must have a column headed Organisation")]
    [InlineData("suppliers.csv", "Organisation,Email\n", "The selected file has no rows below its headings")]
    public async Task Upload_UnusableFile_RefusedWithAClearMessage(string fileName, string content, string message)
    {
        using var client = await OrganiserAsync();
        using var response = await client.UploadAsync(SupplierTestHelpers.Csv(content), fileName);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal([message], page.ErrorSummary());
        Assert.Equal("#File", page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#File-error"));
    }

    [Fact]
    public async Task Upload_NotUtf8Text_Refused()
    {
        using var client = await OrganiserAsync();
        using var response = await client.UploadAsync([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE, 0x00]);
        Assert.StartsWith("The selected file must be a CSV saved as UTF-8", (await response.ToDocumentAsync()).ErrorSummary().Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_NoFile_AsksForOne()
    {
        using var client = await OrganiserAsync();
        using var response = await client.PostFormAsync("/suppliers/import", "/suppliers/import", new Dictionary<string, string>());
        Assert.Equal(["Select a CSV file"], (await response.ToDocumentAsync()).ErrorSummary());
    }

    [Fact]
    public async Task Upload_Over5MB_Refused()
    {
        using var client = await OrganiserAsync();
        var big = new StringBuilder("Organisation,Email\n");
        while (big.Length <= SupplierImportService.MaxFileBytes)
        {
            big.Append("Some organisation with a long name,someone@example.com\n");
        }

        using var response = await client.UploadAsync(SupplierTestHelpers.Csv(big.ToString()));
        Assert.Equal(["The selected file must be smaller than 5MB"], (await response.ToDocumentAsync()).ErrorSummary());
    }

    [Fact]
    public async Task Confirm_Twice_ImportsOnce()
    {
        using var client = await OrganiserAsync();
        var (url, _) = await client.PreviewAsync(SupplierTestHelpers.Csv("Organisation,Name,Email\nTwice Ltd,Tia Twice,tia@twice.example\n"));
        await client.ConfirmAsync(url);
        var second = await client.ConfirmAsync(url);
        Assert.Contains("already been imported", second.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Single((await FindAsync("Twice Ltd"))!.Contacts);
    }

    [Fact]
    public async Task Preview_AnotherOrganisersUpload_NotFound()
    {
        using var owner = await OrganiserAsync();
        var (url, _) = await owner.PreviewAsync(SupplierTestHelpers.Csv("Organisation\nPrivate Upload Ltd\n"));
        using var other = await OrganiserAsync();
        using var response = await other.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var errors = await other.GetAsync(new Uri(url + "/errors", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, errors.StatusCode);
        using var confirm = await other.PostFormAsync("/suppliers/import", url + "/confirm", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Null(await FindAsync("Private Upload Ltd"));
    }

    [Fact]
    public async Task Confirm_ExpiredUpload_SavesNothingAndSaysUploadAgain()
    {
        using var client = await OrganiserAsync();
        var (url, _) = await client.PreviewAsync(SupplierTestHelpers.Csv("Organisation\nExpired Upload Ltd\n"));
        var id = Guid.Parse(url.Split('/').Last());
        await app.WithDbAsync(db => db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.ExpiresUtc, DateTime.UtcNow.AddDays(-2))));
        var page = await client.ConfirmAsync(url);
        Assert.Contains("This upload has expired", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await FindAsync("Expired Upload Ltd"));

        // The next upload deletes the expired one, its file's text (kept apart from the batch) with it.
        await client.PreviewAsync(SupplierTestHelpers.Csv("Organisation\nLater Upload Ltd\n"));
        Assert.False(await app.WithDbAsync(db => db.ImportBatchFiles.AnyAsync(f => f.ImportBatchId == id)));
        Assert.False(await app.WithDbAsync(db => db.ImportBatches.AnyAsync(b => b.Id == id)));
    }
}
