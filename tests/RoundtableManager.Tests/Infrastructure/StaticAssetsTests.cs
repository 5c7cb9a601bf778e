using System.IO.Compression;
using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace RoundtableManager.Tests.Infrastructure;

[Collection(SharedHosts.Actions)]
public sealed class StaticAssetsTests(TestApp app, ITestOutputHelper output)
{
    private const string Stylesheet = "/lib/govuk-frontend/govuk-frontend.min.css";

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Stylesheet_AskedCompressed_ComesCompressedAndUnchanged(string encoding)
    {
        using var client = app.CreateBrowserLikeClient();
        var plain = await client.GetByteArrayAsync(new Uri(Stylesheet, UriKind.Relative));

        using var request = new HttpRequestMessage(HttpMethod.Get, Stylesheet);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        await using var decoder = encoding == "br"
            ? (Stream)new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);

        Assert.Equal(plain, decoded.ToArray());
        Assert.True(compressed.Length * 3 < plain.Length, $"{encoding}: {compressed.Length:N0} bytes of {plain.Length:N0}");
        output.WriteLine($"{Stylesheet}: {plain.Length:N0} bytes, {compressed.Length:N0} as {encoding}");
    }

    [Fact]
    public async Task AppStylesheet_ClosesEveryBlockItOpens()
    {
        // A block left open runs to the end of the file: once, site.css's @media print never closed, and every rule after
        // it (the organisation record's timeline, the controls heatmap's fills and patterns) showed only on paper.
        using var client = app.CreateBrowserLikeClient();
        var css = await client.GetStringAsync(new Uri("/css/site.css", UriKind.Relative));
        var text = System.Text.RegularExpressions.Regex.Replace(css, @"/\*.*?\*/|""[^""]*""|'[^']*'", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        var depth = 0;
        foreach (var (line, number) in text.Split('\n').Select((l, i) => (l, i + 1)))
        {
            depth += line.Count(c => c == '{') - line.Count(c => c == '}');
            Assert.True(depth >= 0, $"site.css closes a block it never opened by line {number}");
        }

        Assert.True(depth == 0, $"site.css leaves {depth} block(s) open at its end");
    }

    [Fact]
    public async Task Page_AskedCompressed_IsNotCompressed()
    {
        // Pages carry antiforgery tokens beside what people typed: compressing them over HTTPS invites BREACH.
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/roundtables/new");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("<form", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionedStylesheet_CachedForAYear_UnversionedForAnHour()
    {
        using var client = app.CreateBrowserLikeClient();
        var page = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var versioned = System.Text.RegularExpressions.Regex.Match(page, "/lib/govuk-frontend/govuk-frontend\\.min\\.css\\?v=[^\"]+").Value;
        Assert.NotEmpty(versioned);

        using var fresh = await client.GetAsync(new Uri(WebUtility.HtmlDecode(versioned), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), fresh.Headers.CacheControl!.MaxAge);
        Assert.Contains(fresh.Headers.CacheControl.Extensions, e => e.Name == "immutable");

        using var plain = await client.GetAsync(new Uri(Stylesheet, UriKind.Relative));
        Assert.Equal(TimeSpan.FromHours(1), plain.Headers.CacheControl!.MaxAge);
        Assert.False(plain.Headers.CacheControl.NoStore);
    }
}
