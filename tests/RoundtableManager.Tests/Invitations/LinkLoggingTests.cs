namespace RoundtableManager.Tests.Invitations;

/// <summary>
/// On the shared logging host: everything, including ASP.NET Core's request logging, at Debug, so every line an operator
/// would see with Information set is there too.
/// </summary>
[Collection(SharedHosts.Logging)]
public sealed class LinkLoggingTests(DebugLoggingApp app)
{
    [Fact]
    public async Task Link_OpenedWithFrameworkLoggingAtInformation_TokenIsNeverLogged()
    {
        var before = app.Lines.Count;
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Logged {Guid.NewGuid():N}");
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var message = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single();
        var token = InvitationTestData.Token(message);
        var wrongToken = new string('Q', 43);

        Assert.Equal(HttpStatusCode.Redirect, (await InvitationTestData.OpenLinkAsync(app, "/invitation/" + token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await InvitationTestData.OpenLinkAsync(app, "/invitation/" + wrongToken)).Status);

        // The capture works: the framework did log the requests at Information, just not their paths.
        Assert.Contains(app.Lines.Skip(before), l => l.Contains("InvitationLinksController.Open", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Lines, l => l.Contains(token, StringComparison.Ordinal) || l.Contains(wrongToken, StringComparison.Ordinal));
    }
}
