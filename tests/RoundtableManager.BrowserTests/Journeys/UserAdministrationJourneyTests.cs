namespace RoundtableManager.BrowserTests.Journeys;

public sealed class UserAdministrationJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_AddsStaffMember_FixesMistakes_ThenDisablesAnother() => JourneyAsync(nameof(Organiser_AddsStaffMember_FixesMistakes_ThenDisablesAnother), async page =>
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        var leaver = await App.CreateUserAsync(Roles.Staff);
        await SignInAsync(page, organiser);
        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add an organiser or staff member" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Full name").FillAsync("Gareth Gwyn");
        await page.GetByLabel("Email address").FillAsync("gareth.gwyn-at-example.gov.uk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add and send the email" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter an email address in the correct format");
        await Assertions.Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Gareth Gwyn");
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("Email address").FillAsync($"gareth.gwyn.{Guid.NewGuid():N}@example.gov.uk");
        await page.GetByLabel("Staff: reads roundtables").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add and send the email" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Gareth Gwyn has been added");
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = $"Disable Test Staff" }).Filter(new() { Has = page.Locator($"xpath=self::*[contains(@href, '{leaver.Id}')]") }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable account" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("account is disabled");
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Action").SelectOptionAsync("User.Disabled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync("Disabled Test Staff");
        await CheckAccessibilityAsync(page);
    });
}
