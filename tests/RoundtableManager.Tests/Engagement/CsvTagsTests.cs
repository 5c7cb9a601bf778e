namespace RoundtableManager.Tests.Engagement;

/// <summary>The optional Tags column of the directory's CSV import and export (issue #19, item 2).</summary>
[Collection(SharedHosts.Directory)]
public sealed class CsvTagsTests(TestApp app)
{
    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private Task<List<string>> TagsOfAsync(string organisation) =>
        app.WithDbAsync(db => db.OrganisationTags.Join(db.Organisations, t => t.OrganisationId, o => o.Id, (t, o) => new { t.TagId, o.Name })
            .Where(x => x.Name == organisation).Join(db.Tags, x => x.TagId, t => t.Id, (_, t) => t.Name).OrderBy(n => n).ToListAsync());

    private async Task<int> CreateTagAsync(HttpClient client, string name)
    {
        using var response = await client.PostFormAsync("/tags/new", "/tags/new", new Dictionary<string, string> { ["Name"] = name, ["Description"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var normalised = Tag.Normalise(name);
        return await app.WithDbAsync(db => db.Tags.Where(t => t.NormalisedName == normalised).Select(t => t.Id).SingleAsync());
    }

    [Fact]
    public async Task Import_TagsColumn_MatchesIgnoringCaseListsNewTagsBeforeConfirmAndCreatesThemOnConfirm()
    {
        using var client = await OrganiserAsync();
        var existing = TestNames.Unique("Strategic supplier");
        var existingId = await CreateTagAsync(client, existing);
        var fresh = TestNames.Unique("Health sector");
        var (alpha, beta) = (TestNames.Unique("Alpha Tags Ltd"), TestNames.Unique("Beta Tags Ltd"));
        var csv = $"Organisation,Contact name,Email,Tags\n"
            + $"{alpha},Ann Alpha,ann@{alpha[^6..]}.example,\"{existing.ToUpperInvariant()} ;  {fresh}\"\n"
            + $"{alpha},Al Alpha,al@{alpha[^6..]}.example,{fresh.ToLowerInvariant()}\n"
            + $"{beta},,,\n";

        var (url, preview) = await client.PreviewAsync(Encoding.UTF8.GetBytes(csv));
        Assert.Equal([fresh], preview.QuerySelectorAll("#import-new-tags li").Select(li => li.TextContent.Trim()));
        // Nothing exists before confirming.
        var freshKey = Tag.Normalise(fresh);
        Assert.False(await app.WithDbAsync(db => db.Tags.AnyAsync(t => t.NormalisedName == freshKey)));

        var done = await client.ConfirmAsync(url);
        Assert.Contains("1 new tag", done.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { fresh, existing }.Order(StringComparer.Ordinal), await TagsOfAsync(alpha));
        Assert.Empty(await TagsOfAsync(beta));
        // The existing tag was matched, not created again.
        Assert.Equal(1, await app.WithDbAsync(db => db.Tags.CountAsync(t => t.NormalisedName == Tag.Normalise(existing))));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Tag.Created" && e.Summary.Contains(fresh))));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Tag.AddedInBulk" && e.SubjectId == existingId.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        // The same file again changes nothing.
        var (_, again) = await client.PreviewAsync(Encoding.UTF8.GetBytes(csv));
        Assert.Empty(again.QuerySelectorAll("#import-new-tags li"));
        Assert.All(again.Rows(), r => Assert.Equal("Unchanged", r.Status));
    }

    [Fact]
    public async Task Import_TagWithLineBreakOrTooLong_RowRefusedNothingCreated()
    {
        using var client = await OrganiserAsync();
        var organisation = TestNames.Unique("Broken Tags Ltd");
        var longTag = new string('x', Tag.NameMaxLength + 1);
        var csv = $"Organisation,Tags\n\"{organisation}\",\"CNI\nInjected\"\n\"{organisation} Two\",{longTag}\n";

        var (url, preview) = await client.PreviewAsync(Encoding.UTF8.GetBytes(csv));
        var rows = preview.Rows();
        Assert.Equal("Tags must not contain line breaks or control characters", rows[0].Error);
        Assert.Contains($"maximum {Tag.NameMaxLength} characters", rows[1].Error, StringComparison.Ordinal);
        Assert.Empty(preview.QuerySelectorAll("#import-new-tags li"));
        await client.ConfirmAsync(url);
        Assert.False(await app.WithDbAsync(db => db.Tags.AnyAsync(t => t.NormalisedName == "INJECTED" || t.NormalisedName.StartsWith("CNI\n"))));
        Assert.False(await app.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name.StartsWith(organisation))));
    }

    [Fact]
    public async Task Export_WritesTheOrganisationsTags_AndReimportsUnchanged()
    {
        using var client = await OrganiserAsync();
        var (first, second) = (TestNames.Unique("CNI"), TestNames.Unique("Defence"));
        var organisation = TestNames.Unique("Exported Tags Ltd");
        var csv = $"Organisation,Contact name,Email,Tags\n{organisation},Eve Export,eve@{organisation[^6..]}.example,{second}; {first}\n{organisation},Ed Export,ed@{organisation[^6..]}.example,\n";
        var (url, _) = await client.PreviewAsync(Encoding.UTF8.GetBytes(csv));
        await client.ConfirmAsync(url);

        using var response = await client.GetAsync(new Uri("/suppliers/export?q=" + Uri.EscapeDataString(organisation), UriKind.Relative));
        var exported = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        var lines = exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Tags", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        // Every row of the organisation carries its tags, by name, separated as the import reads them.
        Assert.All(lines.Skip(1), line => Assert.EndsWith($",{string.Join("; ", new[] { first, second }.Order(StringComparer.Ordinal))}", line, StringComparison.Ordinal));

        var (_, preview) = await client.PreviewAsync(Encoding.UTF8.GetBytes(exported), "export.csv");
        Assert.All(preview.Rows(), r => Assert.Equal("Unchanged", r.Status));
        Assert.Empty(preview.QuerySelectorAll("#import-new-tags li"));
    }

    [Fact]
    public async Task CreateTag_NameWithSemicolon_RefusedBecauseItSeparatesTagsInCsv()
    {
        using var client = await OrganiserAsync();
        var name = TestNames.Unique("CNI; Defence");
        using var response = await client.PostFormAsync("/tags/new", "/tags/new", new Dictionary<string, string> { ["Name"] = name, ["Description"] = "" });
        var page = await response.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Tag name must not contain a semicolon (; separates tags in the directory's CSV files)"], page.ErrorSummary());
        Assert.Equal(name, page.QuerySelector("#Name")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Tags.AnyAsync(t => t.Name == name)));
    }
}
