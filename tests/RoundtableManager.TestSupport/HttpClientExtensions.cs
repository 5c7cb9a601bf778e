using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace RoundtableManager.TestSupport;

public static class HttpClientExtensions
{
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return await response.ToDocumentAsync();
    }

    public static async Task<IDocument> ToDocumentAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        return await Parser.OpenAsync(req => req.Content(html));
    }

    /// <summary>
    /// Loads <paramref name="formPage"/> to get its antiforgery token, then posts <paramref name="fields"/> to
    /// <paramref name="action"/>, as a browser would.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string action, IDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetDocumentAsync(formPage);
        var token = page.QuerySelectorAll<IHtmlInputElement>("input[name=__RequestVerificationToken]").FirstOrDefault()?.Value
            ?? throw new InvalidOperationException($"{formPage} has no antiforgery token");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>As <see cref="PostFormAsync"/>, for forms that send one name several times (checkboxes).</summary>
    public static async Task<HttpResponseMessage> PostFormValuesAsync(this HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetDocumentAsync(formPage);
        var token = page.QuerySelectorAll<IHtmlInputElement>("input[name=__RequestVerificationToken]").FirstOrDefault()?.Value
            ?? throw new InvalidOperationException($"{formPage} has no antiforgery token");
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>
    /// Loads <paramref name="formPage"/> for its antiforgery token, then posts a multipart form with one file, as a
    /// browser posts a file upload, with any other <paramref name="fields"/> of the form.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string formPage, string action, string fieldName, string fileName, byte[] content, string contentType = "text/csv", IDictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetDocumentAsync(formPage);
        var token = page.QuerySelectorAll<IHtmlInputElement>("input[name=__RequestVerificationToken]").FirstOrDefault()?.Value
            ?? throw new InvalidOperationException($"{formPage} has no antiforgery token");
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            body.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        body.Add(file, fieldName, fileName);
        return await client.PostAsync(new Uri(action, UriKind.Relative), body);
    }

    public static string Heading(this IDocument document) =>
        document?.QuerySelector("h1")?.TextContent.Trim() ?? "";

    public static IReadOnlyList<string> ErrorSummary(this IDocument document) =>
        document?.QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Trim()).ToList() ?? [];
}
