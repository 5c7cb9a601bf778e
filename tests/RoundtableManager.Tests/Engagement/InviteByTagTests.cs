namespace RoundtableManager.Tests.Engagement;

/// <summary>The invite step filters by tag: "invite everyone tagged X who is not yet invited" (issue #19, item 2).</summary>
[Collection(SharedHosts.Invitations)]
public sealed class InviteByTagTests(TestApp app)
{
    [Fact]
    public async Task InviteStep_FilteredByTag_SelectsEveryoneTaggedNotYetInvited()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (first, _) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Tagged One {suffix}");
        var (second, _) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Tagged Two {suffix}");
        var (invited, invitedContacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Tagged Invited {suffix}");
        var (untagged, _) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Untagged {suffix}");
        var tagName = $"CNI {suffix}";
        var tagId = await app.WithDbAsync(async db =>
        {
            var tag = new Tag { Name = tagName, NormalisedName = Tag.Normalise(tagName), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
            db.Tags.Add(tag);
            await db.SaveChangesAsync();
            db.OrganisationTags.AddRange(new[] { first, second, invited }.Select(o => new OrganisationTag { OrganisationId = o.Id, TagId = tag.Id, AddedUtc = DateTime.UtcNow }));
            await db.SaveChangesAsync();
            return tag.Id;
        });
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        using (var sent = await InvitationTestData.SendAsync(client, roundtable.Id, (invited.Id, [invitedContacts[0].Id])))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var page = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/invite?tag={tagId}");
        Assert.Equal(tagId.ToString(), page.QuerySelector("#Tag option[selected]")!.GetAttribute("value"));
        var shown = page.QuerySelectorAll("input[name=OrganisationIds]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(new[] { first.Id, second.Id }.Select(id => id.ToString()).Order(), shown.Order());

        var selected = await client.ClickAsync(page, $"Select all 2 organisations tagged {tagName} not yet invited");
        Assert.Contains("2 organisations selected", selected.Page.QuerySelector("#invite-selected")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"tag={tagId}", selected.Url, StringComparison.Ordinal);
        var chosen = await app.WithDbAsync(db => db.InviteSelections.Where(s => s.RoundtableId == roundtable.Id).Select(s => s.OrganisationIds).SingleAsync());
        Assert.Equal(string.Join(',', new[] { first.Id, second.Id }.Order()), chosen);
        Assert.DoesNotContain(untagged.Id.ToString(), chosen.Split(','));
    }
}
