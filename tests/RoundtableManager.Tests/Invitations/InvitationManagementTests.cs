namespace RoundtableManager.Tests.Invitations;

/// <summary>An invitation after it is sent: sending progress on the roundtable's page, and people added to it.</summary>
[Collection(SharedHosts.Invitations)]
public sealed class InvitationManagementTests(TestApp app)
{
    [Fact]
    public async Task RoundtablePage_ShowsSendingProgressAndFailureReasons()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Progress {Guid.NewGuid():N}", contacts: 3);
        using var client = await InvitationTestData.OrganiserAsync(app);
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
        using var client = await InvitationTestData.OrganiserAsync(app);
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
}
