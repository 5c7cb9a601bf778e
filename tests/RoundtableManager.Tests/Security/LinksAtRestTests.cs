using System.Text.RegularExpressions;
using MimeKit;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// Once an email has left the outbox (Sent or Failed), nothing in the database can be turned into a working link:
/// bodies are stored with placeholders, the links apart and encrypted, and wiped as the row leaves the queue.
/// </summary>
[Collection(SharedHosts.Smtp)]
public sealed partial class LinksAtRestTests(SmtpAppFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SentRetriedAndFailedEmails_DatabaseHoldsNoWorkingLink_DeliveredLinksWork()
    {
        var (smtp, app) = (fixture.Smtp, fixture.App);
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Links At Rest {Guid.NewGuid():N}", contacts: 2);
        var (refused, refusedContacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Refused Mail {Guid.NewGuid():N}", contacts: 1);

        // Two invitations through the pages (queued in bulk), and a set-password email (queued one at a time).
        (await InvitationTestData.SendAsync(organiser, roundtable.Id, (organisation.Id, [contacts[0].Id, contacts[1].Id]))).Dispose();
        var staffEmail = $"new.staff.{Guid.NewGuid():N}@example.gov.uk";
        (await organiser.PostFormAsync("/users/new", "/users/new", new Dictionary<string, string> { ["Name"] = "New Staff", ["Email"] = staffEmail, ["Role"] = Roles.Staff })).Dispose();

        // The server refuses the first delivery for now (451): the retry must still carry the working link.
        smtp.FailNext(1);
        var first = await app.RunSenderAsync();
        Assert.Equal((2, 1, 0), (first.Sent, first.Retrying, first.Failed));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = await app.RunSenderAsync();
        Assert.Equal(1, second.Sent);

        // A third invitation is refused for good (550): Failed, and its link is gone too.
        (await InvitationTestData.SendAsync(organiser, roundtable.Id, (refused.Id, [refusedContacts[0].Id]))).Dispose();
        smtp.FailNext(1, 550, "Mailbox unavailable");
        Assert.Equal(1, (await app.RunSenderAsync()).Failed);

        var delivered = smtp.Messages;
        Assert.Equal(3, delivered.Count);
        var invitationLinks = delivered.Select(m => InvitationLink().Match(m.Message.TextBody ?? "")).Where(m => m.Success).Select(m => new Uri(m.Value)).ToList();
        Assert.Equal(2, invitationLinks.Count);
        var accountEmail = delivered.Single(m => m.EnvelopeTo.Contains(staffEmail, StringComparer.OrdinalIgnoreCase)).Message;
        var accountLink = new Uri(AccountLink().Match(accountEmail.TextBody ?? "").Value);
        Assert.Contains(WebUtility.HtmlEncode(accountLink.AbsoluteUri), accountEmail.HtmlBody, StringComparison.Ordinal);
        var accountToken = Uri.UnescapeDataString(accountLink.Query.Split("token=")[1]);
        string[] tokens = [.. invitationLinks.Select(l => l.AbsolutePath["/invitation/".Length..]), accountToken];

        // Every text and blob column of every table, and the raw database files, in every form a token travels in.
        var needles = tokens.SelectMany(t => new[] { t, Uri.EscapeDataString(t), WebUtility.UrlEncode(t), WebUtility.HtmlEncode(Uri.EscapeDataString(t)) })
            .Concat(invitationLinks.Select(l => l.AbsoluteUri)).Append(accountLink.AbsoluteUri).Append(accountLink.Query)
            .Distinct().ToList();
        Assert.Empty(await DatabaseScan.ColumnsHoldingAsync(app, needles));
        Assert.Empty(DatabaseScan.FilesHolding(app, needles));
        var rows = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Sent, OutboxStatus.Sent, OutboxStatus.Failed], rows.Select(r => r.Status));
        Assert.All(rows, r => Assert.Null(r.ProtectedLinks));

        // The delivered links work: each invitation opens, and the account link sets a password.
        foreach (var link in invitationLinks)
        {
            var (status, _, response) = await InvitationTestData.OpenLinkAsync(app, link.AbsolutePath);
            response.Dispose();
            Assert.Equal(HttpStatusCode.Redirect, status);
        }

        using (var person = app.CreateBrowserLikeClient())
        {
            (await person.GetAsync(new Uri(accountLink.PathAndQuery, UriKind.Relative))).Dispose();
            using var set = await person.PostFormAsync("/account/set-password", "/account/set-password", new Dictionary<string, string> { ["Password"] = "copper lantern orchard mist", ["ConfirmPassword"] = "copper lantern orchard mist" });
            Assert.Equal("/sign-in", set.Headers.Location?.OriginalString);
        }

        // The email log still shows each message, with the link hidden; a failed one cannot be sent again without its link.
        var sentInvitation = rows.First(r => r.Kind == "Invitation" && r.Status == OutboxStatus.Sent);
        var shown = await organiser.GetDocumentAsync($"/emails/{sentInvitation.Id}");
        var text = shown.QuerySelector("pre")!.TextContent;
        Assert.Contains("Reply to this invitation:", text, StringComparison.Ordinal);
        Assert.Contains(WithheldLinks.Hidden, text, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens, t => shown.Source.Text.Contains(t, StringComparison.Ordinal));
        var failed = rows.Single(r => r.Status == OutboxStatus.Failed);
        var failedPage = await organiser.GetDocumentAsync($"/emails/{failed.Id}");
        Assert.NotNull(failedPage.QuerySelector("#link-not-kept"));
        Assert.Null(failedPage.QuerySelector($"form[action='/emails/{failed.Id}/retry']"));
        (await organiser.PostFormAsync($"/emails/{failed.Id}", $"/emails/{sentInvitation.Id}/retry", new Dictionary<string, string>())).Dispose();
        (await organiser.PostFormAsync($"/emails/{sentInvitation.Id}", $"/emails/{failed.Id}/retry", new Dictionary<string, string>())).Dispose();
        Assert.Equal(OutboxStatus.Failed, (await app.RowAsync(failed.Id)).Status);
    }

    [GeneratedRegex(@"http://\S+/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();

    [GeneratedRegex(@"http\S+/account/set-password\?\S+")]
    private static partial Regex AccountLink();

    /// <summary>
    /// The Pickup transport (the default), on the shared host put back before each test: the test sends everything due and
    /// expects its one file in the pickup folder (the <see cref="SharedHosts.Smtp"/> host sends over SMTP).
    /// </summary>
    [Collection(SharedHosts.Fresh)]
    public sealed class OnPickup(TestApp app) : IAsyncLifetime
    {
        public Task InitializeAsync() => app.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        [Fact]
        public async Task PickupTransport_FileHasTheWorkingLink_DatabaseDoesNot()
        {
            using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
            var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
            var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Pickup Links {Guid.NewGuid():N}", contacts: 1);
            (await InvitationTestData.SendAsync(organiser, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
            Assert.Equal(1, (await app.RunSenderAsync()).Sent);

            var file = Assert.Single(Directory.GetFiles(app.PickupFolder, "*.eml"));
            var message = await MimeMessage.LoadAsync(file);
            var link = new Uri(LinksAtRestTests.InvitationLink().Match(message.TextBody ?? "").Value);
            var token = link.AbsolutePath["/invitation/".Length..];
            Assert.Empty(await DatabaseScan.ColumnsHoldingAsync(app, [token]));
            Assert.Empty(DatabaseScan.FilesHolding(app, [token]));
            var (status, _, response) = await InvitationTestData.OpenLinkAsync(app, link.AbsolutePath);
            response.Dispose();
            Assert.Equal(HttpStatusCode.Redirect, status);
        }
    }
}
