namespace RoundtableManager.BrowserTests.Journeys;

public sealed class AgendaJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Supplier_ProposesTopic_OrganiserAcceptsAndPublishes_SupplierSeesIt() => JourneyAsync(nameof(Supplier_ProposesTopic_OrganiserAcceptsAndPublishes_SupplierSeesIt), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var organisation = await App.CreateOrganisationAsync($"Usk Managed Services {suffix}");
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var roundtable = await Data.RoundtableAsync($"Contracting roundtable {suffix}", new DateTime(now.Year + 1, 5, 12, 9, 0, 0, DateTimeKind.Utc));
        var contact = await Data.ContactAsync(organisation, "Rhys Morgan", $"rhys.{suffix}@supplier.example");
        await Data.InvitationAsync(roundtable, contact, InvitationResponse.Accepted);
        var supplier = await App.CreateUserAsync(Roles.Supplier, organisation.Id);
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        var topic = $"Right to audit privileged access {suffix}";

        await SignInAsync(page, supplier);
        await GoToAsync(page, "/portal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Agendas, topics and questions" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Propose a topic or question for {roundtable.Title}" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to the organisers" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter your topic or question");
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Contracting").CheckAsync();
        await page.GetByLabel("Your topic or question").FillAsync(topic);
        await page.GetByLabel("Other suppliers may see that my organisation asked").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to the organisers" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-proposal-status]")).ToHaveTextAsync("Waiting for a decision");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await SignInAsync(page, organiser);
        await GoToAsync(page, $"/roundtables/{roundtable.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Agenda", Exact = true }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an item" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Welcome and threat picture");
        await page.GetByLabel("Category").SelectOptionAsync("ThreatBriefing");
        await page.GetByLabel("Duration in minutes").FillAsync("20");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^TLP:RED")).CheckAsync();
        await page.GetByLabel("CAF C Detecting cyber security events").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the agenda" }).ClickAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Supplier topics and questions (1 waiting)" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = topic }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Proposal accepted as a new agenda item");
        await CheckAccessibilityAsync(page);

        await GoToAsync(page, $"/roundtables/{roundtable.Id}/agenda");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Move up.*" + topic) }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-item-title]").First).ToHaveTextAsync(topic);
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Printable agenda" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-marking]").Last).ToHaveTextAsync("TLP:RED");
        await CheckAccessibilityAsync(page);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("header").First).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-marking]").Last).ToBeVisibleAsync();
        // What the markings mean is a closed disclosure on screen; on paper it cannot be opened, so it prints open.
        var meanings = page.Locator(".govuk-details__text").GetByText("may be shared without restriction");
        await Assertions.Expect(meanings).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Assertions.Expect(meanings).ToBeHiddenAsync();
        await SavePrintScreenshotAsync(page, "agenda-print");

        await GoToAsync(page, $"/roundtables/{roundtable.Id}/agenda");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the agenda" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish and send emails" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("An email with a link is on its way to 1 person");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await SignInAsync(page, supplier);
        await GoToAsync(page, "/portal/proposals");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Read the agenda for {roundtable.Title}" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.Locator($"tr[data-agenda-item='{topic}']")).ToContainTextAsync($"Suggested by: {organisation.Name}");
        await Assertions.Expect(page.Locator("tr[data-agenda-item='Welcome and threat picture'] [data-item-redacted]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("CAF C Detecting cyber security events")).ToHaveCountAsync(0);
    });
}
