using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// Every log line the app writes, at the most detailed level an operator could set, is scanned for the secrets used
/// while it ran: passwords, security codes, recovery codes, account-link tokens, invitation tokens and feedback tokens.
/// </summary>
[Collection(SharedHosts.Logging)]
public sealed partial class SecretsInLogsTests(DebugLoggingApp app)
{
    [Fact]
    public async Task SecretsUsedInEveryFlow_NeverReachTheLog()
    {
        var before = app.Lines.Count;
        var secrets = new List<string>();

        // Password and security code.
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        secrets.Add(organiser.Password);
        using var client = app.CreateBrowserLikeClient();
        await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = organiser.Password });
        var code = app.NextSecurityCode(organiser);
        secrets.Add(code);
        await client.PostFormAsync("/sign-in/code", "/sign-in/code", new Dictionary<string, string> { ["Code"] = code });

        // A wrong password typed into the email box, and a wrong one in the password box.
        using var stranger = app.CreateBrowserLikeClient();
        await stranger.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = "amber-kestrel-typed-here", ["Password"] = "x" });
        await stranger.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = "violet harbour misspelt" });
        secrets.AddRange(["amber-kestrel-typed-here", "violet harbour misspelt"]);

        // A recovery code.
        var staff = await app.CreateUserAsync(Roles.Staff);
        string recovery;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(staff.Id))!, 1))!.Single();
        }

        secrets.Add(recovery);
        using (var staffClient = app.CreateBrowserLikeClient())
        {
            await staffClient.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = staff.Password });
            await staffClient.PostFormAsync("/sign-in/recovery-code", "/sign-in/recovery-code", new Dictionary<string, string> { ["RecoveryCode"] = recovery });
        }

        // An account link: its token, and the password chosen with it.
        var email = $"linked.{Guid.NewGuid():N}@example.gov.uk";
        await client.PostFormAsync("/users/new", "/users/new", new Dictionary<string, string> { ["Name"] = "Linked Person", ["Email"] = email, ["Role"] = Roles.Staff });
        var setup = app.WithLinksRestored(await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == email)));
        var link = new Uri(AccountLink().Match(setup.TextBody).Value);
        var accountToken = Uri.UnescapeDataString(link.Query.Split("token=")[1]);
        secrets.Add(accountToken);
        using (var person = app.CreateBrowserLikeClient())
        {
            await person.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
            await person.PostFormAsync("/account/set-password", "/account/set-password", new Dictionary<string, string> { ["Password"] = "quartz meadow lantern fig", ["ConfirmPassword"] = "quartz meadow lantern fig" });
        }

        secrets.Add("quartz meadow lantern fig");

        // An invitation link.
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, "Logged Secrets Ltd");
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var invitationToken = InvitationTestData.Token((await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single());
        secrets.Add(invitationToken);
        await InvitationTestData.OpenLinkAsync(app, "/invitation/" + invitationToken);

        // A feedback link: opened, answered, and opened again once withdrawn (the refusal is logged, the token is not).
        var held = await Engagement.FeedbackTestData.AttendedRoundtableAsync(app, organisations: 1);
        (await Engagement.FeedbackTestData.MarkHeldAsync(app, client, held.Roundtable.Id)).Dispose();
        var feedbackPath = (await Engagement.FeedbackTestData.LinksAsync(app, held.Roundtable.Id)).Values.Single();
        secrets.Add(feedbackPath["/feedback/".Length..]);
        var (feedbackClient, opened) = await Engagement.FeedbackTestData.OpenAsync(app, feedbackPath);
        using (feedbackClient)
        {
            opened.Dispose();
            (await Engagement.FeedbackTestData.AnswerAsync(feedbackClient, "4")).Dispose();
        }

        await app.WithDbAsync(db => db.FeedbackRequests.Where(f => f.RoundtableId == held.Roundtable.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.RevokedUtc, DateTime.UtcNow)));
        var (again, refused) = await Engagement.FeedbackTestData.OpenAsync(app, feedbackPath);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
        refused.Dispose();
        again.Dispose();

        Assert.True(app.Lines.Count - before > 100, $"only {app.Lines.Count - before} log lines were captured: the capture is not working");
        var leaks = app.Lines.SelectMany(line => secrets.Where(s => line.Contains(s, StringComparison.Ordinal)).Select(s => $"{s[..4]}… in: {line[..Math.Min(200, line.Length)]}")).ToList();
        Assert.Empty(leaks);
    }

    [GeneratedRegex(@"http\S+/account/set-password\?\S+")]
    private static partial Regex AccountLink();
}
