using System.Globalization;

namespace RoundtableManager.Tests.Invitations;

/// <summary>An invited organisation with its contacts, its invitation and the emailed link.</summary>
internal sealed record InvitedOrganisation(Organisation Organisation, List<Contact> Contacts, int InvitationId);

internal static class RsvpTestData
{
    public static async Task<Roundtable> RoundtableAsync(TestApp app, int capacity = 40, int delegatesPerOrganisation = 2)
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        await app.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtable.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Capacity, capacity).SetProperty(r => r.DelegatesPerOrganisation, delegatesPerOrganisation)));
        roundtable.Capacity = capacity;
        roundtable.DelegatesPerOrganisation = delegatesPerOrganisation;
        return roundtable;
    }

    /// <summary>Invites a new organisation (all its contacts) through the invitation service, as the organiser's pages do.</summary>
    public static async Task<InvitedOrganisation> InviteAsync(TestApp app, Roundtable roundtable, string name, int contacts = 2, OrganisationType type = OrganisationType.ManagedServiceProvider)
    {
        var (organisation, list) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)], contacts, 1, type);
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<InvitationService>().SendInvitationsAsync(roundtable.Id, list.Select(c => c.Id).ToList(), CancellationToken.None);
        Assert.Equal(CommandStatus.Done, result.Status);
        var invitationId = await app.WithDbAsync(db => db.Invitations.Where(i => i.RoundtableId == roundtable.Id && i.OrganisationId == organisation.Id).Select(i => i.Id).SingleAsync());
        return new(organisation, list, invitationId);
    }

    public static async Task<HttpClient> SupplierAsync(TestApp app, InvitedOrganisation invited, int contact = 0) =>
        await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Supplier, invited.Organisation.Id, invited.Contacts[contact].Email));

    /// <summary>Posts a whole reply to the confirm step, as the check page's "Send reply" button does.</summary>
    public static Task<HttpResponseMessage> ReplyAsync(HttpClient client, int invitationId, string answer, IReadOnlyList<(string Name, string Email)> delegates, bool agree = true, string? reason = null, string step = "confirm")
    {
        var fields = new List<KeyValuePair<string, string>> { new("Answer", answer), new("AgreeTerms", agree ? "true" : "false") };
        if (reason is not null)
        {
            fields.Add(new("DeclineReason", reason));
        }

        for (var i = 0; i < delegates.Count; i++)
        {
            var prefix = $"Delegates[{i.ToString(CultureInfo.InvariantCulture)}].";
            fields.Add(new(prefix + "FullName", delegates[i].Name));
            fields.Add(new(prefix + "Email", delegates[i].Email));
            fields.Add(new(prefix + "AccessNeeds", "Step-free access"));
            fields.Add(new(prefix + "DietaryRequirements", "Vegetarian"));
        }

        return InvitationTestData.PostAsync(client, "/portal", $"/portal/invitations/{invitationId}/{step}", fields);
    }

    public static (string Name, string Email)[] People(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => ($"{prefix} Person {i}", $"{prefix.ToLowerInvariant().Replace(' ', '-')}-{i}-{Guid.NewGuid():N}@delegates.example")).ToArray();

    public static Task<List<DelegateEntry>> DelegatesAsync(TestApp app, int roundtableId) =>
        app.WithDbAsync(db => db.Delegates.AsNoTracking().Where(d => d.RoundtableId == roundtableId).OrderBy(d => d.QueuedUtc).ThenBy(d => d.Id).ToListAsync());

    public static Task<Invitation> InvitationAsync(TestApp app, int invitationId) =>
        app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId));
}
