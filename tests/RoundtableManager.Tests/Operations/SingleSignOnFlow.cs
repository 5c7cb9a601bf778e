using Microsoft.AspNetCore.WebUtilities;

namespace RoundtableManager.Tests.Operations;

/// <summary>
/// Drives the authorization code flow as a browser would: the app's button, the provider's authorize endpoint (a real
/// HTTP request to it), the callback and the app's completion step, stopping at each redirect so tests see every hop.
/// </summary>
internal static class SingleSignOnFlow
{
    public sealed record Outcome(HttpResponseMessage Final, Uri AuthorizeRequest, Uri Callback, IReadOnlyList<string> StartCookies) : IDisposable
    {
        public void Dispose() => Final.Dispose();
    }

    public static async Task<Outcome> SignInAsync(HttpClient app, string? returnUrl = null, HttpMessageHandler? providerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var page = await app.GetDocumentAsync("/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var link = page.QuerySelector("a[href^='/sign-in/sso']")?.GetAttribute("href") ?? throw new InvalidOperationException("The sign-in page offers no single sign-on");
        using var start = await app.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        var cookies = start.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        using var provider = new HttpClient(providerHandler ?? new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await provider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        var back = await app.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative));
        var next = back.Headers.Location;
        if (back.StatusCode != HttpStatusCode.Redirect || next is null || !next.OriginalString.StartsWith("/sign-in/sso/complete", StringComparison.Ordinal))
        {
            // The handler answered by itself (a failed or cancelled sign-in): that is the outcome.
            return new Outcome(back, authorize, callback, cookies);
        }

        back.Dispose();
        return new Outcome(await app.GetAsync(next), authorize, callback, cookies);
    }

    public static IReadOnlyDictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}
