namespace RoundtableManager.BrowserTests.Engagement;

[Collection(SecondBrowserTestGroup.Name)]
public sealed class TagJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_DefinesTag_TagsInBulkFromDirectory_FiltersAndInvitesByTag() => JourneyAsync(nameof(Organiser_DefinesTag_TagsInBulkFromDirectory_FiltersAndInvitesByTag), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var organisations = new List<Organisation>();
        foreach (var name in new[] { "Afon Cloud", "Bryn Networks", "Cwm Secure" })
        {
            organisations.Add(await App.CreateOrganisationAsync($"{name} {suffix}"));
        }

        var roundtable = await Data.RoundtableAsync($"CNI suppliers roundtable {suffix}");
        for (var i = 0; i < organisations.Count; i++)
        {
            await Data.ContactAsync(organisations[i], $"Contact {i}", $"contact{i}.{suffix}@supplier.example");
        }

        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        // Define a tag: a mistake first, then the real one.
        await GoToAsync(page, "/suppliers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage tags" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a tag" }).ClickAsync();
        await page.GetByLabel("Description (optional)").FillAsync("Critical national infrastructure");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save tag" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the tag name");
        await Assertions.Expect(page.GetByLabel("Description (optional)")).ToHaveValueAsync("Critical national infrastructure");
        await CheckAccessibilityAsync(page);
        var tag = $"CNI {suffix}";
        await page.GetByLabel("Tag name").FillAsync(tag);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save tag" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync($"Tag {tag} created");
        await CheckAccessibilityAsync(page);

        // Bulk-assign from the directory: tick two of the three.
        await GoToAsync(page, $"/suppliers?q={suffix}");
        await page.GetByLabel($"Select {organisations[0].Name}").CheckAsync();
        await page.GetByLabel($"Select {organisations[1].Name}").CheckAsync();
        await Assertions.Expect(page.GetByLabel($"Select {organisations[0].Name}")).ToBeCheckedAsync();
        await page.Locator("#TagId").SelectOptionAsync(new SelectOptionValue { Label = tag });
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "directory-ticked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply to the ticked organisations" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Tag added to 2 organisations");
        await CheckAccessibilityAsync(page);

        // Filter the directory by the tag.
        await page.GetByLabel("Tag", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = tag });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("#directory tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#directory tbody")).Not.ToContainTextAsync(organisations[2].Name);
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "directory-filtered");

        // Invite everyone tagged CNI who is not yet invited.
        await SelectAllTaggedAsync(page, roundtable.Id, tag, 2);
        await Assertions.Expect(page.GetByLabel(organisations[0].Name)).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invite-totals")).ToHaveTextAsync("2 organisations, 2 people");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("2 organisations invited");
        await CheckAccessibilityAsync(page);
    });
}
