using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Invitations;
using RoundtableManager.Tests.Agenda;
using RoundtableManager.Tests.Invitations;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// For every portal route that takes an id (read from the endpoint table), the organisation that owns the thing can
/// open it and a supplier from another organisation gets 404, as if it did not exist. Each id is filled in from the
/// path segment before it ("invitations/{id}" takes the owner's invitation); a new kind of id needs a seed below.
/// </summary>
public sealed partial class IsolationSweepTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task EveryPortalRouteWithAnId_AnotherOrganisation_Gets404_WhileTheOwnerCanOpenIt()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var elsewhere = await InvitationTestData.CreateRoundtableAsync(app);
        var owner = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Accepted, "Owner Ltd");
        var other = await AgendaTestData.InvitedSupplierAsync(app, elsewhere, InvitationResponse.Accepted, "Other Ltd");
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Isolation"));
        var publish = $"/roundtables/{roundtable.Id}/agenda/publish";
        (await organiser.PostFormAsync(publish, publish, new Dictionary<string, string>())).Dispose();
        using var ownerClient = await app.SignedInClientAsync(owner.User);
        using var otherClient = await app.SignedInClientAsync(other.User);
        var propose = $"/portal/roundtables/{roundtable.Id}/proposals/new";
        (await ownerClient.PostFormAsync(propose, propose, new Dictionary<string, string> { ["Category"] = "Contracting", ["Text"] = "Owner's own topic" })).Dispose();

        var seeds = await app.WithDbAsync(async db => new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["roundtables"] = roundtable.Id,
            ["invitations"] = await db.Invitations.Where(i => i.OrganisationId == owner.Organisation.Id).Select(i => i.Id).SingleAsync(),
            ["proposals"] = await db.Proposals.Where(p => p.OrganisationId == owner.Organisation.Id).Select(p => p.Id).SingleAsync(),
        });
        var token = (await otherClient.GetDocumentAsync("/portal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var routes = AppRoute.All(app).Where(r => r.Policy == Policies.Supplier && r.Template.Contains('{', StringComparison.Ordinal)).ToList();
        Assert.True(routes.Count >= 5, $"only {routes.Count} portal routes with an id found");
        var problems = new List<string>();
        foreach (var route in routes)
        {
            var missing = new List<string>();
            var path = "/" + Parameter().Replace(route.Template, m =>
            {
                var segment = route.Template[..m.Index].TrimEnd('/').Split('/')[^1];
                if (seeds.TryGetValue(segment, out var id))
                {
                    return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                missing.Add(segment);
                return "0";
            });
            if (missing.Count > 0)
            {
                problems.Add($"{route.Method} {route.Template}: no seed id for '{string.Join("', '", missing)}'; add one to this sweep");
                continue;
            }

            if (route.Method == "GET")
            {
                using var own = await ownerClient.GetAsync(new Uri(path, UriKind.Relative));
                if (own.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError)
                {
                    problems.Add($"GET {path} as its owner: {(int)own.StatusCode} (the seed does not open it, so the check below would prove nothing)");
                }
            }

            using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
            if (route.Method != "GET")
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            }

            using var response = await otherClient.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                problems.Add($"{route.Method} {path} as another organisation: {(int)response.StatusCode}, expected 404");
            }
        }

        Assert.Empty(problems);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
