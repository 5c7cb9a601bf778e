using System.Net;
using AngleSharp.Dom;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RoundtableManager.Core.Email;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Invitations;
using RoundtableManager.Core.Roundtables;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Tests.Invitations;

public sealed class InviteFlowTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private static List<string> Checked(IDocument page, string name) =>
        page.QuerySelectorAll($"input[name='{name}']:checked").Select(i => i.GetAttribute("value")!).ToList();

    private static string Label(IDocument page, string inputId) => page.QuerySelector($"label[for='{inputId}']")!.TextContent;

    [Fact]
    public async Task Invite_ThroughEveryPage_QueuesOneInvitationPerOrganisationAndOneEmailPerRecipient()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (alpha, alphaContacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Alpha MSP {Guid.NewGuid():N}", contacts: 3, primaries: 2);
        var (beta, betaContacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Beta MSP {Guid.NewGuid():N}", contacts: 1, primaries: 1);
        var (integrator, _) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Gamma SI {Guid.NewGuid():N}", type: OrganisationType.SystemsIntegrator);
        var (archived, _) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Archived MSP {Guid.NewGuid():N}");
        await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == archived.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsArchived, true)));
        using var client = await OrganiserAsync();

        // Step 1: filter by type, select all shown (worked out on the server), then untick all but two.
        var filtered = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/invite?type=ManagedServiceProvider");
        var shown = filtered.QuerySelectorAll("input[name=OrganisationIds]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains(alpha.Id.ToString(), shown);
        Assert.Contains(beta.Id.ToString(), shown);
        Assert.DoesNotContain(integrator.Id.ToString(), shown);
        Assert.DoesNotContain(archived.Id.ToString(), shown);
        var all = (await client.ClickAsync(filtered, "Select all")).Page;
        Assert.Contains(alpha.Id.ToString(), Checked(all, "OrganisationIds"));
        Assert.Contains(beta.Id.ToString(), Checked(all, "OrganisationIds"));
        Assert.DoesNotContain(integrator.Id.ToString(), all.QuerySelectorAll("input[name=OrganisationIds]").Select(i => i.GetAttribute("value")));
        var onPage = all.QuerySelectorAll("input[name=Shown]").Select(i => new KeyValuePair<string, string>("Shown", i.GetAttribute("value")!)).ToList();
        using (var step1 = await InvitationTestData.PostAsync(client, $"/roundtables/{roundtable.Id}/invite", $"/roundtables/{roundtable.Id}/invite",
            [.. onPage, new("OrganisationIds", alpha.Id.ToString()), new("OrganisationIds", beta.Id.ToString()), new("Go", "continue")]))
        {
            Assert.Equal($"/roundtables/{roundtable.Id}/invite/recipients", step1.Headers.Location!.OriginalString);
        }

        // Step 2: primary contacts are ticked to start with.
        var recipientsPage = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/invite/recipients");
        Assert.Equal("Who should get the invitation?", recipientsPage.Heading());
        var alphaIndex = recipientsPage.QuerySelectorAll("input[type=hidden][name$='.OrganisationId']").ToList().FindIndex(i => i.GetAttribute("value") == alpha.Id.ToString());
        Assert.Equal(alphaContacts.Take(2).Select(c => c.Id.ToString()).Order(), Checked(recipientsPage, $"Groups[{alphaIndex}].ContactIds").Order());
        Assert.Equal([betaContacts[0].Id.ToString()], Checked(recipientsPage, $"Groups[{1 - alphaIndex}].ContactIds"));
        var groups = new List<KeyValuePair<string, string>>
        {
            new("Groups[0].OrganisationId", alpha.Id.ToString()),
            new("Groups[0].ContactIds", alphaContacts[0].Id.ToString()),
            new("Groups[0].ContactIds", alphaContacts[1].Id.ToString()),
            new("Groups[1].OrganisationId", beta.Id.ToString()),
            new("Groups[1].ContactIds", betaContacts[0].Id.ToString()),
            new("Go", "continue"),
        };
        using (var step2 = await InvitationTestData.PostAsync(client, $"/roundtables/{roundtable.Id}/invite/recipients", $"/roundtables/{roundtable.Id}/invite/recipients", groups))
        {
            Assert.Equal($"/roundtables/{roundtable.Id}/invite/check", step2.Headers.Location!.OriginalString);
        }

        // Step 3: check answers and preview.
        var check = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/invite/check");
        Assert.Equal("Check the invitations before sending", check.Heading());
        Assert.Equal("2 organisations, 3 people", check.QuerySelector("#invite-totals")!.TextContent.Trim());
        Assert.Equal("Invitation: " + roundtable.Title, check.QuerySelector("#preview-subject")!.TextContent.Trim());
        var preview = check.QuerySelector("#preview-body")!.TextContent;
        Assert.Contains("(a personal link for each person)", preview, StringComparison.Ordinal);
        Assert.Contains(InvitationTestData.Uk(roundtable.RsvpDeadlineUtc), preview, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-room", preview, StringComparison.Ordinal);
        Assert.Empty(await InvitationTestData.MessagesAsync(app, roundtable.Id));

        // Send.
        var sent = await client.ClickAsync(check, "Send invitations");
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal(roundtable.Title, sent.Page.Heading());

        var invitations = await app.WithDbAsync(db => db.Invitations.AsNoTracking().Where(i => i.RoundtableId == roundtable.Id).ToListAsync());
        Assert.Equal([alpha.Id, beta.Id], invitations.Select(i => i.OrganisationId).Order());
        var recipients = await InvitationTestData.RecipientsAsync(app, roundtable.Id);
        Assert.Equal(3, recipients.Count);
        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal(OutboxStatus.Queued, m.Status);
            Assert.Equal(InvitationService.InvitationKind, m.Kind);
            Assert.Equal("REQUEST", m.CalendarMethod);
            var recipient = recipients.Single(r => r.Id == m.InvitationRecipientId);
            Assert.Equal(recipient.Email, m.ToAddress);
            Assert.Equal(InvitationToken.Hash(InvitationTestData.Token(m)), recipient.TokenHash);
        });
        Assert.Equal(3, messages.Select(InvitationTestData.Token).Distinct().Count());

        var page = sent.Page;
        Assert.Contains("2 organisations invited", page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("3", page.QuerySelector("[data-email-status=queued]")!.TextContent.Trim());
        Assert.Equal("0", page.QuerySelector("[data-email-status=sent]")!.TextContent.Trim());
        foreach (var organisation in new[] { alpha, beta })
        {
            var row = page.QuerySelector($"#invitations tr[data-organisation='{organisation.Name}']")!;
            Assert.Equal("Queued", row.QuerySelector("[data-invitation-state]")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task Recipients_NothingTicked_ShowsErrorsAndSendsNothing()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, _) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Unticked {Guid.NewGuid():N}");
        using var client = await OrganiserAsync();

        using var none = await InvitationTestData.PostAsync(client, $"/roundtables/{roundtable.Id}/invite", $"/roundtables/{roundtable.Id}/invite", [new("Go", "continue")]);
        var step1 = await none.ToDocumentAsync();
        Assert.Equal(["Select at least one organisation to invite"], step1.ErrorSummary());

        using var empty = await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, []));
        var step2 = await empty.ToDocumentAsync();
        Assert.Equal([$"Select at least one person at {organisation.Name}"], step2.ErrorSummary());
        Assert.Equal("#Groups_0__ContactIds", step2.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.NotNull(step2.QuerySelector("#Groups_0__ContactIds"));
        Assert.Empty(Checked(step2, "Groups[0].ContactIds"));
        Assert.Empty(await InvitationTestData.MessagesAsync(app, roundtable.Id));
    }

    /// <summary>The check page's "Send invitations" sends what that page showed: a change made since (another tab) sends nothing.</summary>
    [Fact]
    public async Task Send_ChoiceChangedAfterTheCheckPage_SendsNothingAndShowsTheCheckAgain()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Two tabs {Guid.NewGuid():N}", contacts: 2);
        using var client = await OrganiserAsync();
        var invite = $"/roundtables/{roundtable.Id}/invite";
        (await InvitationTestData.PostAsync(client, invite, invite, [new("Shown", organisation.Id.ToString()), new("OrganisationIds", organisation.Id.ToString()), new("Go", "continue")])).Dispose();
        var check = await client.GetDocumentAsync($"{invite}/check");
        Assert.Equal("1 organisation, 1 person", check.QuerySelector("#invite-totals")!.TextContent.Trim());

        // Meanwhile, in another tab, both contacts are chosen.
        (await InvitationTestData.PostAsync(client, $"{invite}/recipients", $"{invite}/recipients",
            [new("Groups[0].OrganisationId", organisation.Id.ToString()), new("Groups[0].ContactIds", contacts[0].Id.ToString()), new("Groups[0].ContactIds", contacts[1].Id.ToString()), new("Go", "continue")])).Dispose();

        var stale = await client.ClickAsync(check, "Send invitations");
        Assert.Equal("Check the invitations before sending", stale.Page.Heading());
        Assert.Contains("changed after this page was shown", stale.Page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 organisation, 2 people", stale.Page.QuerySelector("#invite-totals")!.TextContent.Trim());
        Assert.Empty(await InvitationTestData.MessagesAsync(app, roundtable.Id));

        var sent = await client.ClickAsync(stale.Page, "Send invitations");
        Assert.Equal(roundtable.Title, sent.Page.Heading());
        Assert.Equal(2, (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Count);
    }

    [Fact]
    public async Task Invite_SameOrganisationTwice_ReusesTheInvitationAndEmailsOnlyNewPeople()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Twice {Guid.NewGuid():N}", contacts: 2);
        using var client = await OrganiserAsync();
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();

        // Through the pages, an organisation already invited cannot be picked again (people are added on its invitation page).
        using var again = await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id, contacts[1].Id]));
        Assert.Equal(["Select at least one organisation to invite"], (await again.ToDocumentAsync()).ErrorSummary());
        Assert.Single(await InvitationTestData.RecipientsAsync(app, roundtable.Id));

        // The service itself never makes a second invitation for the organisation, and never emails someone twice.
        InviteResult result;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<InvitationService>().SendInvitationsAsync(roundtable.Id, [contacts[0].Id, contacts[1].Id], CancellationToken.None);
        }

        Assert.Equal((InviteOutcome.Sent, 1, 1), (result.Outcome, result.Organisations, result.Recipients));
        var invitations = await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.RoundtableId == roundtable.Id));
        Assert.Equal(1, invitations);
        Assert.Equal(2, (await InvitationTestData.RecipientsAsync(app, roundtable.Id)).Count);
        Assert.Equal(2, (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Count);

        var step1 = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/invite");
        Assert.DoesNotContain(organisation.Id.ToString(), step1.QuerySelectorAll("input[name=OrganisationIds]").Select(i => i.GetAttribute("value")));
        Assert.Contains($"{organisation.Name}: already invited", step1.QuerySelector("#unavailable")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_Is256RandomBitsAndOnlyItsHashIsStored()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Hashes {Guid.NewGuid():N}", contacts: 3);
        using var client = await OrganiserAsync();
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
        using var client = await OrganiserAsync();
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
        using var client = await OrganiserAsync();
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
        await using var own = TestApp.Create();
        var roundtable = await InvitationTestData.CreateRoundtableAsync(own);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(own, "Expiring Ltd");
        using var client = await own.SignedInClientAsync(await own.CreateUserAsync(Roles.Organiser));
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var link = InvitationTestData.LinkPath((await InvitationTestData.MessagesAsync(own, roundtable.Id)).Single());
        var valid = await InvitationTestData.OpenLinkAsync(own, link);
        Assert.Equal(HttpStatusCode.Redirect, valid.Status);

        own.Clock.SetUtcNow(roundtable.RsvpDeadlineUtc.AddSeconds(1));
        var expired = await InvitationTestData.OpenLinkAsync(own, link);
        var wrong = await InvitationTestData.OpenLinkAsync(own, "/invitation/" + new string('A', 43));
        Assert.Equal(HttpStatusCode.NotFound, expired.Status);
        Assert.Equal(InvitationTestData.WithoutAntiforgery(wrong.Html), InvitationTestData.WithoutAntiforgery(expired.Html));

        await own.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RsvpDeadlineUtc, roundtable.RsvpDeadlineUtc.AddDays(2))));
        Assert.Equal(HttpStatusCode.Redirect, (await InvitationTestData.OpenLinkAsync(own, link)).Status);
    }

    [Fact]
    public async Task Calendar_ParsesBackWithUtcTimesUidSequenceAndNoJoiningDetails()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Calendar {Guid.NewGuid():N}");
        using var client = await OrganiserAsync();
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var message = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single();

        var calendar = Calendar.Load(message.CalendarContent!)!;
        Assert.Equal("REQUEST", calendar.Method);
        var calendarEvent = calendar.Events.Single();
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, contacts[0].Email), calendarEvent.Uid);
        Assert.Equal(roundtable.StartsUtc, calendarEvent.DtStart!.AsUtc);
        Assert.True(calendarEvent.DtStart.IsUtc);
        Assert.Equal(roundtable.EndsUtc, calendarEvent.DtEnd!.AsUtc);
        Assert.Equal(0, calendarEvent.Sequence);
        Assert.Equal(roundtable.Title, calendarEvent.Summary);
        Assert.Equal(roundtable.VenueAddress, calendarEvent.Location);
        Assert.Equal("mailto:roundtables@example.gov.uk", calendarEvent.Organizer!.Value!.ToString());
        var attendee = calendarEvent.Attendees.Single();
        Assert.Equal("mailto:" + contacts[0].Email, attendee.Value!.ToString());
        Assert.False(attendee.Rsvp);
        Assert.Contains("DTSTAMP:", message.CalendarContent, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-room", message.CalendarContent, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-room", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_TimeChangedOnOpenRoundtable_QueuesUpdatesWithHigherSequenceToCurrentRecipients()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Moved {Guid.NewGuid():N}", contacts: 2);
        using var client = await OrganiserAsync();
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, contacts.Select(c => c.Id).ToArray()))).Dispose();
        var revoked = (await InvitationTestData.RecipientsAsync(app, roundtable.Id)).Single(r => r.ContactId == contacts[1].Id);
        (await client.PostFormAsync($"/invitations/{revoked.InvitationId}/recipients/{revoked.Id}/revoke", $"/invitations/{revoked.InvitationId}/recipients/{revoked.Id}/revoke", new Dictionary<string, string>())).Dispose();

        // Only the title changes: no calendar update.
        var form = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/edit");
        var fields = form.QuerySelectorAll("form[action$='/edit'] input:not([type=radio]):not([type=hidden]), form[action$='/edit'] textarea")
            .ToDictionary(e => e.GetAttribute("name")!, e => e.TagName == "TEXTAREA" ? e.TextContent : e.GetAttribute("value") ?? "");
        fields["Status"] = "OpenForResponses";
        fields["Title"] = roundtable.Title + " (renamed)";
        (await client.PostFormAsync($"/roundtables/{roundtable.Id}/edit", $"/roundtables/{roundtable.Id}/edit", fields)).Dispose();
        Assert.Equal(2, (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Count);

        fields["StartTime"] = "11:00";
        fields["EndTime"] = "1pm";
        using var moved = await client.PostFormAsync($"/roundtables/{roundtable.Id}/edit", $"/roundtables/{roundtable.Id}/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var saved = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == roundtable.Id));
        Assert.Equal(1, saved.CalendarSequence);

        var update = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single(m => m.Kind == InvitationService.UpdateKind);
        Assert.Equal(contacts[0].Email, update.ToAddress);
        Assert.Equal("REQUEST", update.CalendarMethod);
        var calendarEvent = Calendar.Load(update.CalendarContent!)!.Events.Single();
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, contacts[0].Email), calendarEvent.Uid);
        Assert.Equal(1, calendarEvent.Sequence);
        Assert.Equal(saved.StartsUtc, calendarEvent.DtStart!.AsUtc);
        Assert.Equal(11, Core.Common.UkTime.ToUk(saved.StartsUtc).Hour);

        var page = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}");
        Assert.Contains("updated calendar entry is on its way to 1 person", page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_QueuesCalendarCancellationAndLinksStopWorking()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Cancelled {Guid.NewGuid():N}");
        using var client = await OrganiserAsync();
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var link = InvitationTestData.LinkPath((await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single());

        var confirm = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/cancel");
        Assert.Equal("Are you sure you want to cancel this roundtable?", confirm.Heading());
        using var cancelled = await client.PostFormAsync($"/roundtables/{roundtable.Id}/cancel", $"/roundtables/{roundtable.Id}/cancel", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);

        var cancellation = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single(m => m.Kind == InvitationService.CancellationKind);
        Assert.Equal("CANCEL", cancellation.CalendarMethod);
        var calendar = Calendar.Load(cancellation.CalendarContent!)!;
        Assert.Equal("CANCEL", calendar.Method);
        var calendarEvent = calendar.Events.Single();
        Assert.Equal("CANCELLED", calendarEvent.Status);
        Assert.Equal(1, calendarEvent.Sequence);
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, contacts[0].Email), calendarEvent.Uid);
        Assert.Equal(HttpStatusCode.NotFound, (await InvitationTestData.OpenLinkAsync(app, link)).Status);

        var page = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}");
        Assert.Equal("Cancelled", page.QuerySelector("main .govuk-tag")!.TextContent.Trim());
        Assert.Null(page.QuerySelector($"a[href='/roundtables/{roundtable.Id}/edit']"));
    }

    [Fact]
    public async Task RoundtablePage_ShowsSendingProgressAndFailureReasons()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Progress {Guid.NewGuid():N}", contacts: 3);
        using var client = await OrganiserAsync();
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, contacts.Select(c => c.Id).ToArray()))).Dispose();
        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        await app.WithDbAsync(async db =>
        {
            await db.OutboxMessages.Where(m => m.Id == messages[0].Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent));
            await db.OutboxMessages.Where(m => m.Id == messages[1].Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.LastError, "550 5.1.1 mailbox unavailable"));
        });

        var page = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}");
        Assert.Equal(("1", "1", "1"), (
            page.QuerySelector("[data-email-status=queued]")!.TextContent.Trim(),
            page.QuerySelector("[data-email-status=sent]")!.TextContent.Trim(),
            page.QuerySelector("[data-email-status=failed]")!.TextContent.Trim()));
        Assert.Equal("Sent", page.QuerySelector($"#invitations tr[data-organisation='{organisation.Name}'] [data-invitation-state]")!.TextContent.Trim());

        var invitationId = (await InvitationTestData.RecipientsAsync(app, roundtable.Id))[0].InvitationId;
        var invitation = await client.GetDocumentAsync($"/invitations/{invitationId}");
        var failed = invitation.QuerySelector($"tr[data-recipient='{messages[1].ToAddress}']")!;
        Assert.Equal("Failed", failed.QuerySelector(".govuk-tag")!.TextContent.Trim());
        Assert.Equal("550 5.1.1 mailbox unavailable", failed.QuerySelector("[data-failure-reason]")!.TextContent.Trim());
        Assert.Equal("Sent", invitation.QuerySelector($"tr[data-recipient='{messages[0].ToAddress}'] .govuk-tag")!.TextContent.Trim());
    }

    [Fact]
    public async Task AddRecipients_AddsOnlyNewPeopleToTheExistingInvitation()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Added {Guid.NewGuid():N}", contacts: 2);
        using var client = await OrganiserAsync();
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var invitationId = (await InvitationTestData.RecipientsAsync(app, roundtable.Id)).Single().InvitationId;

        var form = await client.GetDocumentAsync($"/invitations/{invitationId}/recipients/new");
        Assert.Equal([contacts[1].Id.ToString()], form.QuerySelectorAll("input[name=ContactIds]").Select(i => i.GetAttribute("value")));
        using var none = await InvitationTestData.PostAsync(client, $"/invitations/{invitationId}/recipients/new", $"/invitations/{invitationId}/recipients/new", []);
        Assert.Equal(["Select at least one person to invite"], (await none.ToDocumentAsync()).ErrorSummary());

        using var added = await InvitationTestData.PostAsync(client, $"/invitations/{invitationId}/recipients/new", $"/invitations/{invitationId}/recipients/new",
            [new("ContactIds", contacts[0].Id.ToString()), new("ContactIds", contacts[1].Id.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(2, (await InvitationTestData.RecipientsAsync(app, roundtable.Id)).Count);
        Assert.Equal(2, (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Count);
    }

    [Fact]
    public async Task Invite_DraftRoundtable_ExplainsWhyNot()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app, RoundtableStatus.Draft);
        using var client = await OrganiserAsync();
        var page = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/invite");
        Assert.Equal("You cannot invite organisations to this roundtable now", page.Heading());
    }

    [Fact]
    public async Task Send_TransactionFails_LeavesNeitherInvitationNorEmail()
    {
        await using var own = TestApp.Create();
        var roundtable = await InvitationTestData.CreateRoundtableAsync(own);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(own, "Rolled Back Ltd");
        using var client = await own.SignedInClientAsync(await own.CreateUserAsync(Roles.Organiser));
        // The database refuses the email row, as a full disk or a constraint would: the whole change must go.
        await own.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_outbox BEFORE INSERT ON OutboxMessages BEGIN SELECT RAISE(ABORT, 'refused'); END;"));

        using var response = await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await own.WithDbAsync(db => db.Invitations.CountAsync()));
        Assert.Equal(0, await own.WithDbAsync(db => db.InvitationRecipients.CountAsync()));
        Assert.Equal(0, await own.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }
}
