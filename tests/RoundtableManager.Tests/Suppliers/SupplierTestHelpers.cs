using AngleSharp.Dom;

namespace RoundtableManager.Tests.Suppliers;

internal static class SupplierTestHelpers
{
    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Suppliers", "Fixtures", name));

    public static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] content, string fileName = "suppliers.csv", string contentType = "text/csv") =>
        client.PostFileAsync("/suppliers/import", "/suppliers/import", "File", fileName, content, contentType);

    /// <summary>Uploads a file and follows the redirect to its preview.</summary>
    public static async Task<(string Url, IDocument Page)> PreviewAsync(this HttpClient client, byte[] content, string fileName = "suppliers.csv")
    {
        using var response = await client.UploadAsync(content, fileName);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await response.ToDocumentAsync();
            throw new InvalidOperationException($"Upload was refused ({(int)response.StatusCode}): {string.Join("; ", page.ErrorSummary())}");
        }

        var url = response.Headers.Location!.OriginalString;
        return (url, await client.GetDocumentAsync(url));
    }

    /// <summary>Imports the CSV <paramref name="text"/>: uploads it, then confirms its preview.</summary>
    public static async Task<IDocument> ImportCsvAsync(this HttpClient client, string text)
    {
        var (url, _) = await client.PreviewAsync(Csv(text));
        return await client.ConfirmAsync(url);
    }

    public static async Task<IDocument> ConfirmAsync(this HttpClient client, string previewUrl, bool unknownTypesAsOther = false)
    {
        var path = new Uri(new Uri("http://localhost"), previewUrl).AbsolutePath;
        using var response = await client.PostFormAsync(previewUrl, path + "/confirm", new Dictionary<string, string> { ["unknownTypesAsOther"] = unknownTypesAsOther ? "true" : "false" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>The preview's rows: row number, organisation, contact cell text, status and error.</summary>
    public static IReadOnlyList<PreviewRow> Rows(this IDocument page) =>
        page.QuerySelectorAll("#import-rows tbody tr").Select(tr =>
        {
            var cells = tr.QuerySelectorAll("td").ToList();
            return new PreviewRow(
                int.Parse(cells[0].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture),
                cells[1].TextContent.Trim(),
                cells[2].TextContent.Trim(),
                cells[3].QuerySelector(".govuk-tag")!.TextContent.Trim(),
                cells[3].QuerySelector("p")?.TextContent.Trim());
        }).ToList();

    public static IReadOnlyDictionary<string, int> Counts(this IDocument page) =>
        page.QuerySelectorAll("#import-counts .govuk-summary-list__row").ToDictionary(
            row => row.QuerySelector("dt")!.TextContent.Trim(),
            row => int.Parse(row.QuerySelector("dd")!.TextContent.Trim().Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed record PreviewRow(int Row, string Organisation, string Contact, string Status, string? Error);
