using System.Globalization;

namespace RoundtableManager.Tests.Invitations;

/// <summary>
/// What a form shows but never reads back ([ShownOnly]: the invitation, the organisation's contacts, who is replying) cannot be
/// set by posting it: the reply's delegates come from the organisation's own contacts and its wording from who is signed in.
/// </summary>
[Collection(SharedHosts.Invitations)]
public sealed class ShownOnlyTests(TestApp app)
{
    [Fact]
    public async Task Reply_PostedContactsAndByOrganiser_AreIgnoredAndNothingIsStored()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Shown");
        var other = await RsvpTestData.InviteAsync(app, roundtable, "Elsewhere");
        using var client = await RsvpTestData.SupplierAsync(app, invited);
        var stranger = other.Contacts[0];
        KeyValuePair<string, string>[] shownOnly =
        [
            new("ByOrganiser", "true"),
            new("Contacts[0].Id", stranger.Id.ToString(CultureInfo.InvariantCulture)),
            new("Contacts[0].OrganisationId", invited.Organisation.Id.ToString(CultureInfo.InvariantCulture)),
            new("Contacts[0].FullName", stranger.FullName),
            new("Contacts[0].Email", stranger.Email),
        ];

        // Another organisation's contact, offered in a posted list of "our" contacts, with the terms agreed.
        using (var posted = await InvitationTestData.PostAsync(client, "/portal", $"/portal/invitations/{invited.InvitationId}/confirm",
            [new("Answer", "Accepted"), new("AgreeTerms", "true"), new("Delegates[0].ContactId", stranger.Id.ToString(CultureInfo.InvariantCulture)), .. shownOnly]))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Contains("Select a contact from the list for delegate 1", (await posted.ToDocumentAsync()).ErrorSummary());
        }

        // "Replying for the organisation" changes what the terms error says: a supplier still gets its own wording.
        using (var posted = await InvitationTestData.PostAsync(client, "/portal", $"/portal/invitations/{invited.InvitationId}/confirm",
            [new("Answer", "Accepted"), new("AgreeTerms", "false"), new("Delegates[0].ContactId", invited.Contacts[0].Id.ToString(CultureInfo.InvariantCulture)), .. shownOnly]))
        {
            Assert.Equal(["Confirm your delegates agree to the attendance terms"], (await posted.ToDocumentAsync()).ErrorSummary());
        }

        var stored = await RsvpTestData.InvitationAsync(app, invited.InvitationId);
        Assert.Equal(InvitationResponse.None, stored.Response);
        Assert.Null(stored.RespondedUtc);
        Assert.False(stored.RecordedByOrganiser);
        Assert.Empty(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
    }
}
