using System.Globalization;

namespace RoundtableManager.Tests.Agenda;

internal static class AgendaTestData
{
    /// <summary>An organisation invited to the roundtable, with one recipient contact and a supplier account.</summary>
    public static async Task<(Organisation Organisation, TestUser User, string RecipientEmail)> InvitedSupplierAsync(TestApp app, Roundtable roundtable, InvitationResponse response, string name)
    {
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)], contacts: 1);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            var invitation = new Invitation { RoundtableId = roundtable.Id, OrganisationId = organisation.Id, Response = response, CreatedUtc = now, RespondedUtc = response == InvitationResponse.None ? null : now };
            invitation.Recipients.Add(new InvitationRecipient
            {
                ContactId = contacts[0].Id,
                Email = contacts[0].Email,
                Name = contacts[0].FullName,
                TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                TokenIssuedUtc = now,
                CreatedUtc = now,
            });
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
        });
        var user = await app.CreateUserAsync(Roles.Supplier, organisation.Id);
        return (organisation, user, contacts[0].Email);
    }

    public static Dictionary<string, string> ItemFields(string title, int minutes = 30, string marking = "Amber", string? description = null, string kind = "Item") => new()
    {
        ["Kind"] = kind,
        ["Title"] = title,
        ["Description"] = description ?? $"About {title}",
        ["Category"] = "SecurityControls",
        ["Duration"] = minutes.ToString(CultureInfo.InvariantCulture),
        ["Marking"] = marking,
        ["LeadUserId"] = "",
        ["LeadName"] = "",
        ["LeadOrganisation"] = "",
        ["ContractClauses"] = "",
    };

    public static async Task<int> AddItemAsync(TestApp app, HttpClient organiser, int roundtableId, Dictionary<string, string> fields)
    {
        var path = $"/roundtables/{roundtableId}/agenda/items/new";
        using var response = await organiser.PostFormAsync(path, path, fields);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.AgendaItems.Where(i => i.RoundtableId == roundtableId).MaxAsync(i => i.Id));
    }

    public static Task<List<AgendaItem>> ItemsAsync(TestApp app, int roundtableId) =>
        app.WithDbAsync(db => db.AgendaItems.AsNoTracking().Where(i => i.RoundtableId == roundtableId).OrderBy(i => i.Position).ToListAsync());
}
