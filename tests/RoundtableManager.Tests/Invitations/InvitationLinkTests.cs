namespace RoundtableManager.Tests.Invitations;

[Collection(SharedHosts.Invitations)]
public sealed class InvitationLinkTests(TestApp app)
{
    private async Task<(InvitedOrganisation Invited, string Link, string Email)> InvitedLinkAsync(string name)
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, name, contacts: 1);
        var message = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single(m => m.Kind == InvitationService.InvitationKind);
        return (invited, InvitationTestData.LinkPath(message), message.ToAddress);
    }

    [Fact]
    public async Task Link_FirstVisit_MovesTokenOutOfTheAddressAndCreatesAnAccountBoundToTheInvitedAddress()
    {
        var (invited, link, email) = await InvitedLinkAsync("Mike");
        using var client = app.CreateBrowserLikeClient();

        using var open = await client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal("/invitation", open.Headers.Location!.OriginalString);
        using var next = await client.GetAsync(new Uri("/invitation", UriKind.Relative));
        Assert.Equal("/invitation/account", next.Headers.Location!.OriginalString);

        var page = await client.GetDocumentAsync("/invitation/account");
        Assert.Equal("Create your account", page.Heading());
        Assert.Equal(email, page.QuerySelector("[data-fixed-email]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("input[name=Email]"));

        using var created = await client.PostFormAsync("/invitation/account", "/invitation/account", new Dictionary<string, string>
        {
            ["Email"] = "someone-else@attacker.example",
            ["Name"] = "Mike Contact",
            ["Password"] = "lantern orchard velvet compass",
            ["ConfirmPassword"] = "lantern orchard velvet compass",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/portal/invitations/{invited.InvitationId}", created.Headers.Location!.OriginalString);
        var account = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(invited.Organisation.Id, account.OrganisationId);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "someone-else@attacker.example")));
        var portal = await client.GetDocumentAsync($"/portal/invitations/{invited.InvitationId}");
        Assert.Equal("No reply yet", portal.QuerySelector("[data-answer]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Link_ReturningContact_GoesToSignInAndBackToTheInvitation()
    {
        var (invited, link, email) = await InvitedLinkAsync("November");
        var user = await app.CreateUserAsync(Roles.Supplier, invited.Organisation.Id, email);
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync(new Uri(link, UriKind.Relative))).Dispose();
        using var next = await client.GetAsync(new Uri("/invitation", UriKind.Relative));
        Assert.Equal("/sign-in?returnUrl=%2Finvitation", next.Headers.Location!.OriginalString);

        using var signIn = await client.PostFormAsync("/sign-in?returnUrl=%2Finvitation", "/sign-in", new Dictionary<string, string>
        {
            ["Email"] = user.Email,
            ["Password"] = user.Password,
            ["ReturnUrl"] = "/invitation",
        });
        Assert.Equal("/invitation", signIn.Headers.Location!.OriginalString);
        using var back = await client.GetAsync(new Uri("/invitation", UriKind.Relative));
        Assert.Equal($"/portal/invitations/{invited.InvitationId}", back.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Account_EightParallelPostsFromOneLink_OneAccountAndTheOthersToldItExists()
    {
        var (invited, link, email) = await InvitedLinkAsync("Romeo");
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync(new Uri(link, UriKind.Relative))).Dispose();
        var form = await client.GetDocumentAsync("/invitation/account");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Name"] = "Romeo Contact",
                ["Password"] = "lantern orchard velvet compass",
                ["ConfirmPassword"] = "lantern orchard velvet compass",
                ["__RequestVerificationToken"] = token,
            });
            var response = await client.PostAsync(new Uri("/invitation/account", UriKind.Relative), content);
            return (response.StatusCode, response.Headers.Location?.OriginalString, Heading: (await response.ToDocumentAsync()).Heading());
        }));

        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        Assert.Single(responses, r => r.OriginalString == $"/portal/invitations/{invited.InvitationId}");
        Assert.All(responses.Where(r => r.OriginalString is null), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Equal("An account already exists for this address", r.Heading);
        });
        Assert.Equal(8, responses.Length);
    }

    [Fact]
    public async Task Account_WeakPasswordOrMismatch_ShowsErrorsAndCreatesNothing()
    {
        var (_, link, email) = await InvitedLinkAsync("Oscar");
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync(new Uri(link, UriKind.Relative))).Dispose();
        using var response = await client.PostFormAsync("/invitation/account", "/invitation/account", new Dictionary<string, string>
        {
            ["Name"] = "Oscar Contact",
            ["Password"] = "short",
            ["ConfirmPassword"] = "different",
        });
        var page = await response.ToDocumentAsync();
        Assert.Contains("The passwords do not match", page.ErrorSummary());
        Assert.Equal("Oscar Contact", page.QuerySelector("input[name=Name]")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task CleanAddress_WithoutAnOpenedLink_IsTheSameNotValidPage()
    {
        using var client = app.CreateBrowserLikeClient();
        using var clean = await client.GetAsync(new Uri("/invitation", UriKind.Relative));
        using var wrong = await client.GetAsync(new Uri("/invitation/" + new string('B', 43), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, clean.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal("This link is not valid", (await clean.ToDocumentAsync()).Heading());
        Assert.Equal("This link is not valid", (await wrong.ToDocumentAsync()).Heading());
        using var account = await client.GetAsync(new Uri("/invitation/account", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, account.StatusCode);
    }

    [Fact]
    public async Task NewLink_KnownAndUnknownAddresses_SameAnswerButOnlyTheInvitedAddressGetsAnEmail()
    {
        var (invited, oldLink, email) = await InvitedLinkAsync("Papa");
        using var client = app.CreateBrowserLikeClient();
        var roundtableId = await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invited.InvitationId).Select(i => i.RoundtableId).SingleAsync());

        using var unknown = await client.PostFormAsync("/invitation/" + new string('C', 43), "/invitation/new-link", new Dictionary<string, string> { ["Email"] = "nobody@unknown.example" });
        using var known = await client.PostFormAsync("/invitation/" + new string('C', 43), "/invitation/new-link", new Dictionary<string, string> { ["Email"] = email.ToUpperInvariant() });
        var unknownPage = await unknown.ToDocumentAsync();
        var knownPage = await known.ToDocumentAsync();
        Assert.Equal("Check your email", knownPage.Heading());
        Assert.Equal(unknownPage.QuerySelector("main")!.TextContent, knownPage.QuerySelector("main")!.TextContent);

        var messages = (await InvitationTestData.MessagesAsync(app, roundtableId)).Where(m => m.Kind == InvitationService.InvitationKind).ToList();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(email, m.ToAddress));
        Assert.Equal(HttpStatusCode.NotFound, (await InvitationTestData.OpenLinkAsync(app, oldLink)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await InvitationTestData.OpenLinkAsync(app, InvitationTestData.LinkPath(messages[^1]))).Status);
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "nobody@unknown.example")));
    }

    [Fact]
    public async Task Link_RevokedAfterOpening_CannotBeUsedToCreateAnAccount()
    {
        var (invited, link, email) = await InvitedLinkAsync("Quebec");
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync(new Uri(link, UriKind.Relative))).Dispose();
        await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invited.InvitationId).ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedUtc, DateTime.UtcNow)));
        using var response = await client.PostFormAsync("/sign-in", "/invitation/account", new Dictionary<string, string>
        {
            ["Name"] = "Quebec Contact",
            ["Password"] = "lantern orchard velvet compass",
            ["ConfirmPassword"] = "lantern orchard velvet compass",
        });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }
}
