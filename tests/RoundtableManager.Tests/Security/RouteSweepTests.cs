using System.Text.RegularExpressions;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// Sweeps over every route the app serves, read from its own endpoint table, so a new page is covered without anyone
/// adding it here: no POST works without an antiforgery token, and no government page opens for the wrong role.
/// </summary>
[Collection(SharedHosts.Directory)]
public sealed partial class RouteSweepTests
{
    private readonly TestApp _app;

    public RouteSweepTests(TestApp app) => _app = app;

    public sealed record Route(string Path, string Method, string? Policy, bool Anonymous);

    private List<Route> Routes() =>
        AppRoute.All(_app)
            .Select(r => new Route(
                "/" + Parameter().Replace(r.Template, m => m.Value.Contains(":guid", StringComparison.Ordinal) ? "3f2504e0-4f89-41d3-9a0c-0305e82c3301" : "1"),
                r.Method,
                r.Policy,
                r.Anonymous))
            .Where(r => !r.Path.Contains('{', StringComparison.Ordinal))
            .ToList();

    [Fact]
    public async Task EveryPost_WithoutAntiforgeryToken_IsRefused()
    {
        var organisation = await _app.CreateOrganisationAsync($"Sweep Ltd {Guid.NewGuid():N}");
        var clients = new Dictionary<string, HttpClient>
        {
            [Policies.Organiser] = await _app.SignedInClientAsync(await _app.CreateUserAsync(Roles.Organiser)),
            [Policies.Supplier] = await _app.SignedInClientAsync(await _app.CreateUserAsync(Roles.Supplier, organisation.Id)),
            ["anonymous"] = _app.CreateBrowserLikeClient(),
        };
        var posts = Routes().Where(r => r.Method == "POST").ToList();
        Assert.True(posts.Count >= 10, $"only {posts.Count} POST routes found");
        var problems = new List<string>();
        foreach (var route in posts)
        {
            var client = route.Anonymous ? clients["anonymous"] : route.Policy == Policies.Supplier ? clients[Policies.Supplier] : clients[Policies.Organiser];
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "x" });
            using var response = await client.PostAsync(new Uri(route.Path, UriKind.Relative), content);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                problems.Add($"POST {route.Path} answered {(int)response.StatusCode} without an antiforgery token");
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task EveryGovernmentRoute_WrongRole_Gets403()
    {
        var organisation = await _app.CreateOrganisationAsync($"Sweep Two Ltd {Guid.NewGuid():N}");
        using var supplier = await _app.SignedInClientAsync(await _app.CreateUserAsync(Roles.Supplier, organisation.Id));
        using var staff = await _app.SignedInClientAsync(await _app.CreateUserAsync(Roles.Staff));
        var token = await FormTokenAsync(supplier, "/account");
        var staffToken = await FormTokenAsync(staff, "/account");
        var routes = Routes().Where(r => r.Policy is Policies.Organiser or Policies.Staff).ToList();
        Assert.True(routes.Count >= 20, $"only {routes.Count} government routes found");
        var problems = new List<string>();
        foreach (var route in routes.Where(r => !r.Path.StartsWith("/hangfire", StringComparison.Ordinal)))
        {
            await Expect403(supplier, token, route, "supplier", problems);
            if (route.Policy == Policies.Organiser)
            {
                await Expect403(staff, staffToken, route, "staff", problems);
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task EveryPortalRoute_Government_Gets403()
    {
        using var staff = await _app.SignedInClientAsync(await _app.CreateUserAsync(Roles.Organiser));
        var token = await FormTokenAsync(staff, "/account");
        var problems = new List<string>();
        var routes = Routes().Where(r => r.Policy == Policies.Supplier).ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            await Expect403(staff, token, route, "organiser", problems);
        }

        Assert.Empty(problems);
    }

    private static async Task Expect403(HttpClient client, string token, Route route, string who, List<string> problems)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(route.Path, UriKind.Relative));
        if (route.Method != "GET")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        }

        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Forbidden)
        {
            problems.Add($"{route.Method} {route.Path} as {who}: {(int)response.StatusCode}");
        }
    }

    private static async Task<string> FormTokenAsync(HttpClient client, string page) =>
        (await client.GetDocumentAsync(page)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
