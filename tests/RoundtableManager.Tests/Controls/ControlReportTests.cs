using static RoundtableManager.Tests.Controls.ControlsTestData;

namespace RoundtableManager.Tests.Controls;

/// <summary>The programme views (issue #20, item 4): the heatmap with its filters and CSV, and the month-by-month trend.</summary>
[Collection(ControlsTestData.Host)]
public sealed class ControlReportTests(TestApp app)
{
    private async Task<(int SetId, AssessedSupplier First, AssessedSupplier Second, HttpClient Staff)> AssessedAsync()
    {
        using var organiser = await OrganiserAsync(app);
        var setId = await CreateSetAsync(app, organiser, TestNames.Unique("Report clauses"), "Amber", ("R1", "Privileged access workstations"), ("R2", "Customer data segregation"));
        var first = await AssessedSupplierAsync(app, organiser, setId, "Alpha Ltd");
        var second = await AssessedSupplierAsync(app, organiser, setId, "Beta Ltd");
        using (var client = await app.SignedInClientAsync(first.User))
        {
            (await AnswerAsync(client, first.Answers["R1"], "InPlace")).Dispose();
            (await AnswerAsync(client, first.Answers["R2"], "PartlyInPlace", Today(app).AddDays(60))).Dispose();
        }

        using (var client = await app.SignedInClientAsync(second.User))
        {
            (await AnswerAsync(client, second.Answers["R1"], "InPlace")).Dispose();
        }

        var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        (await StaffAsync(staff, first.Answers["R1"], "verify")).Dispose();
        (await StaffAsync(staff, second.Answers["R1"], "return", "Send the policy")).Dispose();
        return (setId, first, second, staff);
    }

