namespace RoundtableManager.Tests.Invitations;

public sealed class LinkLoggingTests
{
    [Fact]
    public async Task Link_OpenedWithFrameworkLoggingAtInformation_TokenIsNeverLogged()
    {
        // Settings an operator might use: everything, including ASP.NET Core's request logging, at Information.
        await using var app = new LoggingTestApp(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, "Logged Ltd");
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var message = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single();
        var token = InvitationTestData.Token(message);
        var wrongToken = new string('Q', 43);

        Assert.Equal(HttpStatusCode.Redirect, (await InvitationTestData.OpenLinkAsync(app, "/invitation/" + token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await InvitationTestData.OpenLinkAsync(app, "/invitation/" + wrongToken)).Status);

        // The capture works: the framework did log the requests at Information, just not their paths.
        Assert.Contains(app.Lines, l => l.Contains("InvitationLinksController.Open", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Lines, l => l.Contains(token, StringComparison.Ordinal) || l.Contains(wrongToken, StringComparison.Ordinal));
    }
}
