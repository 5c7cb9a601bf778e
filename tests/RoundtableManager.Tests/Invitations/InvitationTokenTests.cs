namespace RoundtableManager.Tests.Invitations;

/// <summary>The personal link: a random token kept only as a hash, a GET that uses nothing up, and one "not valid" page for every dead link.</summary>
[Collection(SharedHosts.Invitations)]
public sealed class InvitationTokenTests(TestApp app)
{
    [Fact]
    public async Task Token_Is256RandomBitsAndOnlyItsHashIsStored()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Hashes {Guid.NewGuid():N}", contacts: 3);
        using var client = await InvitationTestData.OrganiserAsync(app);
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, contacts.Select(c => c.Id).ToArray()))).Dispose();

        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        var tokens = messages.Select(InvitationTestData.Token).ToList();
        Assert.All(tokens, t =>
        {
            Assert.Equal(43, t.Length);
            Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(t).Length);
        });
        Assert.Equal(3, tokens.Distinct().Count());

        // No table or column holds a token in plain text, not even the email waiting to be sent: its body has a
        // placeholder and the link is kept apart, encrypted (LinksAtRestTests follows it through sending).
        Assert.Empty(await Security.DatabaseScan.ColumnsHoldingAsync(app, tokens));
    }

    [Fact]
    public async Task Link_Get_ChangesNothingButTheOpenedTimeAndSendsPrivacyHeaders()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Opened {Guid.NewGuid():N}");
        using var client = await InvitationTestData.OrganiserAsync(app);
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var message = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single();
        var before = await SnapshotAsync(roundtable.Id);

        var firstOpen = app.Clock.GetUtcNow().UtcDateTime;
        var (status, html, response) = await InvitationTestData.OpenLinkAsync(app, InvitationTestData.LinkPath(message));
        using (response)
        {
            // The token leaves the address at once: the next page is a clean one.
            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.Equal("/invitation", response.Headers.Location!.OriginalString);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.CacheControl!.NoStore);
        }

        Assert.DoesNotContain("secret-room", html, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await InvitationTestData.OpenLinkAsync(app, InvitationTestData.LinkPath(message))).Response.Dispose();
        var after = await SnapshotAsync(roundtable.Id);
        var recipient = (await InvitationTestData.RecipientsAsync(app, roundtable.Id)).Single();
        Assert.Equal(firstOpen, recipient.LinkOpenedUtc!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(before, after);

        var invitationPage = await client.GetDocumentAsync($"/invitations/{recipient.InvitationId}");
        Assert.Equal("Link opened", invitationPage.QuerySelector($"tr[data-recipient='{recipient.Email}'] .govuk-tag")!.TextContent.Trim());
    }

    /// <summary>Everything about the roundtable's invitations except the opened time.</summary>
    private Task<string> SnapshotAsync(int roundtableId) => app.WithDbAsync(async db =>
    {
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.RoundtableId == roundtableId)
            .Select(i => new { i.Id, i.Response, i.RespondedUtc, i.RevokedUtc, i.OrganisationId }).ToListAsync();
        var recipients = await db.InvitationRecipients.AsNoTracking().Where(r => r.Invitation.RoundtableId == roundtableId)
            .Select(r => new { r.Id, r.TokenHash, r.TokenIssuedUtc, r.RevokedUtc, r.Email, r.ContactId }).ToListAsync();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.RoundtableId == roundtableId)
            .Select(m => new { m.Id, m.Status, m.Attempts, m.Subject }).ToListAsync();
        var roundtable = await db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == roundtableId);
        return System.Text.Json.JsonSerializer.Serialize(new { invitations, recipients, messages, roundtable.Status, roundtable.UpdatedUtc, roundtable.CalendarSequence });
    });

    [Fact]
    public async Task Link_WrongExpiredRevokedOrReplaced_AllGetTheSameNotValidPage()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Invalid links {Guid.NewGuid():N}", contacts: 3);
        var (other, otherContacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Revoked org {Guid.NewGuid():N}");
        using var client = await InvitationTestData.OrganiserAsync(app);
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, contacts.Select(c => c.Id).ToArray()), (other.Id, [otherContacts[0].Id]))).Dispose();
        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        var recipients = await InvitationTestData.RecipientsAsync(app, roundtable.Id);
        string LinkFor(Core.Suppliers.Contact contact) => InvitationTestData.LinkPath(messages.Single(m => m.ToAddress == contact.Email));
        var revokedLink = LinkFor(contacts[0]);
        var replacedLink = LinkFor(contacts[1]);
        var keptLink = LinkFor(contacts[2]);
        var revokedInvitationLink = LinkFor(otherContacts[0]);
        var revokedRecipient = recipients.Single(r => r.ContactId == contacts[0].Id);
        var replacedRecipient = recipients.Single(r => r.ContactId == contacts[1].Id);

        using (var revoke = await client.PostFormAsync($"/invitations/{revokedRecipient.InvitationId}/recipients/{revokedRecipient.Id}/revoke",
            $"/invitations/{revokedRecipient.InvitationId}/recipients/{revokedRecipient.Id}/revoke", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        }

        using (var resend = await client.PostFormAsync($"/invitations/{replacedRecipient.InvitationId}",
            $"/invitations/{replacedRecipient.InvitationId}/recipients/{replacedRecipient.Id}/resend", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        }

        var otherInvitation = recipients.Single(r => r.ContactId == otherContacts[0].Id).InvitationId;
        (await client.PostFormAsync($"/invitations/{otherInvitation}/revoke", $"/invitations/{otherInvitation}/revoke", new Dictionary<string, string>())).Dispose();

        var afterResend = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        var newLink = InvitationTestData.LinkPath(afterResend.Where(m => m.ToAddress == contacts[1].Email).MaxBy(m => m.Id)!);
        Assert.NotEqual(replacedLink, newLink);
        // The replaced email had not gone yet, so it is withdrawn rather than sent with a dead link (and its link is not kept).
        var replacedEmail = afterResend.Where(m => m.ToAddress == contacts[1].Email).MinBy(m => m.Id)!;
        Assert.Equal(OutboxStatus.Cancelled, replacedEmail.Status);
        Assert.Null(replacedEmail.ProtectedLinks);
        Assert.Equal(OutboxStatus.Cancelled, afterResend.Single(m => m.ToAddress == contacts[0].Email).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await InvitationTestData.OpenLinkAsync(app, keptLink)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await InvitationTestData.OpenLinkAsync(app, newLink)).Status);

        var wrong = "/invitation/" + System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var reference = await InvitationTestData.OpenLinkAsync(app, wrong);
        Assert.Equal(HttpStatusCode.NotFound, reference.Status);
        Assert.Equal("This link is not valid", (await reference.Response.ToDocumentAsync()).Heading());
        foreach (var path in new[] { "/invitation/not-a-token", revokedLink, replacedLink, revokedInvitationLink })
        {
            var (status, html, response) = await InvitationTestData.OpenLinkAsync(app, path);
            using (response)
            {
                Assert.Equal(HttpStatusCode.NotFound, status);
                Assert.Equal(InvitationTestData.WithoutAntiforgery(reference.Html), InvitationTestData.WithoutAntiforgery(html));
                Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
                Assert.True(response.Headers.CacheControl!.NoStore);
            }
        }

        reference.Response.Dispose();
    }

    [Fact]
    public async Task Link_AfterTheDeadline_IsNotValidUntilTheDeadlineMoves()
    {
        // The deadline a few minutes away, so passing it moves the shared host's clock by minutes only.
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var deadline = await InvitationTestData.DeadlineInMinutesAsync(app, roundtable.Id);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Expiring {Guid.NewGuid():N}");
        using var client = await InvitationTestData.OrganiserAsync(app);
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var link = InvitationTestData.LinkPath((await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single());
        var valid = await InvitationTestData.OpenLinkAsync(app, link);
        Assert.Equal(HttpStatusCode.Redirect, valid.Status);

        app.Clock.SetUtcNow(deadline.AddSeconds(1));
        var expired = await InvitationTestData.OpenLinkAsync(app, link);
        var wrong = await InvitationTestData.OpenLinkAsync(app, "/invitation/" + new string('A', 43));
        Assert.Equal(HttpStatusCode.NotFound, expired.Status);
        Assert.Equal(InvitationTestData.WithoutAntiforgery(wrong.Html), InvitationTestData.WithoutAntiforgery(expired.Html));

        await app.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RsvpDeadlineUtc, deadline.AddDays(2))));
        Assert.Equal(HttpStatusCode.Redirect, (await InvitationTestData.OpenLinkAsync(app, link)).Status);
    }
}
