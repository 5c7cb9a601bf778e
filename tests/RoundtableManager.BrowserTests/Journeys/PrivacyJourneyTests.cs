namespace RoundtableManager.BrowserTests.Journeys;

public sealed class PrivacyJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_FindsPerson_ExportsAndErases() => JourneyAsync(nameof(Organiser_FindsPerson_ExportsAndErases), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var organisation = await App.CreateOrganisationAsync($"Teifi Managed Services {suffix}");
        var email = $"rhian.morgan.{suffix}@supplier.example";
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var contact = await Data.ContactAsync(organisation, $"Rhian Morgan {suffix}", email, change: c => c.JobTitle = "Security lead");
        var roundtable = await Data.RoundtableAsync($"Privacy journey roundtable {suffix}", now.AddDays(30), r =>
        {
            r.Capacity = 20;
            r.RsvpDeadlineUtc = now.AddDays(20);
            r.VenueAddress = "70 Whitehall";
        });
        await Data.InviteAsync(roundtable, contact);

        await SignInAsync(page, await App.CreateUserAsync(Roles.Organiser));
        await page.GetByRole(AriaRole.Link, new() { Name = "Personal data" }).ClickAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("Email address").FillAsync("rhian at supplier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter an email address in the correct format");
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("Email address").FillAsync(email.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("What we hold about this person");
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync(contact.FullName);
        await CheckAccessibilityAsync(page);

        // Posted with the browser's own cookies and the form's own fields: a click that becomes a download aborts the
        // navigation, which the journey would report as a failed request.
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Download as JSON" }) });
        var fields = new Dictionary<string, object>();
        foreach (var input in await form.Locator("input[type=hidden]").AllAsync())
        {
            fields[(await input.GetAttributeAsync("name"))!] = (await input.GetAttributeAsync("value"))!;
        }

        var formData = page.Context.APIRequest.CreateFormData();
        foreach (var (key, value) in fields)
        {
            formData.Set(key, (string)value);
        }

        var download = await page.Context.APIRequest.PostAsync("/personal-data/export", new() { Form = formData });
        Assert.Equal(200, download.Status);
        Assert.Contains(".json", download.Headers["content-disposition"], StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(await download.TextAsync()))
        {
            Assert.Equal(contact.FullName, json.RootElement.GetProperty("contacts")[0].GetProperty("fullName").GetString());
            Assert.Equal(roundtable.Title, json.RootElement.GetProperty("invitationsReceived")[0].GetProperty("roundtable").GetString());
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "View as a page" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Personal data held");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Security lead");
        await CheckAccessibilityAsync(page);
        await GoToAsync(page, "/personal-data");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Erase this contact" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check before you erase this person’s data");
        await Assertions.Expect(page.Locator(".govuk-inset-text")).ToContainTextAsync("has not happened yet");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Personal data erased: 1 contact record, 1 invitation recipient");
        await CheckAccessibilityAsync(page);

        await GoToAsync(page, $"/suppliers/{organisation.Id}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Erased contact");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(contact.FullName);
    });

    /// <summary>
    /// Hangfire's dashboard is third-party markup; the colour-contrast and checkbox-name fixes we add to its bundles
    /// (Infrastructure/Authorization/JobsDashboard.css and .js) make it pass axe like our own pages. No browser error is
    /// allowed (its inline styles are allowed by its own security-headers policy; its scripts are as strict as elsewhere).
    /// </summary>
    [Fact]
    public async Task JobsDashboard_OpensForOrganiser_PassesAxe()
    {
        await using var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await SignInAsync(page, await App.CreateUserAsync(Roles.Organiser));

        foreach (var path in new[] { "/hangfire", "/hangfire/recurring" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Roundtable Manager background jobs");
            var result = await ScanAsync(page);
            foreach (var v in result.Violations)
            {
                Output.WriteLine($"axe on Hangfire {path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
            }

            Assert.True(result.Violations.Length == 0, $"Accessibility violations in the Hangfire dashboard at {path}: {string.Join(", ", result.Violations.Select(v => v.Id))}");
        }

        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(RoundtableManager.Core.Privacy.RetentionJob.RecurringJobId);

        // Signing out is in view on the dashboard too (ASVS 7.4.4).
        var signOut = page.Locator(".navbar").GetByRole(AriaRole.Link, new() { Name = "Sign out" });
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "jobs-dashboard-sign-out");
        await signOut.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign out of Roundtable Manager");
        await page.Locator("#main-content").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You have signed out");
        foreach (var error in errors)
        {
            Output.WriteLine("browser error on the Hangfire dashboard: " + error);
        }

        Assert.Empty(errors);
    }

    [Fact]
    public Task JobsDashboard_Staff_Refused() => JourneyAsync(nameof(JobsDashboard_Staff_Refused), async page =>
    {
        await SignInAsync(page, await App.CreateUserAsync(Roles.Staff));
        var response = await page.GotoAsync("/hangfire");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Roundtable Manager background jobs");
        await CheckAccessibilityAsync(page);
    });
}