    [Fact]
    public async Task Heatmap_EveryCellHasTextAndAPattern_TotalsAndFiltersAndCsvAgree()
    {
        var (setId, first, second, staff) = await AssessedAsync();
        using (staff)
        {
            var page = await staff.GetDocumentAsync($"/controls/heatmap?set={setId}");
            Assert.Equal("TLP:AMBER", page.QuerySelector("[data-marking]")!.GetAttribute("data-marking"));
            var alpha = page.QuerySelector($"#heatmap tr[data-organisation='{first.Organisation.Id}']")!;
            var r1 = alpha.QuerySelector("[data-control='R1']")!;
            Assert.Equal("In place, verified", r1.GetAttribute("data-cell"));
            Assert.Contains("rtm-heat--verified", r1.ClassName, StringComparison.Ordinal);
            Assert.Contains("✓ In place", r1.TextContent, StringComparison.Ordinal);
            Assert.Equal("Partly", alpha.QuerySelector("[data-control='R2'] [aria-hidden]")!.TextContent);
            var beta = page.QuerySelector($"#heatmap tr[data-organisation='{second.Organisation.Id}']")!;
            Assert.Contains("rtm-heat--returned", beta.QuerySelector("[data-control='R1']")!.ClassName, StringComparison.Ordinal);
            Assert.Equal("Not answered yet", beta.QuerySelector("[data-control='R2']")!.GetAttribute("data-cell"));
            var totals = page.QuerySelector("#heatmap-totals tr[data-control='R1']")!;
            Assert.Equal(["1", "2", "1"], new[] { "verified", "in-place", "returned" }.Select(k => totals.QuerySelector($"[data-total='{k}']")!.TextContent));

            var one = await staff.GetDocumentAsync($"/controls/heatmap?set={setId}&organisation={second.Organisation.Id}");
            Assert.Equal([second.Organisation.Id.ToString()], one.QuerySelectorAll("#heatmap tbody tr").Select(r => r.GetAttribute("data-organisation")));

            using var csv = await staff.GetAsync(new Uri($"/controls/heatmap.csv?set={setId}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(5, lines.Length);
            Assert.StartsWith("Organisation,Organisation type,Control set,Control id", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith(first.Organisation.Name, StringComparison.Ordinal) && l.Contains(",R1,", StringComparison.Ordinal) && l.Contains("In place,Verified", StringComparison.Ordinal));
            Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Controls.Exported" && e.SubjectId == setId.ToString())));

            using var xlsx = await staff.GetAsync(new Uri($"/controls/heatmap.xlsx?set={setId}&organisation={first.Organisation.Id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
            var sheet = book.WorkbookPart!.WorksheetParts.Single().Worksheet;
            Assert.Equal(3, sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
        }

        using var supplier = await app.SignedInClientAsync(first.User);
        using var refused = await supplier.GetAsync(new Uri($"/controls/heatmap?set={setId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Heatmap_FilteredByTag_ShowsAndTotalsOnlyTheTaggedOrganisations()
    {
        var (setId, first, second, staff) = await AssessedAsync();
        using (staff)
        {
            var name = TestNames.Unique("Heatmap tag");
            var tagId = await app.WithDbAsync(async db =>
            {
                var tag = new Tag { Name = name, NormalisedName = Tag.Normalise(name), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
                db.Tags.Add(tag);
                await db.SaveChangesAsync();
                db.OrganisationTags.Add(new OrganisationTag { OrganisationId = first.Organisation.Id, TagId = tag.Id, AddedUtc = DateTime.UtcNow });
                await db.SaveChangesAsync();
                return tag.Id;
            });

            var page = await staff.GetDocumentAsync($"/controls/heatmap?set={setId}&tag={tagId}");
            Assert.Equal([first.Organisation.Id.ToString()], page.QuerySelectorAll("#heatmap tbody tr").Select(r => r.GetAttribute("data-organisation")));
            var totals = page.QuerySelector("#heatmap-totals tr[data-control='R1']")!;
            Assert.Equal(["1", "1", "0"], new[] { "verified", "in-place", "returned" }.Select(k => totals.QuerySelector($"[data-total='{k}']")!.TextContent));

            // The same organisations as the EXISTS per organisation the filter was before (every adopter of the set, archived or not).
            var query = new HeatmapQuery(setId, TagId: tagId);
            var (now, before) = await app.WithDbAsync(async db => (
                await new ControlReports(db, TimeProvider.System).Organisations(query).Select(o => o.Id).Order().ToListAsync(),
                await db.Organisations.Where(o => db.ControlAdoptions.Any(a => a.ControlSetId == setId && a.OrganisationId == o.Id))
                    .Where(o => db.OrganisationTags.Any(t => t.OrganisationId == o.Id && t.TagId == tagId)).Select(o => o.Id).Order().ToListAsync()));
            Assert.Equal(before, now);
            Assert.DoesNotContain(second.Organisation.Id, now);
        }
    }

    [Fact]
    public async Task Trend_CountsEachAnswerAsItStoodAtTheEndOfEachMonth()
    {
        var (setId, first, _, staff) = await AssessedAsync();
        using (staff)
        {
            // Alpha was asked three months ago and said Partly in place two months ago; both answers were asked for then.
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var r1 = first.Answers["R1"];
            await app.WithDbAsync(async db =>
            {
                await db.ControlAnswers.Where(a => a.OrganisationId == first.Organisation.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.CreatedUtc, now.AddMonths(-3)));
                db.ControlAnswerHistory.Add(new ControlAnswerEntry
                {
                    AnswerId = r1, OrganisationId = first.Organisation.Id, ControlId = await db.ControlAnswers.Where(a => a.Id == r1).Select(a => a.ControlId).SingleAsync(),
                    Kind = ControlEntryKind.Answered, Status = ControlStatus.PartlyInPlace, ByUserId = first.User.Id, ByName = "Earlier", AtUtc = now.AddMonths(-2),
                });
                await db.SaveChangesAsync();
            });

            var page = await staff.GetDocumentAsync($"/controls/trend?set={setId}&control={await app.WithDbAsync(db => db.ControlAnswers.Where(a => a.Id == r1).Select(a => a.ControlId).SingleAsync())}");
            var rows = page.QuerySelectorAll("#trend-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
            Assert.Equal(12, rows.Count);
            Assert.Equal(["2", "2 (100%)", "1 (50%)"], rows[^1]);
            Assert.Equal(["1", "0 (0%)", "0 (0%)"], rows[^2]);
            Assert.Equal(["0", "0 (0%)", "0 (0%)"], rows[0]);
            Assert.Equal(["In place 100%", "Verified 50%"], page.QuerySelectorAll("svg#trend-chart [data-label]").Select(t => t.TextContent.Trim()));
            Assert.Contains("R1 Privileged access workstations", page.QuerySelector("#trend-subject")!.TextContent, StringComparison.Ordinal);
        }
    }
}
