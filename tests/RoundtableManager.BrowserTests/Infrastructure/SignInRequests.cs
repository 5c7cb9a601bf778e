using AngleSharp.Html.Parser;

namespace RoundtableManager.BrowserTests.Infrastructure;

/// <summary>
/// Signs a user in through a journey's own browser context without drawing the sign-in forms: Playwright's request
/// context shares the context's cookies, so the forms are fetched and posted with their antiforgery tokens as the browser
/// would post them, and the pages after are the user's. In session 16's run of every journey, 81 of the 394 pages the
/// journeys loaded were these two forms; SignInJourneyTests still goes through them in the browser.
/// </summary>
internal static class SignInRequests
{
    /// <summary>Posts the sign-in form (and the security code form when asked for one); returns where the user lands.</summary>
    public static async Task<string> SignInAsync(IAPIRequestContext request, TestUser user, Func<string> securityCode)
    {
        var next = await PostFormAsync(request, "/sign-in", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        if (next.StartsWith("/sign-in/code", StringComparison.Ordinal))
        {
            next = await PostFormAsync(request, next, new() { ["Code"] = securityCode() });
        }

        return next;
    }

    /// <summary>Loads the form at <paramref name="path"/>, posts <paramref name="fields"/> with its token, and returns the redirect's target.</summary>
    private static async Task<string> PostFormAsync(IAPIRequestContext request, string path, Dictionary<string, string> fields)
    {
        var page = await request.GetAsync(path);
        var document = await new HtmlParser().ParseDocumentAsync(await page.TextAsync());
        var form = document.QuerySelector($"input[name={fields.Keys.First()}]")?.Closest("form")
            ?? throw new InvalidOperationException($"{path} has no form with {fields.Keys.First()}");
        var data = request.CreateFormData();
        data.Set("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value") ?? "");
        foreach (var (name, value) in fields)
        {
            data.Set(name, value);
        }

        var response = await request.PostAsync(form.GetAttribute("action") ?? path, new() { Form = data, MaxRedirects = 0 });
        return response.Status == 302 && response.Headers.TryGetValue("location", out var location)
            ? location
            : throw new InvalidOperationException($"Posting {path} answered {response.Status}, not a redirect:\n{await response.TextAsync()}");
    }
}
