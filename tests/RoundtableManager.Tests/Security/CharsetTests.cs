using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;

namespace RoundtableManager.Tests.Security;

/// <summary>ASVS 4.1.1: every text response says which character set it is in, and what it says is true.</summary>
[Collection(SharedHosts.Actions)]
public sealed partial class CharsetTests(TestApp app)
{
    [Fact]
    public async Task EveryKindOfTextResponse_NamesUtf8()
    {
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        using var client = await app.SignedInClientAsync(organiser);
        var dashboard = await client.GetStringAsync(new Uri("/hangfire", UriKind.Relative));
        var dashboardAssets = DashboardAsset().Matches(dashboard).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.True(dashboardAssets.Count >= 2, "the dashboard names its stylesheet and script");

        string[] paths =
        [
            "/health",
            "/sign-in",
            "/no-such-page",
            "/css/site.css",
            "/js/app.js",
            "/lib/govuk-frontend/govuk-frontend.min.css",
            "/lib/govuk-frontend/govuk-frontend.min.js",
            "/assets/manifest.json",
            "/assets/images/favicon.svg",
            $"/roundtables/{roundtable.Id}/responses/delegates.csv",
            "/suppliers/export",
            "/hangfire",
            .. dashboardAssets,
        ];
        var unlabelled = new List<string>();
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var type = response.Content.Headers.ContentType;
            Assert.True(type is not null, $"{path}: no Content-Type ({(int)response.StatusCode})");
            if (type.CharSet is not "utf-8")
            {
                unlabelled.Add($"{path}: {type}");
            }
        }

        Assert.Empty(unlabelled);
    }

    [Fact]
    public void StaticTextFiles_AreUtf8AsLabelled()
    {
        var root = app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        string[] textTypes = [".css", ".js", ".json", ".svg", ".txt", ".html", ".map"];
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => textTypes.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var ex = Record.Exception(() => strict.GetString(File.ReadAllBytes(file)));
            Assert.True(ex is null, $"{Path.GetRelativePath(root, file)} is not UTF-8");
        }
    }

    [GeneratedRegex("(?:href|src)=\"(/hangfire/(?:css|js)[^\"]+)\"")]
    private static partial Regex DashboardAsset();
}
