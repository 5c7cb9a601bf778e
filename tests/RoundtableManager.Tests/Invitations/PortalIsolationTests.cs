namespace RoundtableManager.Tests.Invitations;

[Collection(SharedHosts.Invitations)]
public sealed class PortalIsolationTests(TestApp app)
{
    [Fact]
    public async Task EveryPortalRoute_AnotherOrganisationsInvitation_Answers404AndChangesNothing()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var a = await RsvpTestData.InviteAsync(app, roundtable, "Alpha");
        var b = await RsvpTestData.InviteAsync(app, roundtable, "Bravo");
        using var supplierA = await RsvpTestData.SupplierAsync(app, a);
        using var supplierB = await RsvpTestData.SupplierAsync(app, b);
        using (var accepted = await RsvpTestData.ReplyAsync(supplierB, b.InvitationId, "Accepted", RsvpTestData.People("Bravo", 1)))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var before = await RsvpTestData.DelegatesAsync(app, roundtable.Id);
        foreach (var path in new[] { $"/portal/invitations/{b.InvitationId}", $"/portal/invitations/{b.InvitationId}/reply" })
        {
            using var response = await supplierA.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        foreach (var step in new[] { "reply", "reply/change", "delegates", "delegates/change", "confirm" })
        {
            using var response = await RsvpTestData.ReplyAsync(supplierA, b.InvitationId, "Declined", [], step: step);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(InvitationResponse.Accepted, (await RsvpTestData.InvitationAsync(app, b.InvitationId)).Response);
        Assert.Equal(before.Select(d => (d.Id, d.Status)), (await RsvpTestData.DelegatesAsync(app, roundtable.Id)).Select(d => (d.Id, d.Status)));

        var home = await supplierA.GetDocumentAsync("/portal");
        var listed = home.QuerySelectorAll("tr[data-invitation]").Select(r => r.GetAttribute("data-invitation")).ToList();
        Assert.Contains(a.InvitationId.ToString(System.Globalization.CultureInfo.InvariantCulture), listed);
        Assert.DoesNotContain(b.InvitationId.ToString(System.Globalization.CultureInfo.InvariantCulture), listed);
        Assert.DoesNotContain(b.Organisation.Name, home.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitationPage_RevokedInvitation_Answers404()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var a = await RsvpTestData.InviteAsync(app, roundtable, "Alpha");
        using var supplier = await RsvpTestData.SupplierAsync(app, a);
        var path = new Uri($"/portal/invitations/{a.InvitationId}", UriKind.Relative);
        using (var before = await supplier.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == a.InvitationId).ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedUtc, DateTime.UtcNow)));

        using var after = await supplier.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task ContactPicker_AnotherOrganisationsContactId_IsRefused()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var a = await RsvpTestData.InviteAsync(app, roundtable, "Charlie");
        var b = await RsvpTestData.InviteAsync(app, roundtable, "Delta");
        using var supplierA = await RsvpTestData.SupplierAsync(app, a);
        using var response = await Invitations.InvitationTestData.PostAsync(supplierA, "/portal", $"/portal/invitations/{a.InvitationId}/confirm",
        [
            new("Answer", "Accepted"), new("AgreeTerms", "true"), new("Delegates[0].ContactId", b.Contacts[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        var page = await response.ToDocumentAsync();
        Assert.Contains("Select a contact from the list for delegate 1", page.ErrorSummary());
        Assert.Empty(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
        Assert.DoesNotContain(b.Contacts[0].Email, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_OrganiserAndAnonymous_CannotUseSupplierPages()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var a = await RsvpTestData.InviteAsync(app, roundtable, "Echo");
        // The host is shared with other classes that name delegates: no delegate anywhere is added by this visit.
        var before = await app.WithDbAsync(db => db.Delegates.CountAsync());
        using var anonymous = app.CreateBrowserLikeClient();
        using var response = await anonymous.GetAsync(new Uri($"/portal/invitations/{a.InvitationId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var count = await app.WithDbAsync(db => db.Delegates.CountAsync());
        Assert.Equal(before, count);
    }
}
