namespace RoundtableManager.BrowserTests.Journeys;

public sealed class ActionJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Action_StaffAddFromItem_SupplierUpdatesAndMarksDone_StaffConfirm() => JourneyAsync(nameof(Action_StaffAddFromItem_SupplierUpdatesAndMarksDone_StaffConfirm), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var organisation = await App.CreateOrganisationAsync($"Brecon Systems Integration {suffix}");
        var elsewhere = await App.CreateOrganisationAsync($"Other Supplier {suffix}");
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var roundtable = await Data.RoundtableAsync($"Security controls roundtable {suffix}", now.Date.AddDays(-3).AddHours(10));
        var contact = await Data.ContactAsync(organisation, "Gwen Price", $"gwen.{suffix}@supplier.example");
        await Data.ContactAsync(elsewhere, "Not Theirs", $"other.{suffix}@supplier.example", primary: false);
        var item = new AgendaItem { RoundtableId = roundtable.Id, Title = "Privileged access to client networks", Category = AgendaCategory.SecurityControls, DurationMinutes = 30, CreatedUtc = now, UpdatedUtc = now };
        await App.WithDbAsync(async db =>
        {
            db.AgendaItems.Add(item);
            await db.SaveChangesAsync();
        });
        var staff = await App.CreateUserAsync(Roles.Staff);
        var supplier = await App.CreateUserAsync(Roles.Supplier, organisation.Id);
        var title = $"Report MSP access reviews {suffix}";
        var due = DateOnly.FromDateTime(now).AddDays(21);

        await SignInAsync(page, staff);
        await GoToAsync(page, $"/roundtables/{roundtable.Id}/agenda/items/{item.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a follow-up action" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a follow-up action", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.Locator("#action-source")).ToContainTextAsync(item.Title);
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("A supplier organisation").CheckAsync();
        // Issue #17: the named contact is chosen from the chosen organisation's people only, with no script needed.
        await Assertions.Expect(page.GetByLabel("Named contact at the organisation").Locator("option")).ToHaveTextAsync(["Choose the organisation first"]);
        await page.GetByLabel("Supplier organisation (if an organisation owns it)").SelectOptionAsync(organisation.Id.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show its contacts" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync(title);
        await Assertions.Expect(page.GetByLabel("Named contact at the organisation").Locator("option")).ToHaveTextAsync(["Select a contact", $"Gwen Price (gwen.{suffix}@supplier.example)"]);
        await page.GetByLabel("Named contact at the organisation").SelectOptionAsync(contact.Id.ToString(CultureInfo.InvariantCulture));
        await page.Locator("[name='DueDate.Day']").FillAsync(due.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator("[name='DueDate.Month']").FillAsync(due.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("[name='DueDate.Year']").FillAsync(due.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("High").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await CheckAccessibilityAsync(page);

        await SignInAsync(page, supplier);
        await GoToAsync(page, "/portal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your actions" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your actions", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await SavePhoneScreenshotAsync(page, "portal-actions-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("In progress").CheckAsync();
        await page.GetByLabel("Update", new() { Exact = true }).FillAsync("Quarterly reviews started with two clients");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the update" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Your update has been added");
        await Assertions.Expect(page.Locator("[data-action-status]")).ToHaveTextAsync("In progress");
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Access review summary");
        await page.GetByLabel("Link", new() { Exact = true }).FillAsync("https://supplier.example/reviews/summary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the evidence" }).ClickAsync();
        await Assertions.Expect(page.Locator("#evidence a")).ToHaveTextAsync("Access review summary");
        await CheckAccessibilityAsync(page);
        await SavePhoneScreenshotAsync(page, "portal-action-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
        await Assertions.Expect(page.Locator("#awaiting-confirmation")).ToContainTextAsync("waiting for the staff lead");
        await Assertions.Expect(page.Locator("[data-action-status]")).ToHaveTextAsync("Awaiting confirmation");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await CheckAccessibilityAsync(page);

        await SignInAsync(page, staff);
        await GoToAsync(page, "/actions");
        // On paper: the register and the filters in words, not the form, the buttons or the counts' addresses.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("#filters")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add an action" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#register-filters")).ToHaveTextAsync("Filters: All roundtables; Any staff member; Any organisation; Not done or cancelled");
        Assert.Equal("none", await page.Locator("[data-count=open]").EvaluateAsync<string>("a => getComputedStyle(a, '::after').content"));
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Assertions.Expect(page.Locator("#register-filters")).ToBeHiddenAsync();
        await SavePrintScreenshotAsync(page, "actions-register-print");
        await SavePhoneScreenshotAsync(page, "actions-register-phone");
        await page.Locator("[data-count=awaiting]").ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.Locator("#awaiting-confirmation")).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm it is done" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-action-status]")).ToHaveTextAsync("Done");
        await CheckAccessibilityAsync(page);

        var kinds = await page.Locator("#history li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.historyKind)");
        Assert.Equal(["StatusChanged", "StatusChanged", "EvidenceAdded", "StatusChanged", "Created"], kinds);
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Quarterly reviews started with two clients");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Awaiting confirmation");
    });
}
