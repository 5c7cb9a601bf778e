namespace RoundtableManager.Tests.Operations;

/// <summary>
/// Single sign-on starts with a link (a form cannot be redirected to the provider under the CSP). A session must still
/// start only from the person's own action here (ASVS 7.6.2): a start another site sends the browser to goes to the
/// sign-in page and its button, not to the provider, which may answer at once from its own session.
/// </summary>
[Collection(SharedHosts.SingleSignOn)]
public sealed class SingleSignOnStartTests(SingleSignOnTests.Host host)
{
    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task Start_FromAnotherSite_ShowsTheSignInPageInstead(string fetchSite)
    {
        using var client = host.App.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sign-in/sso?returnUrl=%2Factions", UriKind.Relative));
        request.Headers.Add("Sec-Fetch-Site", fetchSite);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in?returnUrl=%2Factions", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("same-origin")]
    [InlineData("none")]
    [InlineData(null)]
    public async Task Start_FromThisSiteOrTyped_GoesToTheProvider(string? fetchSite)
    {
        using var client = host.App.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sign-in/sso", UriKind.Relative));
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(host.Provider.Authority, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
