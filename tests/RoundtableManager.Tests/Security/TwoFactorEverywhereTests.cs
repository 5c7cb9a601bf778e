using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// Two-factor sign-in is part of authorization itself, so no kind of endpoint can skip it (issue #16, finding 1). On the
/// shared Production host: the endpoint table is the one every environment maps, and the organiser is the test's own.
/// </summary>
[Collection(SharedHosts.Production)]
public sealed partial class TwoFactorEverywhereTests(ProductionApp app)
{
    [Fact]
    public async Task JobsDashboard_ProductionOrganiserWithPasswordOnly_RefusedUntilTwoFactorIsSetUp()
    {
        var organiser = await app.CreateUserAsync(Roles.Organiser, twoFactor: false);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://roundtables.example.gov.uk"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        using (var signIn = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = organiser.Password }))
        {
            Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        }

        foreach (var path in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/jobs/enqueued" })
        {
            using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/account/two-factor/setup", page.Headers.Location!.OriginalString);
        }

        // The app's antiforgery tokens are interchangeable between its pages and the dashboard (one IAntiforgery), so a
        // token from a page this person may open is as good as the dashboard's own.
        using (var trigger = await TriggerReminderSweepAsync(client, await FormTokenAsync(client, "/account/two-factor/setup")))
        {
            Assert.NotEqual(HttpStatusCode.NoContent, trigger.StatusCode);
            Assert.Equal("/account/two-factor/setup", trigger.Headers.Location?.OriginalString);
        }

        await SetUpTwoFactorAsync(app, client);

        using var dashboard = await client.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var html = await dashboard.Content.ReadAsStringAsync();
        var dashboardToken = AntiforgeryAttribute().Match(html);
        Assert.True(dashboardToken.Success, "the dashboard page carries its antiforgery token");
        using var allowed = await TriggerReminderSweepAsync(client, WebUtility.HtmlDecode(dashboardToken.Groups[1].Value));
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
    }

    [Fact]
    public async Task EveryEndpoint_IsAnonymousOrItsPolicyCarriesTwoFactor()
    {
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var problems = new List<string>();
        var exempt = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var name = endpoint.DisplayName ?? endpoint.ToString() ?? "?";
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                continue;
            }

            var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var policy = await AuthorizationPolicy.CombineAsync(policies, data, endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
                ?? await policies.GetFallbackPolicyAsync();
            if (policy is null || !policy.Requirements.Any(r => r is TwoFactorRequirement))
            {
                problems.Add($"{name}: its policy does not carry the two-factor requirement");
            }

            if (endpoint.Metadata.GetMetadata<AllowWithoutTwoFactorAttribute>() is not null)
            {
                exempt.Add(name);
            }
        }

        Assert.Empty(problems);
        Assert.Contains(endpoints, e => e.DisplayName?.Contains("hangfire", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Contains(endpoints, e => e.DisplayName?.Contains("health", StringComparison.OrdinalIgnoreCase) == true);
        // Only set-up, the account page and sign-out (and its page) can be reached before two-factor sign-in is set up.
        Assert.All(exempt, e => Assert.Matches("TwoFactorController|MyAccountController.Index|AccountController.SignOut|AccountController.ConfirmSignOut", e));
        Assert.True(endpoints.Count > 50, "the endpoint table looks too small to be the app's");
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryAttribute();

    private static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetDocumentAsync(path);
        return page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
    }

    internal static async Task<HttpResponseMessage> TriggerReminderSweepAsync(HttpClient client, string token)
    {
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "reminder-sweep" });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/hangfire/recurring/trigger", UriKind.Relative)) { Content = body };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    private static async Task SetUpTwoFactorAsync(TestApp app, HttpClient client)
    {
        var setup = await client.GetDocumentAsync("/account/two-factor/setup");
        var key = setup.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = Totp.Compute(Totp.DecodeKey(key), Totp.TimeStep(app.Clock.GetUtcNow()));
        using var done = await client.PostFormAsync("/account/two-factor/setup", "/account/two-factor/setup", new Dictionary<string, string>
        {
            ["Code"] = code,
            ["ProtectedKey"] = setup.QuerySelector<IHtmlInputElement>("input[name=ProtectedKey]")?.Value ?? "",
        });
        Assert.Equal("/account/two-factor/recovery-codes", done.Headers.Location?.OriginalString);
    }
}
