namespace RoundtableManager.BrowserTests.Journeys;

public sealed partial class PortalJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Supplier_FromEmailLinkToAcceptedWithTwoDelegates_OrganiserSeesIt() => JourneyAsync(nameof(Supplier_FromEmailLinkToAcceptedWithTwoDelegates_OrganiserSeesIt), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (roundtable, contacts, link) = await InviteNewOrganisationAsync(suffix);

        await GoToAsync(page, link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your account", Level = 1 })).ToBeVisibleAsync();
        Assert.DoesNotContain(link, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-fixed-email]")).ToHaveTextAsync(contacts[0].Email);
        await page.GetByLabel("Full name").FillAsync("Nia Roberts");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("slate harbour lantern meadow");
        await page.GetByLabel("Confirm password").FillAsync("slate harbour lantern meadow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = roundtable.Title, Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Reply to this invitation" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Yes, we will attend").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your delegates", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await page.Locator("[name='Delegates[0].ContactId']").SelectOptionAsync(contacts[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("[name='Delegates[0].AccessNeeds']").FillAsync("Step-free access");
        await page.Locator("[name='Delegates[1].FullName']").FillAsync("Ffion Hughes");
        await page.Locator("[name='Delegates[1].Email']").FillAsync($"ffion.{suffix}@supplier.example");
        await page.Locator("[name='Delegates[1].DietaryRequirements']").FillAsync("Vegan");
        await page.GetByLabel("I confirm our delegates agree to the attendance terms").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your reply", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("your delegates have seats");
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.Locator("[data-joining-details]")).ToContainTextAsync("meet.example.gov.uk/conwy");
        await GoToAsync(page, "/portal");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await SignInAsync(page, await App.CreateUserAsync(Roles.Organiser));
        await GoToAsync(page, $"/roundtables/{roundtable.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Responses and delegates" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Responses", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.Locator("[data-figure=seats]")).ToHaveTextAsync("2 of 40");
        await Assertions.Expect(page.Locator("table[data-delegates] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator($"tr[data-organisation='Conwy Managed Services {suffix}'] [data-category]")).ToHaveTextAsync("Accepted");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check-in list" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        var invitationId = await App.WithDbAsync(db => db.Invitations.Where(i => i.RoundtableId == roundtable.Id).Select(i => i.Id).SingleAsync());
        await GoToAsync(page, $"/roundtables/{roundtable.Id}/responses/{invitationId}/record");
    });

    [Fact]
    public Task Supplier_AccountCreatedMeanwhileInAnotherTab_IsToldToSignIn() => JourneyAsync(nameof(Supplier_AccountCreatedMeanwhileInAnotherTab_IsToldToSignIn), async page =>
    {
        var (_, contacts, link) = await InviteNewOrganisationAsync(Guid.NewGuid().ToString("N")[..8]);
        await GoToAsync(page, link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your account", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Full name").FillAsync("Nia Roberts");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("slate harbour lantern meadow");
        await page.GetByLabel("Confirm password").FillAsync("slate harbour lantern meadow");

        // Meanwhile the same person finished creating the account in another tab.
        await App.CreateUserAsync(Roles.Supplier, contacts[0].OrganisationId, contacts[0].Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "An account already exists for this address", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        Assert.Contains("returnUrl=%2Finvitation", page.Url, StringComparison.Ordinal);
    });

    /// <summary>A roundtable, an organisation with two contacts, and the first contact's invitation link as delivered over SMTP.</summary>
    private async Task<(Roundtable Roundtable, Contact[] Contacts, string Link)> InviteNewOrganisationAsync(string suffix)
    {
        var organisation = await App.CreateOrganisationAsync($"Conwy Managed Services {suffix}");
        var roundtable = await Data.RoundtableAsync($"Contracting roundtable {suffix}", App.Clock.GetUtcNow().UtcDateTime.Date.AddDays(40).AddHours(10),
            r => r.OnlineJoiningDetails = "https://meet.example.gov.uk/conwy");
        var contacts = await Data.ContactsAsync(organisation, ("Nia Roberts", $"nia.roberts.{suffix}@supplier.example", true), ("Rhys Morgan", $"rhys.morgan.{suffix}@supplier.example", false));
        await Data.InviteAsync(roundtable, contacts[0]);

        // The real sender delivers it over SMTP; the test reads the email as the supplier's mail server received it.
        return (roundtable, contacts, await Data.LinkEmailedToAsync(contacts[0].Email, LinkPattern()));
    }

    [GeneratedRegex(@"http://[^\s]+/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
