namespace RoundtableManager.Tests.Security;

/// <summary>
/// For every portal route that takes an id (read from the endpoint table), the organisation that owns the thing can
/// open it and a supplier from another organisation gets 404, as if it did not exist (ids from <see cref="PortalSeeds"/>).
/// </summary>
[Collection(SharedHosts.Directory)]
public sealed class IsolationSweepTests(TestApp app)
{
    [Fact]
    public async Task EveryPortalRouteWithAnId_AnotherOrganisation_Gets404_WhileTheOwnerCanOpenIt()
    {
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var seeds = await PortalSeeds.CreateAsync(app, organiser, "Owner Ltd");
        var other = await AgendaTestData.InvitedSupplierAsync(app, await InvitationTestData.CreateRoundtableAsync(app), InvitationResponse.Accepted, "Other Ltd");
        using var ownerClient = await app.SignedInClientAsync(seeds.Supplier);
        using var otherClient = await app.SignedInClientAsync(other.User);
        var token = (await otherClient.GetDocumentAsync("/portal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var routes = AppRoute.All(app).Where(r => r.Policy == Policies.Supplier && r.Template.Contains('{', StringComparison.Ordinal)).ToList();
        Assert.True(routes.Count >= 5, $"only {routes.Count} portal routes with an id found");
        var problems = new List<string>();
        foreach (var route in routes)
        {
            var (path, missing) = seeds.Fill(route.Template);
            if (path is null)
            {
                problems.Add($"{route.Method} {route.Template}: no seed id for '{string.Join("', '", missing)}'; add one to PortalSeeds");
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
}
