using Microsoft.AspNetCore.Hosting;
using static RoundtableManager.Tests.Controls.ControlsTestData;

namespace RoundtableManager.Tests.Controls;

/// <summary>Self-assessment in the portal and staff verification (issue #20, items 2 and 3).</summary>
[Collection(ControlsTestData.Host)]
public sealed class ControlAnswerTests(TestApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\nFirewall rule review\n%%EOF");

    [Fact]
    public async Task Answer_BadInput_ErrorSummaryNothingSavedTypedTextKept()
    {
        using var organiser = await OrganiserAsync(app);
        var supplier = await AssessedSupplierAsync(app, organiser, ControlSet.CyberEssentialsId);
        using var client = await app.SignedInClientAsync(supplier.User);
        var id = supplier.Answers["CE1"];

        using var noReason = await AnswerAsync(client, id, "NotApplicable", comment: "We host nothing");
        var page = await noReason.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(["Enter why this control does not apply to your organisation"], page.ErrorSummary());
        Assert.Equal("We host nothing", page.QuerySelector("#Comment")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name=Status][value=NotApplicable][checked]"));

        using var noDate = await AnswerAsync(client, id, "PartlyInPlace");
        Assert.Equal(["Enter the date you expect this control to be in place"], (await noDate.ToDocumentAsync()).ErrorSummary());
        var path = $"/portal/controls/{id}";
        var version = (await client.GetDocumentAsync(path)).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        using var badDate = await client.PostFormAsync(path, path, new Dictionary<string, string>
        {
            ["Version"] = version, ["Status"] = "NotStarted", ["TargetDate.Day"] = "30", ["TargetDate.Month"] = "2", ["TargetDate.Year"] = "2027",
        });
        Assert.Equal(["Target date must be a real date"], (await badDate.ToDocumentAsync()).ErrorSummary());
        using var noStatus = await AnswerAsync(client, id, "");
        Assert.Equal(["Select where this control stands"], (await noStatus.ToDocumentAsync()).ErrorSummary());

        Assert.Equal(0, await app.WithDbAsync(db => db.ControlAnswerHistory.CountAsync(e => e.AnswerId == id)));
        Assert.Null(await app.WithDbAsync(db => db.ControlAnswers.Where(a => a.Id == id).Select(a => a.AnsweredUtc).SingleAsync()));
    }

    [Fact]
    public async Task Answer_EveryChangeAppendsHistory_StaffSeeStatusTargetAndHistory_Audited()
    {
        using var organiser = await OrganiserAsync(app);
        var supplier = await AssessedSupplierAsync(app, organiser, ControlSet.CyberEssentialsId);
        using var client = await app.SignedInClientAsync(supplier.User);
        var id = supplier.Answers["CE3"];
        var target = Today(app).AddDays(40);

        using var first = await AnswerAsync(client, id, "PartlyInPlace", target, comment: "Servers done, laptops next");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var second = await AnswerAsync(client, id, "NotApplicable", reason: "No laptops: thin clients only");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        using var same = await AnswerAsync(client, id, "NotApplicable", reason: "No laptops: thin clients only");
        Assert.Contains("Nothing was changed", (await client.GetDocumentAsync($"/portal/controls/{id}")).QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);

        var history = await app.WithDbAsync(db => db.ControlAnswerHistory.Where(e => e.AnswerId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([ControlStatus.PartlyInPlace, ControlStatus.NotApplicable], history.Select(h => h.Status));
        Assert.Equal(target, history[0].TargetDate);
        Assert.Null(history[1].TargetDate);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "Controls.Answered" && e.SubjectId == id.ToString())));

        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var table = await staff.GetDocumentAsync($"/controls/organisations/{supplier.Organisation.Id}");
        var row = table.QuerySelector("tr[data-control='CE3']")!;
        Assert.Equal("Not applicable", row.QuerySelector("[data-status]")!.TextContent.Trim());
        Assert.Equal("Not verified", row.QuerySelector("[data-verification]")!.TextContent.Trim());
        Assert.Contains("2 changes", row.TextContent, StringComparison.Ordinal);
        var detail = await staff.GetDocumentAsync($"/controls/answers/{id}");
        Assert.Equal(2, detail.QuerySelectorAll("#history li").Length);
        Assert.Contains("thin clients only", detail.QuerySelector("#answer")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_FileCheckedByContent_KeptOutsideWwwroot_DownloadedAsAttachmentByOwnerAndStaffOnly()
    {
        using var organiser = await OrganiserAsync(app);
        var supplier = await AssessedSupplierAsync(app, organiser, ControlSet.CyberEssentialsId);
        var other = await AssessedSupplierAsync(app, organiser, ControlSet.CyberEssentialsId, "Other Ltd");
        using var client = await app.SignedInClientAsync(supplier.User);
        var id = supplier.Answers["CE1"];
        var path = $"/portal/controls/{id}";

        using var fake = await client.PostFileAsync(path, $"{path}/evidence", "EvidenceFile", "report.pdf", Encoding.ASCII.GetBytes("MZ this is a program"), "application/pdf", new Dictionary<string, string> { ["EvidenceTitle"] = "Firewall review" });
        var refused = await fake.ToDocumentAsync();
        Assert.Equal(["The selected file must be a PDF, PNG, JPG, DOCX, XLSX, PPTX, TXT or CSV"], refused.ErrorSummary());
        Assert.Equal("Firewall review", refused.QuerySelector("#EvidenceTitle")!.GetAttribute("value"));

        using var added = await client.PostFileAsync(path, $"{path}/evidence", "EvidenceFile", "Firewall review.pdf", Pdf, "application/pdf", new Dictionary<string, string> { ["EvidenceTitle"] = "Firewall review" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var evidence = await app.WithDbAsync(db => db.ControlEvidence.SingleAsync(e => e.AnswerId == id));
        var stored = Path.Combine(app.EvidenceFolder, evidence.StoredFileName!);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(stored));
        var webRoot = Path.GetFullPath(app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath);
        Assert.False(Path.GetFullPath(stored).StartsWith(webRoot, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ControlEntryKind.EvidenceAdded, await app.WithDbAsync(db => db.ControlAnswerHistory.Where(e => e.AnswerId == id).Select(e => e.Kind).SingleAsync()));

        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        foreach (var (who, href) in new[] { (client, $"{path}/files/{evidence.Id}"), (staff, $"/controls/answers/{id}/files/{evidence.Id}") })
        {
            using var download = await who.GetAsync(new Uri(href, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("Firewall review.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        }

        using var otherClient = await app.SignedInClientAsync(other.User);
        foreach (var href in new[] { $"{path}/files/{evidence.Id}", path, $"/portal/controls/{other.Answers["CE1"]}/files/{evidence.Id}" })
        {
            using var response = await otherClient.GetAsync(new Uri(href, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Verify_OnlyInPlace_ReturnWithReasonSupplierSees_ChangedAnswerNeedsVerifyingAgain()
    {
        using var organiser = await OrganiserAsync(app);
        var supplier = await AssessedSupplierAsync(app, organiser, ControlSet.CyberEssentialsId);
        using var client = await app.SignedInClientAsync(supplier.User);
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var inPlace = supplier.Answers["CE4"];
        var partly = supplier.Answers["CE5"];
        (await AnswerAsync(client, inPlace, "InPlace", comment: "MFA everywhere")).Dispose();
        (await AnswerAsync(client, partly, "PartlyInPlace", Today(app).AddDays(20))).Dispose();

        var partlyPage = await staff.GetDocumentAsync($"/controls/answers/{partly}");
        Assert.Null(partlyPage.QuerySelector($"form[action='/controls/answers/{partly}/verify']"));
        using var forced = await StaffAsync(staff, partly, "verify");
        Assert.Equal(["Only an answer of In place can be verified"], (await forced.ToDocumentAsync()).ErrorSummary());

        using var verified = await StaffAsync(staff, inPlace, "verify");
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal(ControlVerification.Verified, await app.WithDbAsync(db => db.ControlAnswers.Where(a => a.Id == inPlace).Select(a => a.Verification).SingleAsync()));

        using var emptyReason = await StaffAsync(staff, partly, "return");
        Assert.Equal(["Enter why you are returning the answer: the supplier sees this"], (await emptyReason.ToDocumentAsync()).ErrorSummary());
        using var returned = await StaffAsync(staff, partly, "return", "The plan has no owner. Name who delivers it");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var supplierView = await client.GetDocumentAsync($"/portal/controls/{partly}");
        Assert.Contains("The plan has no owner", supplierView.QuerySelector("#return-reason")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Returned", (await client.GetDocumentAsync("/portal/controls")).QuerySelector("tr[data-control='CE5'] [data-verification]")!.TextContent.Trim());

        (await AnswerAsync(client, inPlace, "InPlace", comment: "MFA everywhere, and hardware keys for admins")).Dispose();
        Assert.Equal(ControlVerification.Unverified, await app.WithDbAsync(db => db.ControlAnswers.Where(a => a.Id == inPlace).Select(a => a.Verification).SingleAsync()));
        Assert.NotNull((await staff.GetDocumentAsync($"/controls/answers/{inPlace}")).QuerySelector($"form[action='/controls/answers/{inPlace}/verify']"));
        foreach (var action in new[] { "Controls.Verified", "Controls.Returned" })
        {
            Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == action && e.OrganisationId == supplier.Organisation.Id)), action);
        }
    }

    [Fact]
    public async Task Verify_AfterTheSupplierChangedTheAnswer_RefusedAsOutOfDate()
    {
        using var organiser = await OrganiserAsync(app);
        var supplier = await AssessedSupplierAsync(app, organiser, ControlSet.CyberEssentialsId);
        using var client = await app.SignedInClientAsync(supplier.User);
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var id = supplier.Answers["CE2"];
        (await AnswerAsync(client, id, "InPlace")).Dispose();
        var shown = await staff.GetDocumentAsync($"/controls/answers/{id}");
        var staleVersion = shown.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        (await AnswerAsync(client, id, "PartlyInPlace", Today(app).AddDays(10))).Dispose();

        using var stale = await staff.PostFormAsync($"/controls/answers/{id}", $"/controls/answers/{id}/verify", new Dictionary<string, string> { ["Version"] = staleVersion });
        Assert.Equal(["The supplier changed this answer since you opened the page. Check it below, then try again"], (await stale.ToDocumentAsync()).ErrorSummary());
        Assert.Equal(ControlVerification.Unverified, await app.WithDbAsync(db => db.ControlAnswers.Where(a => a.Id == id).Select(a => a.Verification).SingleAsync()));
    }
}
