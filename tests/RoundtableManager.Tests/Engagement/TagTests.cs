using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace RoundtableManager.Tests.Engagement;

/// <summary>Segments (issue #19, item 2): organisers define tags and give them to organisations, one at a time or in bulk from the directory.</summary>
[Collection(SharedHosts.Directory)]
public sealed class TagTests(TestApp app)
{
    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private async Task<int> CreateTagAsync(HttpClient client, string name, string description = "")
    {
        using var response = await client.PostFormAsync("/tags/new", "/tags/new", new Dictionary<string, string> { ["Name"] = name, ["Description"] = description });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var normalised = Tag.Normalise(name);
        return await app.WithDbAsync(db => db.Tags.Where(t => t.NormalisedName == normalised).Select(t => t.Id).SingleAsync());
    }

    private Task<List<string>> TagsOfAsync(int organisationId) =>
        app.WithDbAsync(db => db.OrganisationTags.Where(t => t.OrganisationId == organisationId).Join(db.Tags, o => o.TagId, t => t.Id, (o, t) => t.Name).OrderBy(n => n).ToListAsync());

    [Fact]
    public async Task CreateTag_Valid_ListedWithItsDescriptionAndAudited()
    {
        using var client = await OrganiserAsync();
        var name = TestNames.Unique("Strategic supplier");
        var id = await CreateTagAsync(client, $"  {name}  ", "Suppliers the programme\r\nworks with most");

        var list = await client.GetDocumentAsync("/tags");
        Assert.Contains($"Tag {name} created", list.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        var row = list.QuerySelectorAll("#tags tbody tr").Single(r => r.QuerySelector(".govuk-tag")!.TextContent == name);
        Assert.Contains("works with most", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Suppliers the programme\nworks with most", await app.WithDbAsync(db => db.Tags.Where(t => t.Id == id).Select(t => t.Description).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Tag.Created" && e.SubjectId == id.ToString())));
    }

    [Fact]
    public async Task CreateTag_BadInput_ErrorSummaryNothingSavedTypedTextKept()
    {
        using var client = await OrganiserAsync();
        var name = TestNames.Unique("CNI");
        await CreateTagAsync(client, name);
        var before = await app.WithDbAsync(db => db.Tags.CountAsync());

        using var duplicate = await client.PostFormAsync("/tags/new", "/tags/new", new Dictionary<string, string> { ["Name"] = $" {name.ToLowerInvariant()} ", ["Description"] = "Keep me" });
        var page = await duplicate.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal([$"A tag called {name} already exists"], page.ErrorSummary());
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal($" {name.ToLowerInvariant()} ", page.QuerySelector("#Name")!.GetAttribute("value"));
        Assert.Equal("Keep me", page.QuerySelector("#Description")!.TextContent);

        using var lineBreak = await client.PostFormAsync("/tags/new", "/tags/new", new Dictionary<string, string> { ["Name"] = "Health\r\nsector", ["Description"] = "" });
        Assert.Equal(["Tag name must not contain line breaks or control characters"], (await lineBreak.ToDocumentAsync()).ErrorSummary());

        using var empty = await client.PostFormAsync("/tags/new", "/tags/new", new Dictionary<string, string> { ["Name"] = "  ", ["Description"] = "" });
        Assert.Equal(["Enter the tag name"], (await empty.ToDocumentAsync()).ErrorSummary());
        Assert.Equal(before, await app.WithDbAsync(db => db.Tags.CountAsync()));
    }

    [Fact]
    public async Task RenameAndDelete_ConfirmationSaysHowManyCarryItAndDeleteTakesItOffThem()
    {
        using var client = await OrganiserAsync();
        var id = await CreateTagAsync(client, TestNames.Unique("Energy"));
        var first = await app.CreateOrganisationAsync(TestNames.Unique("Fenland Power IT"));
        var second = await app.CreateOrganisationAsync(TestNames.Unique("Grid Secure"));
        foreach (var organisation in new[] { first, second })
        {
            using var add = await client.PostFormAsync($"/suppliers/{organisation.Id}", $"/suppliers/{organisation.Id}/tags", new Dictionary<string, string> { ["TagId"] = id.ToString() });
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }

        var renamed = TestNames.Unique("Energy sector");
        using var rename = await client.PostFormAsync($"/tags/{id}/edit", $"/tags/{id}/edit", new Dictionary<string, string> { ["Name"] = renamed, ["Description"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        Assert.Equal([renamed], await TagsOfAsync(first.Id));

        var confirm = await client.GetDocumentAsync($"/tags/{id}/delete");
        Assert.Equal($"Are you sure you want to delete the tag {renamed}?", confirm.Heading());
        Assert.Contains("2 organisations carry this tag", confirm.QuerySelector("#carried-by")!.TextContent, StringComparison.Ordinal);
        var deleted = await client.ClickAsync(confirm, "Delete tag");
        Assert.Contains($"Tag {renamed} deleted", deleted.Page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await TagsOfAsync(first.Id));
        Assert.Empty(await TagsOfAsync(second.Id));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Tag.Deleted" && e.Summary.Contains("taking it off 2 organisations"))));
    }

    [Fact]
    public async Task OrganisationPage_AddAndRemoveATag()
    {
        using var client = await OrganiserAsync();
        var name = TestNames.Unique("Central government");
        var id = await CreateTagAsync(client, name);
        var organisation = await app.CreateOrganisationAsync(TestNames.Unique("Whitehall Systems"));

        var page = await client.GetDocumentAsync($"/suppliers/{organisation.Id}");
        var select = (IHtmlSelectElement)page.QuerySelector("#TagId")!;
        select.Value = id.ToString();
        var added = await client.ClickAsync(page, "Add tag");
        Assert.Equal([name], added.Page.QuerySelectorAll("#organisation-tags .govuk-tag").Select(t => t.TextContent));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Tag.Added" && e.OrganisationId == organisation.Id)));

        var removed = await client.ClickAsync(added.Page, "Remove");
        Assert.Null(removed.Page.QuerySelector("#organisation-tags"));
        Assert.Empty(await TagsOfAsync(organisation.Id));
    }

    [Fact]
    public async Task Directory_FiltersByTagAndShowsEachOrganisationsTags()
    {
        using var client = await OrganiserAsync();
        var prefix = TestNames.Unique("Filterby");
        var tag = TestNames.Unique("Defence");
        var id = await CreateTagAsync(client, tag);
        var tagged = await app.CreateOrganisationAsync($"{prefix} Tagged");
        await app.CreateOrganisationAsync($"{prefix} Untagged");
        using (var add = await client.PostFormAsync($"/suppliers/{tagged.Id}", $"/suppliers/{tagged.Id}/tags", new Dictionary<string, string> { ["TagId"] = id.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }

        var all = await client.GetDocumentAsync($"/suppliers?q={Uri.EscapeDataString(prefix)}");
        Assert.Equal(2, all.QuerySelectorAll("#directory tbody tr").Length);
        var row = all.QuerySelectorAll("#directory tbody tr").Single(r => r.TextContent.Contains("Tagged", StringComparison.Ordinal) && !r.TextContent.Contains("Untagged", StringComparison.Ordinal));
        Assert.Equal([tag], row.QuerySelectorAll(".govuk-tag").Select(t => t.TextContent));

        var filtered = await client.GetDocumentAsync($"/suppliers?q={Uri.EscapeDataString(prefix)}&tag={id}");
        Assert.Equal([$"{prefix} Tagged"], filtered.QuerySelectorAll("#directory tbody tr td a").Select(a => a.TextContent.Trim()));
        Assert.Equal(id.ToString(), ((IHtmlSelectElement)filtered.QuerySelector("#Tag")!).Value);

        using var export = await client.GetAsync(new Uri($"/suppliers/export?q={Uri.EscapeDataString(prefix)}&tag={id}", UriKind.Relative));
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Contains($"{prefix} Tagged", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Untagged", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_TickedBoxes_TagOnlyThoseAndRemoveTakesItOff()
    {
        using var client = await OrganiserAsync();
        var prefix = TestNames.Unique("Ticked");
        var tag = TestNames.Unique("Health");
        var id = await CreateTagAsync(client, tag);
        var organisations = new List<Organisation>();
        for (var i = 0; i < 3; i++)
        {
            organisations.Add(await app.CreateOrganisationAsync($"{prefix} {i}"));
        }

        var page = await client.GetDocumentAsync($"/suppliers?q={Uri.EscapeDataString(prefix)}");
        ((IHtmlSelectElement)page.QuerySelector("#TagId")!).Value = id.ToString();
        foreach (var organisation in organisations.Take(2))
        {
            Tick(page, organisation.Id);
        }

        var done = await client.ClickAsync(page, "Apply to the ticked organisations");
        Assert.Contains("Tag added to 2 organisations", done.Page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"q={Uri.EscapeDataString(prefix)}", done.Url, StringComparison.Ordinal);
        Assert.Equal([tag, tag, ""], await TagListsAsync(organisations));

        var again = done.Page;
        ((IHtmlSelectElement)again.QuerySelector("#TagId")!).Value = id.ToString();
        ((IHtmlInputElement)again.QuerySelector("#Operation-remove")!).IsChecked = true;
        Tick(again, organisations[0].Id);
        var removed = await client.ClickAsync(again, "Apply to the ticked organisations");
        Assert.Contains("Tag removed from 1 organisation", removed.Page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["", tag, ""], await TagListsAsync(organisations));
    }

    [Fact]
    public async Task Bulk_AllMatchingTheFilter_TagsEveryPageWithoutGrowingTheForm()
    {
        using var client = await OrganiserAsync();
        var prefix = TestNames.Unique("Thousands");
        var id = await CreateTagAsync(client, TestNames.Unique("Programme wave 2"));
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < DirectoryQuery.PageSize * 3 + 5; i++)
            {
                var name = $"{prefix} {i:D3}";
                db.Organisations.Add(new Organisation { Name = name, NormalisedName = Organisation.Normalise(name), Type = OrganisationType.ManagedServiceProvider, CreatedUtc = now, UpdatedUtc = now });
            }

            await db.SaveChangesAsync();
        });
        var outside = await app.CreateOrganisationAsync(TestNames.Unique("Outside the filter"));

        var page = await client.GetDocumentAsync($"/suppliers?q={Uri.EscapeDataString(prefix)}");
        ((IHtmlSelectElement)page.QuerySelector("#TagId")!).Value = id.ToString();
        var done = await client.ClickAsync(page, "Apply to all 80 matching organisations");
        Assert.True(done.ValuesSent < 20, $"the form sent {done.ValuesSent} values");
        Assert.Contains("Tag added to 80 organisations", done.Page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        var normalised = Organisation.Normalise(prefix);
        Assert.Equal(80, await app.WithDbAsync(db => db.OrganisationTags.CountAsync(t => t.TagId == id && db.Organisations.Any(o => o.Id == t.OrganisationId && o.NormalisedName.StartsWith(normalised)))));
        Assert.Empty(await TagsOfAsync(outside.Id));

        var filtered = await client.GetDocumentAsync($"/suppliers?tag={id}");
        Assert.Contains("80 organisations", filtered.QuerySelector("#directory-counts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_NothingTicked_ErrorSummaryNothingChangedFilterAndChoiceKept()
    {
        using var client = await OrganiserAsync();
        var prefix = TestNames.Unique("Unticked");
        var id = await CreateTagAsync(client, TestNames.Unique("Finance"));
        var organisation = await app.CreateOrganisationAsync($"{prefix} Ltd");
        var page = await client.GetDocumentAsync($"/suppliers?q={Uri.EscapeDataString(prefix)}");
        ((IHtmlSelectElement)page.QuerySelector("#TagId")!).Value = id.ToString();
        ((IHtmlInputElement)page.QuerySelector("#Operation-remove")!).IsChecked = true;

        var result = await client.ClickAsync(page, "Apply to the ticked organisations");
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(["Select at least one organisation"], result.Page.ErrorSummary());
        Assert.Equal(prefix, result.Page.QuerySelector("#Q")!.GetAttribute("value"));
        Assert.Equal(id.ToString(), ((IHtmlSelectElement)result.Page.QuerySelector("#TagId")!).Value);
        Assert.True(((IHtmlInputElement)result.Page.QuerySelector("#Operation-remove")!).IsChecked);
        Assert.NotNull(result.Page.QuerySelector("a[href='#Ids']"));
        Assert.NotNull(result.Page.QuerySelector("#Ids"));
        Assert.Empty(await TagsOfAsync(organisation.Id));
    }

    [Fact]
    public async Task Staff_SeeTagsButCannotChangeThem()
    {
        using var organiser = await OrganiserAsync();
        var tag = TestNames.Unique("Staff view");
        var id = await CreateTagAsync(organiser, tag);
        var organisation = await app.CreateOrganisationAsync(TestNames.Unique("Staff Sees Ltd"));
        using (var add = await organiser.PostFormAsync($"/suppliers/{organisation.Id}", $"/suppliers/{organisation.Id}/tags", new Dictionary<string, string> { ["TagId"] = id.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }

        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var show = await staff.GetDocumentAsync($"/suppliers/{organisation.Id}");
        Assert.Equal([tag], show.QuerySelectorAll("#organisation-tags .govuk-tag").Select(t => t.TextContent));
        Assert.Empty(show.QuerySelectorAll("main form"));
        var list = await staff.GetDocumentAsync($"/suppliers?tag={id}");
        Assert.Null(list.QuerySelector("#bulk-tags"));
        Assert.Single(list.QuerySelectorAll("#directory tbody tr"));

        using var tags = await staff.GetAsync(new Uri("/tags", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, tags.StatusCode);
        foreach (var path in new[] { "/tags/new", $"/tags/{id}/delete", $"/suppliers/{organisation.Id}/tags/{id}/remove", "/suppliers/tags" })
        {
            using var response = await staff.PostFormAsync("/suppliers", path, new Dictionary<string, string> { ["Name"] = "x", ["TagId"] = id.ToString(), ["Scope"] = "all" });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {path} answered {(int)response.StatusCode}");
        }

        Assert.Equal([tag], await TagsOfAsync(organisation.Id));
    }

    [Fact]
    public async Task Supplier_CannotReachTagPagesNorSeeItsTags()
    {
        using var organiser = await OrganiserAsync();
        var id = await CreateTagAsync(organiser, TestNames.Unique("Hidden from suppliers"));
        var organisation = await app.CreateOrganisationAsync(TestNames.Unique("Supplier Tagged Ltd"));
        using (var add = await organiser.PostFormAsync($"/suppliers/{organisation.Id}", $"/suppliers/{organisation.Id}/tags", new Dictionary<string, string> { ["TagId"] = id.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }

        using var supplier = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Supplier, organisation.Id));
        foreach (var path in new[] { "/tags", "/tags/new", $"/tags/{id}/edit", $"/tags/{id}/delete", $"/suppliers/{organisation.Id}", $"/suppliers?tag={id}" })
        {
            using var response = await supplier.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }

        foreach (var path in new[] { "/tags/new", $"/tags/{id}/delete", $"/suppliers/{organisation.Id}/tags", "/suppliers/tags" })
        {
            using var response = await supplier.PostFormAsync("/portal", path, new Dictionary<string, string> { ["Name"] = "x", ["TagId"] = id.ToString(), ["Scope"] = "all" });
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"POST {path} answered {(int)response.StatusCode}");
        }

        var portal = await (await supplier.GetAsync(new Uri("/portal", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Hidden from suppliers", portal, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Tags.AnyAsync(t => t.Id == id)));
    }

    private async Task<List<string>> TagListsAsync(IEnumerable<Organisation> organisations)
    {
        var lists = new List<string>();
        foreach (var organisation in organisations)
        {
            lists.Add(string.Join(", ", await TagsOfAsync(organisation.Id)));
        }

        return lists;
    }

    private static void Tick(IDocument page, int organisationId) =>
        page.QuerySelectorAll<IHtmlInputElement>("input[name=Ids]").Single(b => b.Value == organisationId.ToString()).IsChecked = true;
}
