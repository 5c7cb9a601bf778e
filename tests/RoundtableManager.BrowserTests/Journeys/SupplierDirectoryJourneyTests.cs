namespace RoundtableManager.BrowserTests.Journeys;

public sealed class SupplierDirectoryJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_ImportsCsv_ReadsPreviewConfirmsAndFindsContacts() => JourneyAsync(nameof(Organiser_ImportsCsv_ReadsPreviewConfirmsAndFindsContacts), async page =>
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);
        await GoToAsync(page, "/suppliers");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Supplier directory", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Import from a CSV file" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import suppliers from a CSV file" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);

        // Upload with no file first: the GOV.UK error summary.
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select a CSV file");
        await CheckAccessibilityAsync(page);

        var csv = "\uFEFFOrganisation,Type,Contact name,Email address,Job title\r\n"
            + "Journey Gwasanaethau Cyf,MSP,Siân Journey,sian@journey-gwasanaethau.example,Pennaeth Diogelwch\r\n"
            + "Journey Gwasanaethau Cyf,MSP,Owain Journey,owain@journey-gwasanaethau.example,\"Engineer, cloud\"\r\n"
            + "\r\n"
            + "Journey Integrators,SI,Bad Email,not-an-email,\r\n"
            + "Journey Integrators,SI,Ida Journey,ida@journey-integrators.example,Director\r\n";
        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "journey-suppliers.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check the import", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);

        var counts = page.Locator("#import-counts");
        await Assertions.Expect(counts.Locator(".govuk-summary-list__row", new() { HasText = "New organisations" })).ToContainTextAsync("2");
        await Assertions.Expect(counts.Locator(".govuk-summary-list__row", new() { HasText = "Errors" })).ToContainTextAsync("1");
        var errorRow = page.Locator("#import-rows tbody tr", new() { HasText = "not-an-email" });
        await Assertions.Expect(errorRow).ToContainTextAsync("Invalid email address");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download the rows with errors (CSV)" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and import 3 rows" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import complete", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("2 new organisations, 1 new contact");
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Suppliers" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Search by organisation name or contact email").FillAsync("journey-gwasanaethau");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("#directory-counts")).ToContainTextAsync("1 organisation with 2 contacts");
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Journey Gwasanaethau Cyf" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Journey Gwasanaethau Cyf", Level = 1 })).ToBeVisibleAsync();
        var contacts = page.Locator("table tbody tr");
        await Assertions.Expect(contacts).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Siân Journey");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Engineer, cloud");
        await CheckAccessibilityAsync(page);
    });

    [Fact]
    public Task Organiser_AddsOrganisationAndPrimaryContactThroughForms() => JourneyAsync(nameof(Organiser_AddsOrganisationAndPrimaryContactThroughForms), async page =>
    {
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);
        await GoToAsync(page, "/suppliers/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save organisation" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the organisation name");
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("Organisation name").FillAsync("Form Journey Ltd");
        await page.GetByLabel("Managed service provider").CheckAsync();
        await page.GetByLabel("Companies House number (optional)").FillAsync("SC123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Form Journey Ltd", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a contact" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("Full name").FillAsync("Fran Form");
        await page.GetByLabel("Email address").FillAsync("fran at form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter an email address in the correct format, like name@example.com");
        await Assertions.Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Fran Form");
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("Email address").FillAsync("Fran.Form@Form-Journey.example");
        await page.GetByLabel("Primary contact").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        var row = page.Locator("table tbody tr", new() { HasText = "Fran Form" });
        await Assertions.Expect(row).ToContainTextAsync("Fran.Form@Form-Journey.example");
        await Assertions.Expect(row.Locator(".govuk-tag")).ToHaveTextAsync("Primary");
        await CheckAccessibilityAsync(page);
    });
}
