using AngleSharp.Dom;

namespace RoundtableManager.Tests.Invitations;

/// <summary>The organiser's three steps (which organisations, who at each, check and send) and what sending leaves behind.</summary>
[Collection(SharedHosts.Invitations)]
public sealed class InviteWizardTests(TestApp app)
{
    private static List<string> Checked(IDocument page, string name) =>
        page.QuerySelectorAll($"input[name='{name}']:checked").Select(i => i.GetAttribute("value")!).ToList();

    [Fact]
    public async Task Invite_ThroughEveryPage_QueuesOneInvitationPerOrganisationAndOneEmailPerRecipient()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (alpha, alphaContacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Alpha MSP {Guid.NewGuid():N}", contacts: 3, primaries: 2);
        var (beta, betaContacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Beta MSP {Guid.NewGuid():N}", contacts: 1, primaries: 1);
        var (integrator, _) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Gamma SI {Guid.NewGuid():N}", type: OrganisationType.SystemsIntegrator);
        var (archived, _) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Archived MSP {Guid.NewGuid():N}");
        await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == archived.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsArchived, true)));
        using var client = await InvitationTestData.OrganiserAsync(app);

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
        using var client = await InvitationTestData.OrganiserAsync(app);

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
        using var client = await InvitationTestData.OrganiserAsync(app);
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
        using var client = await InvitationTestData.OrganiserAsync(app);
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();

        // Through the pages, an organisation already invited cannot be picked again (people are added on its invitation page).
        using var again = await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id, contacts[1].Id]));
        Assert.Equal(["Select at least one organisation to invite"], (await again.ToDocumentAsync()).ErrorSummary());
        Assert.Single(await InvitationTestData.RecipientsAsync(app, roundtable.Id));

        // The service itself never makes a second invitation for the organisation, and never emails someone twice.
        CommandResult<InvitesQueued> result;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<InvitationService>().SendInvitationsAsync(roundtable.Id, [contacts[0].Id, contacts[1].Id], CancellationToken.None);
        }

        Assert.Equal((CommandStatus.Done, 1, 1), (result.Status, result.Value.Organisations, result.Value.Recipients));
        var invitations = await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.RoundtableId == roundtable.Id));
        Assert.Equal(1, invitations);
        Assert.Equal(2, (await InvitationTestData.RecipientsAsync(app, roundtable.Id)).Count);
        Assert.Equal(2, (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Count);

        var step1 = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/invite");
        Assert.DoesNotContain(organisation.Id.ToString(), step1.QuerySelectorAll("input[name=OrganisationIds]").Select(i => i.GetAttribute("value")));
        Assert.Contains($"{organisation.Name}: already invited", step1.QuerySelector("#unavailable")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_DraftRoundtable_ExplainsWhyNot()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app, RoundtableStatus.Draft);
        using var client = await InvitationTestData.OrganiserAsync(app);
        var page = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/invite");
        Assert.Equal("You cannot invite organisations to this roundtable now", page.Heading());
    }

    [Fact]
    public async Task Send_TransactionFails_LeavesNeitherInvitationNorEmail()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Rolled Back {Guid.NewGuid():N}");
        using var client = await InvitationTestData.OrganiserAsync(app);
        // The database refuses this test's email row, as a full disk or a constraint would: the whole change must go. The
        // trigger names this contact's address only, so the other tests on the shared host are not refused, and goes after.
        var trigger = $"refuse_outbox_{Guid.NewGuid():N}";
        var create = $"CREATE TRIGGER {trigger} BEFORE INSERT ON OutboxMessages WHEN NEW.ToAddress = '{contacts[0].Email}' BEGIN SELECT RAISE(ABORT, 'refused'); END;";
        var drop = $"DROP TRIGGER {trigger};";
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(create));
        try
        {
            using var response = await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(drop));
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.RoundtableId == roundtable.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.InvitationRecipients.CountAsync(r => r.ContactId == contacts[0].Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RoundtableId == roundtable.Id || m.ToAddress == contacts[0].Email)));
    }
}
