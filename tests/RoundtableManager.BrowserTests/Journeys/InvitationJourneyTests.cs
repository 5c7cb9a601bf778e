namespace RoundtableManager.BrowserTests.Journeys;

public sealed class InvitationJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_CreatesRoundtableAndInvitesTwoOrganisations_SeesThemQueued() => JourneyAsync(nameof(Organiser_CreatesRoundtableAndInvitesTwoOrganisations_SeesThemQueued), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var first = await App.CreateOrganisationAsync($"Tywi Managed Services {suffix}");
        var second = await App.CreateOrganisationAsync($"Brecon Systems Integration {suffix}", OrganisationType.SystemsIntegrator);
        string Email(string name) => $"{name.Replace(' ', '.').ToLowerInvariant()}.{suffix}@supplier.example";
        await Data.ContactsAsync(first, ("Megan Price", Email("Megan Price"), true), ("Owen Jones", Email("Owen Jones"), false));
        await Data.ContactAsync(second, "Sian Evans", Email("Sian Evans"));
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        await page.GetByRole(AriaRole.Button, new() { Name = "Create a roundtable" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        var year = (DateTime.UtcNow.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var title = $"Supplier security roundtable {suffix}";
        await page.GetByLabel("Title").FillAsync(title);
        await page.Locator("#Date").FillAsync("12");
        await page.Locator("#Date_Month").FillAsync("5");
        await page.Locator("#Date_Year").FillAsync(year);
        await page.GetByLabel("Start time").FillAsync("10:00");
        await page.GetByLabel("End time").FillAsync("12:30pm");
        await page.GetByLabel("Venue address").FillAsync("70 Whitehall, London SW1A 2AS");
        await page.GetByLabel("Number of seats").FillAsync("40");
        await page.Locator("#RsvpDeadlineDate").FillAsync("28");
        await page.Locator("#RsvpDeadlineDate_Month").FillAsync("4");
        await page.Locator("#RsvpDeadlineDate_Year").FillAsync(year);
        await page.GetByLabel("Reply-by time").FillAsync("5pm");
        await page.GetByLabel("Open for responses").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create roundtable" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Invite organisations" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Which organisations do you want to invite?" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByLabel(first.Name).CheckAsync();
        await page.GetByLabel(second.Name).CheckAsync();
        await SaveScreenshotAsync(page, "invite-step1-organisations");
        await SavePhoneScreenshotAsync(page, "invite-step1-organisations-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who should get the invitation?" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.GetByLabel(new System.Text.RegularExpressions.Regex("^Megan Price"))).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel(new System.Text.RegularExpressions.Regex("^Owen Jones"))).Not.ToBeCheckedAsync();
        await SavePhoneScreenshotAsync(page, "invite-step2-people-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check the invitations before sending" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.Locator("#invite-totals")).ToHaveTextAsync("2 organisations, 2 people");
        // The plain-text preview's heading underline (as long as the heading) stays one row at phone width, cut at the box's
        // edge; it used to wrap into several rows of dashes. The email's own text is unchanged (the preview's text is its body).
        await page.SetViewportSizeAsync(320, 800);
        var ruleRows = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('#preview-body .rtm-plain-rule')].map(r => r.getBoundingClientRect().height / parseFloat(getComputedStyle(r).lineHeight))");
        Assert.NotEmpty(ruleRows);
        Assert.All(ruleRows, rows => Assert.InRange(rows, 0.5, 1.2));
        Assert.Contains("\n" + new string('-', $"You are invited: {title}".Length) + "\n", await page.Locator("#preview-body").TextContentAsync(), StringComparison.Ordinal);
        await SavePhoneScreenshotAsync(page, "invite-step3-check-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("2 organisations invited");
        await Assertions.Expect(page.Locator("[data-email-status=queued]")).ToHaveTextAsync("2");
        foreach (var organisation in new[] { first, second })
        {
            await Assertions.Expect(page.Locator($"#invitations tr[data-organisation='{organisation.Name}'] [data-invitation-state]")).ToHaveTextAsync("Queued");
        }

        // The sender runs (as Hangfire would) and the email log shows both invitations sent.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Core.Email.OutboxSender>().SendDueAsync(CancellationToken.None);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Emails sent about this roundtable" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        foreach (var person in new[] { "Megan Price", "Sian Evans" })
        {
            var row = page.Locator("tbody tr").Filter(new() { HasText = $"{person.Replace(' ', '.').ToLowerInvariant()}.{suffix}" });
            await Assertions.Expect(row).ToContainTextAsync("Sent");
        }

        await SavePhoneScreenshotAsync(page, "roundtable-emails-phone");

        await page.GoBackAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-email-status=sent]")).ToHaveTextAsync("2");
        await page.GetByRole(AriaRole.Link, new() { Name = first.Name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = first.Name, Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke this invitation" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await GoToAsync(page, "/invitation/" + new string('x', 43));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link is not valid", Level = 1 })).ToBeVisibleAsync();
    });
}
