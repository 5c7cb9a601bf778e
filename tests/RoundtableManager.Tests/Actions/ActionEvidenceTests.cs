using Microsoft.AspNetCore.Hosting;

namespace RoundtableManager.Tests.Actions;

[Collection(SharedHosts.Actions)]
public sealed class ActionEvidenceTests(TestApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\nA small but real-looking report\n%%EOF");

    private static Dictionary<string, string> Titled(string title) => new() { ["EvidenceTitle"] = title };

    [Fact]
    public async Task UploadFile_Owner_StoredOutsideWwwrootUnderRandomName_DownloadsAsAttachmentForOwnerAndStaff()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Share the audit report", ActionTestData.Today(app).AddDays(7)));
        using var supplier = await app.SignedInClientAsync(world.Supplier);
        var path = $"/portal/actions/{id}";

        using var result = await supplier.PostFileAsync(path, $"{path}/evidence", "EvidenceFile", "..\\..\\secret folder\\Audit report.pdf", Pdf, "application/pdf", Titled("Audit report"));

        Assert.Equal(HttpStatusCode.Redirect, result.StatusCode);
        var evidence = await app.WithDbAsync(db => db.ActionEvidence.SingleAsync(e => e.ActionId == id));
        Assert.Equal("Audit report.pdf", evidence.OriginalFileName);
        Assert.DoesNotContain("Audit", evidence.StoredFileName!, StringComparison.OrdinalIgnoreCase);
        var stored = Path.Combine(app.EvidenceFolder, evidence.StoredFileName!);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(stored));
        var webRoot = Path.GetFullPath(app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath);
        Assert.False(Path.GetFullPath(stored).StartsWith(webRoot, StringComparison.OrdinalIgnoreCase));

        var page = await supplier.GetDocumentAsync(path);
        var link = page.QuerySelector($"[data-evidence='{evidence.Id}'] a")!;
        Assert.StartsWith("Audit report", link.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("EvidenceAdded", page.QuerySelector("#history li")!.GetAttribute("data-history-kind"));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.Action == "Action.EvidenceAdded" && a.SubjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        using var staff = await app.SignedInClientAsync(world.Lead);
        foreach (var (client, href) in new[] { (supplier, link.GetAttribute("href")!), (staff, $"/actions/{id}/evidence/{evidence.Id}") })
        {
            using var download = await client.GetAsync(new Uri(href, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("Audit report.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task UploadFile_OverTheRequestLimit_Answers413WithGovUkPage_SavesNothing()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Share the big report", ActionTestData.Today(app).AddDays(7)));
        using var supplier = await app.SignedInClientAsync(world.Supplier);
        var path = $"/portal/actions/{id}";
        var form = (await supplier.GetDocumentAsync(path)).QuerySelector($"form[action='{path}/evidence']")!;
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Big report"), "EvidenceTitle" },
            { new ByteArrayContent(new byte[ActionOptions.MaxRequestBytes]), "EvidenceFile", "big.pdf" },
        };
        using var response = await supplier.PostAsync(new Uri($"{path}/evidence", UriKind.Relative), content);

        // Before this guard the antiforgery check failed on the unread form: "the page may have been open for too long".
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The file is too large", html, StringComparison.Ordinal);
        Assert.DoesNotContain("open for too long", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ActionEvidence.AnyAsync(e => e.ActionId == id)));
    }

    [Fact]
    public async Task UploadText_Staff_ServedAsOctetStream()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Collect the figures", ActionTestData.Today(app).AddDays(7)));
        using var staff = await app.SignedInClientAsync(world.Lead);
        var path = $"/actions/{id}";

        using var result = await staff.PostFileAsync(path, $"{path}/evidence", "EvidenceFile", "figures.csv", "supplier,count\nAcme,3\n"u8.ToArray(), "text/csv", Titled("Figures"));

        Assert.Equal(HttpStatusCode.Redirect, result.StatusCode);
        var evidenceId = await app.WithDbAsync(db => db.ActionEvidence.Where(e => e.ActionId == id).Select(e => e.Id).SingleAsync());
        using var download = await staff.GetAsync(new Uri($"{path}/evidence/{evidenceId}", UriKind.Relative));
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Download_AnotherOrganisation_Gets404_AndSupplierCannotUseStaffRoute()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var other = await ActionTestData.CreateWorldAsync(app, "Nosy Ltd");
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Confidential evidence", ActionTestData.Today(app).AddDays(7)));
        using var owner = await app.SignedInClientAsync(world.Supplier);
        (await owner.PostFileAsync($"/portal/actions/{id}", $"/portal/actions/{id}/evidence", "EvidenceFile", "plan.pdf", Pdf, "application/pdf", Titled("Plan"))).Dispose();
        var evidenceId = await app.WithDbAsync(db => db.ActionEvidence.Where(e => e.ActionId == id).Select(e => e.Id).SingleAsync());
        using var nosy = await app.SignedInClientAsync(other.Supplier);
        var otherAction = await ActionTestData.CreateAsync(app, other, other.OrganisationOwned("Their own", ActionTestData.Today(app).AddDays(7)));

        Assert.Equal(HttpStatusCode.NotFound, (await nosy.GetAsync(new Uri($"/portal/actions/{id}/evidence/{evidenceId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nosy.GetAsync(new Uri($"/portal/actions/{otherAction}/evidence/{evidenceId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync(new Uri($"/actions/{id}/evidence/{evidenceId}", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("program.exe", new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData("disguised.pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData("fake.png", new byte[] { 0x25, 0x50, 0x44, 0x46 })]
    [InlineData("notes.txt", new byte[] { 0x68, 0x69, 0x00, 0x21 })]
    [InlineData("latin1.csv", new byte[] { 0x63, 0x61, 0x66, 0xE9 })]
    public async Task UploadFile_WrongType_ShowsErrorAndStoresNothing(string fileName, byte[] content)
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Typed evidence", ActionTestData.Today(app).AddDays(7)));
        using var supplier = await app.SignedInClientAsync(world.Supplier);
        var path = $"/portal/actions/{id}";

        using var result = await supplier.PostFileAsync(path, $"{path}/evidence", "EvidenceFile", fileName, content, "application/octet-stream", Titled("Kept title"));

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var page = await result.ToDocumentAsync();
        Assert.Equal(["The selected file must be a PDF, PNG, JPG, DOCX, XLSX, PPTX, TXT or CSV"], page.ErrorSummary());
        Assert.Equal("Kept title", page.QuerySelector("input[name=EvidenceTitle]")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.ActionEvidence.AnyAsync(e => e.ActionId == id)));
    }

    [Fact]
    public async Task UploadFile_TooBig_ShowsErrorAndStoresNothing()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Large evidence", ActionTestData.Today(app).AddDays(7)));
        using var supplier = await app.SignedInClientAsync(world.Supplier);
        var path = $"/portal/actions/{id}";
        var big = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(big, 0);

        using var result = await supplier.PostFileAsync(path, $"{path}/evidence", "EvidenceFile", "big.pdf", big, "application/pdf", Titled("Big"));

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(["The selected file must be smaller than 10 MB"], (await result.ToDocumentAsync()).ErrorSummary());
        Assert.False(await app.WithDbAsync(db => db.ActionEvidence.AnyAsync(e => e.ActionId == id)));
        Assert.False(Directory.Exists(app.EvidenceFolder) && Directory.EnumerateFiles(app.EvidenceFolder).Any(f => new FileInfo(f).Length > 10 * 1024 * 1024));
    }

    [Theory]
    [InlineData("http://example.com/report", "Enter a link that starts with https://, like https://www.example.com/report")]
    [InlineData("javascript:alert(1)", "Enter a link that starts with https://, like https://www.example.com/report")]
    [InlineData("", "Enter a link or choose a file")]
    public async Task AddLink_NotHttps_ShowsError(string url, string error)
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Linked evidence", ActionTestData.Today(app).AddDays(7)));
        using var staff = await app.SignedInClientAsync(world.Lead);

        using var result = await staff.PostFormAsync($"/actions/{id}", $"/actions/{id}/evidence", new Dictionary<string, string> { ["EvidenceTitle"] = "Report", ["EvidenceUrl"] = url });

        Assert.Equal([error], (await result.ToDocumentAsync()).ErrorSummary());
    }

    [Fact]
    public async Task AddLink_Staff_ShownToOwnerInPortal()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Read the guidance", ActionTestData.Today(app).AddDays(7)));
        using var staff = await app.SignedInClientAsync(world.Lead);

        using var result = await staff.PostFormAsync($"/actions/{id}", $"/actions/{id}/evidence", new Dictionary<string, string> { ["EvidenceTitle"] = "NCSC guidance", ["EvidenceUrl"] = "https://www.ncsc.gov.uk/collection/supply-chain-security" });

        Assert.Equal(HttpStatusCode.Redirect, result.StatusCode);
        using var supplier = await app.SignedInClientAsync(world.Supplier);
        var link = (await supplier.GetDocumentAsync($"/portal/actions/{id}")).QuerySelector("#evidence a")!;
        Assert.Equal("NCSC guidance", link.TextContent.Trim());
        Assert.Equal("https://www.ncsc.gov.uk/collection/supply-chain-security", link.GetAttribute("href"));
    }

    [Theory]
    [InlineData(0, "App_Data/evidence", false)]
    [InlineData(10 * 1024 * 1024, "wwwroot/evidence", false)]
    [InlineData(10 * 1024 * 1024, "", false)]
    [InlineData(10 * 1024 * 1024, "App_Data/evidence", true)]
    public void Options_Validated(long maxBytes, string folder, bool valid) =>
        Assert.Equal(valid, new ActionOptionsValidator().Validate(null, new ActionOptions { MaxEvidenceBytes = maxBytes, EvidenceFolder = folder }).Succeeded);

    [Fact]
    public async Task EvidenceRoutes_Supplier_CannotReachStaffUpload()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Staff side only", ActionTestData.Today(app).AddDays(7)));
        using var supplier = await app.SignedInClientAsync(world.Supplier);

        using var result = await supplier.PostFileAsync($"/portal/actions/{id}", $"/actions/{id}/evidence", "EvidenceFile", "plan.pdf", Pdf, "application/pdf", Titled("Plan"));

        Assert.Equal(HttpStatusCode.Forbidden, result.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ActionEvidence.AnyAsync(e => e.ActionId == id)));
    }
}
