using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static RoundtableManager.Tests.Controls.ControlsTestData;

namespace RoundtableManager.Tests.Controls;

/// <summary>
/// A control set's TLP marking goes with its answers wherever they are shown; a downloaded file travels further than
/// the page, so the marking is in the file's name, in every CSV row, and in the workbook's title and sheet name.
/// </summary>
[Collection(ControlsTestData.Host)]
public sealed class ControlExportMarkingTests(TestApp app)
{
    [Fact]
    public async Task HeatmapDownload_MarkedSet_FileCarriesTheMarking()
    {
        using var organiser = await OrganiserAsync(app);
        var setId = await CreateSetAsync(app, organiser, TestNames.Unique("Red clauses"), "Red", ("X1", "Incident notification within 24 hours"));
        await AssessedSupplierAsync(app, organiser, setId, "Marked Ltd");

        using var csv = await organiser.GetAsync(new Uri($"/controls/heatmap.csv?set={setId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("tlp-red", csv.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Marking", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 1);
        Assert.All(lines.Skip(1), line => Assert.EndsWith(",TLP:RED", line, StringComparison.Ordinal));

        using var xlsx = await organiser.GetAsync(new Uri($"/controls/heatmap.xlsx?set={setId}", UriKind.Relative));
        Assert.Contains("tlp-red", xlsx.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        using var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        Assert.StartsWith("TLP:RED", book.PackageProperties.Title, StringComparison.Ordinal);
        Assert.StartsWith("TLP RED", book.WorkbookPart!.Workbook.Descendants<Sheet>().Single().Name!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvidenceDownload_MarkedSet_FileNameCarriesTheMarkingForSupplierAndStaff()
    {
        using var organiser = await OrganiserAsync(app);
        var setId = await CreateSetAsync(app, organiser, TestNames.Unique("Amber clauses"), "AmberStrict", ("X1", "Supplier access reviewed quarterly"));
        var supplier = await AssessedSupplierAsync(app, organiser, setId, "Evidence Ltd");
        using var client = await app.SignedInClientAsync(supplier.User);
        var id = supplier.Answers["X1"];
        var path = $"/portal/controls/{id}";
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\nAccess review\n%%EOF");
        (await client.PostFileAsync(path, $"{path}/evidence", "EvidenceFile", "Access review.pdf", pdf, "application/pdf", new Dictionary<string, string> { ["EvidenceTitle"] = "Access review" })).Dispose();
        var evidenceId = await app.WithDbAsync(db => db.ControlEvidence.Where(e => e.AnswerId == id).Select(e => e.Id).SingleAsync());

        // The page the link is on shows the marking; the file it gives carries it in its name.
        Assert.Equal("TLP:AMBER+STRICT", (await client.GetDocumentAsync(path)).QuerySelector("[data-marking]")!.GetAttribute("data-marking"));
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Core.Identity.Roles.Staff));
        foreach (var (who, href) in new[] { (client, $"{path}/files/{evidenceId}"), (staff, $"/controls/answers/{id}/files/{evidenceId}") })
        {
            using var download = await who.GetAsync(new Uri(href, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("tlp-amber-strict-Access review.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }
    }
}

