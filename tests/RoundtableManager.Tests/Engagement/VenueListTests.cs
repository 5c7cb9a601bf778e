namespace RoundtableManager.Tests.Engagement;

/// <summary>The list for the venue and the sign-in sheet (issue #19 item 7): confirmed delegates only, access needs only when an organiser asks, and audited.</summary>
[Collection(SharedHosts.Invitations)]
public sealed class VenueListTests(TestApp app)
{
    private readonly ReportTestData _data = new(app);

    private async Task<(Roundtable Roundtable, string Ash, string Birch)> SeedAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ash = await app.CreateOrganisationAsync($"Ash Networks {suffix}");
        var birch = await app.CreateOrganisationAsync($"Birch Managed Services {suffix}");
        var cedar = await app.CreateOrganisationAsync($"Cedar Systems {suffix}");
        var elm = await app.CreateOrganisationAsync($"Elm Digital {suffix}");
        var roundtable = await _data.RoundtableAsync(DateTime.UtcNow.AddDays(20), RoundtableStatus.OpenForResponses);
        await _data.InviteAsync(roundtable, birch, InvitationResponse.Accepted, 1, people: [("Zoe Adams", "Step-free access and a hearing loop"), ("Amir Bell", null)]);
        var ashInvitation = await _data.InviteAsync(roundtable, ash, InvitationResponse.Accepted, 1, people: [("Yusuf Cole", ""), ("Wendy Waiting", null)]);
        await _data.InviteAsync(roundtable, cedar, InvitationResponse.Declined, 1);
        var revoked = await _data.InviteAsync(roundtable, elm, InvitationResponse.Accepted, 1, people: [("Rita Revoked", null)]);
        await app.WithDbAsync(async db =>
        {
            await db.Delegates.Where(d => d.InvitationId == ashInvitation.Id && d.FullName == "Wendy Waiting").ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DelegateStatus.Waitlisted));
            await db.Invitations.Where(i => i.Id == revoked.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedUtc, DateTime.UtcNow));
        });
        return (roundtable, ash.Name, birch.Name);
    }

    private Task<int> DisclosuresAsync(int roundtableId) =>
        app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "VenueList.AccessNeedsDisclosed" && e.SubjectId == roundtableId.ToString()));

    [Fact]
    public async Task VenueList_ConfirmedDelegatesByOrganisationThenName_NeedsOnlyWhenTickedAndAudited()
    {
        var (roundtable, ash, birch) = await SeedAsync();
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

        var page = await organiser.GetDocumentAsync($"/roundtables/{roundtable.Id}/venue-list");
        var rows = page.QuerySelectorAll("#venue-list tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([["Yusuf Cole", ash, "No"], ["Amir Bell", birch, "No"], ["Zoe Adams", birch, "Yes"]], rows);
        Assert.DoesNotContain("Step-free", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.False(page.QuerySelector("#needs") is AngleSharp.Html.Dom.IHtmlInputElement { IsChecked: true });
        Assert.Equal(0, await DisclosuresAsync(roundtable.Id));

        var csv = TableFiles.ReadCsv(await organiser.GetByteArrayAsync(new Uri($"/roundtables/{roundtable.Id}/venue-list.csv", UriKind.Relative)));
        Assert.Equal([["Name", "Organisation", "Has access needs"], ["Yusuf Cole", ash, "No"], ["Amir Bell", birch, "No"], ["Zoe Adams", birch, "Yes"]], csv);
        Assert.Equal(0, await DisclosuresAsync(roundtable.Id));

        var withNeeds = await organiser.GetDocumentAsync($"/roundtables/{roundtable.Id}/venue-list?needs=true");
        Assert.True(withNeeds.QuerySelector("#needs") is AngleSharp.Html.Dom.IHtmlInputElement { IsChecked: true });
        Assert.Equal(["Zoe Adams", birch, "Yes", "Step-free access and a hearing loop"], withNeeds.QuerySelectorAll("#venue-list tbody tr")[2].Children.Select(c => c.TextContent.Trim()));
        Assert.NotNull(withNeeds.QuerySelector(".govuk-warning-text"));
        Assert.Equal(1, await DisclosuresAsync(roundtable.Id));

        using var download = await organiser.GetAsync(new Uri($"/roundtables/{roundtable.Id}/venue-list.xlsx?needs=true", UriKind.Relative));
        Assert.Equal($"roundtable-{roundtable.Id}-venue-list-with-access-needs.xlsx", download.Content.Headers.ContentDisposition!.FileName);
        var sheet = XlsxSheet.Open(await download.Content.ReadAsByteArrayAsync(), out var document);
        using (document)
        {
            Assert.Equal(["Name", "Organisation", "Has access needs", "Access needs"], sheet.Values(4)[0]);
            Assert.Equal(["Zoe Adams", birch, "Yes", "Step-free access and a hearing loop"], sheet.Values(4)[3]);
        }

        Assert.Equal(2, await DisclosuresAsync(roundtable.Id));
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "VenueList.AccessNeedsDisclosed" && e.SubjectId == roundtable.Id.ToString()).Select(e => e.Summary).ToListAsync());
        Assert.Contains(audit, s => s.Contains("downloaded as XLSX", StringComparison.Ordinal) && s.Contains("1 delegate with access needs", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, s => s.Contains("Step-free", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_GetTheListWithoutNeeds_EvenWhenAsked()
    {
        var (roundtable, _, _) = await SeedAsync();
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var page = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}/venue-list?needs=true");
        Assert.Null(page.QuerySelector("#needs"));
        Assert.Equal(3, page.QuerySelectorAll("#venue-list thead th").Length);
        var csv = await staff.GetStringAsync(new Uri($"/roundtables/{roundtable.Id}/venue-list.csv?needs=true", UriKind.Relative));
        Assert.DoesNotContain("Step-free", csv, StringComparison.Ordinal);
        Assert.Equal(0, await DisclosuresAsync(roundtable.Id));
    }

    [Fact]
    public async Task SignInSheet_OneRowPerConfirmedDelegateWithASignatureBox()
    {
        var (roundtable, ash, birch) = await SeedAsync();
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var sheet = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}/sign-in-sheet");
        Assert.Equal(["Name", "Organisation", "Signature"], sheet.QuerySelectorAll("#sign-in thead th").Select(h => h.TextContent));
        Assert.Equal([["Yusuf Cole", ash], ["Amir Bell", birch], ["Zoe Adams", birch]],
            sheet.QuerySelectorAll("#sign-in tbody tr").Select(r => r.Children.Take(2).Select(c => c.TextContent.Trim()).ToArray()));
        Assert.All(sheet.QuerySelectorAll("#sign-in tbody tr"), r => Assert.Contains("rtm-sign-in__box", r.Children[2].ClassName, StringComparison.Ordinal));
        Assert.Equal("3 confirmed delegates", sheet.QuerySelector("#sign-in caption")!.TextContent);
        Assert.DoesNotContain("Step-free", sheet.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoundtable_NotFound_SupplierRefused()
    {
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        foreach (var url in new[] { "/roundtables/999999/venue-list", "/roundtables/999999/venue-list.csv", "/roundtables/999999/sign-in-sheet", "/roundtables/1/venue-list.pdf" })
        {
            using var response = await organiser.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var organisation = await app.CreateOrganisationAsync(TestNames.Unique("Vale Supplies"));
        using var supplier = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Supplier, organisation.Id));
        using var refused = await supplier.GetAsync(new Uri("/roundtables/1/venue-list.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
