namespace RoundtableManager.BrowserTests.Engagement;

[Collection(SecondBrowserTestGroup.Name)]
public sealed class RecordJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_LogsInteraction_FiltersTimeline_MessagesAcceptedOrganisations() => JourneyAsync(nameof(Organiser_LogsInteraction_FiltersTimeline_MessagesAcceptedOrganisations), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var roundtable = await Data.RoundtableAsync($"Contracting roundtable {suffix}");
        var accepted = await App.CreateOrganisationAsync($"Glyndwr Managed Services {suffix}");
        var silent = await App.CreateOrganisationAsync($"Silent Systems {suffix}");
        foreach (var (organisation, response, person) in new[] { (accepted, InvitationResponse.Accepted, "Nia Morgan"), (silent, InvitationResponse.None, "Sid Quiet") })
        {
            var contact = await Data.ContactAsync(organisation, person, $"{person.Replace(' ', '.').ToLowerInvariant()}.{suffix}@supplier.example");
            await Data.InvitationAsync(roundtable, contact, response, i => i.CreatedUtc = now.AddDays(-2));
        }

        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        // The organisation's page: the newest entries of its record, and "Log an interaction".
        await GoToAsync(page, $"/suppliers/{accepted.Id}");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync($"Accepted the invitation to {roundtable.Title}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Log an interaction" }).ClickAsync();
        await CheckAccessibilityAsync(page);

        // A mistake first (no summary, a date in the future): told so, nothing typed is lost.
        var tomorrow = DateOnly.FromDateTime(Core.Common.UkTime.ToUk(now)).AddDays(1);
        await page.GetByLabel("Call").CheckAsync();
        await page.GetByLabel("Day").FillAsync(tomorrow.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(tomorrow.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(tomorrow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Who took part (optional)").FillAsync("Nia Morgan (Glyndwr)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log interaction" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a summary of the interaction");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The date of the interaction must be today or in the past");
        await Assertions.Expect(page.GetByLabel("Who took part (optional)")).ToHaveValueAsync("Nia Morgan (Glyndwr)");
        await Assertions.Expect(page.GetByLabel("Call")).ToBeCheckedAsync();
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "interaction-errors");

        var today = tomorrow.AddDays(-1);
        await page.GetByLabel("Day").FillAsync(today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Summary").FillAsync("Agreed to bring the privileged access review.\nWill confirm delegates by Friday.");
        await page.GetByLabel("TLP:GREEN", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log interaction" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Interaction logged");
        await Assertions.Expect(page.Locator("#timeline li[data-kind=interactions]")).ToContainTextAsync("Call with Nia Morgan (Glyndwr)");
        await Assertions.Expect(page.Locator("#timeline li[data-kind=interactions] .rtm-tlp")).ToHaveTextAsync("TLP:GREEN");
        // Each entry stands apart on screen: its rule down the left and a gap before the next (print-only while site.css's print block was left open).
        await Assertions.Expect(page.Locator("#timeline li[data-kind=interactions]")).ToHaveCSSAsync("border-left-color", "rgb(29, 112, 184)");
        await Assertions.Expect(page.Locator("#timeline > li").First).ToHaveCSSAsync("margin-bottom", "20px");
        await CheckAccessibilityAsync(page);

        // Filter: interactions only; the invitation leaves the page, the ticked box stays ticked.
        await page.GetByLabel("Logged interactions").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.Locator("#timeline > li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Logged interactions")).ToBeCheckedAsync();
        Assert.Equal(1d, await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('input[value=interactions]').nextElementSibling, '::after').opacity)"));
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "record-filtered");
        await page.SetViewportSizeAsync(375, 800);
        await SaveScreenshotAsync(page, "record-filtered-phone");
        await page.SetViewportSizeAsync(1280, 900);

        // A message to the accepted organisations' people, through the check page.
        await GoToAsync(page, $"/roundtables/{roundtable.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Messages to attendees" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Write a message" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByLabel("People invited from organisations that accepted").CheckAsync();
        await page.GetByLabel("Subject").FillAsync("Joining instructions");
        await page.GetByLabel("Message").FillAsync("Please arrive by 9:30.\n\nBring photo ID.");
        await SaveScreenshotAsync(page, "message-compose");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recipient-count")).ToHaveTextAsync("1 person will get this message");
        await Assertions.Expect(page.Locator("#recipients")).ToContainTextAsync("Nia Morgan");
        await Assertions.Expect(page.Locator("#recipients")).Not.ToContainTextAsync("Sid Quiet");
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "message-check");
        await page.SetViewportSizeAsync(375, 800);
        await SaveScreenshotAsync(page, "message-check-phone");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to 1 person" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Message sent to 1 person");
        await CheckAccessibilityAsync(page);

        // The organisation's record has it; the one that did not reply does not.
        await GoToAsync(page, $"/suppliers/{accepted.Id}/record?Kind=messages");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Joining instructions");
        await GoToAsync(page, $"/suppliers/{silent.Id}/record?Kind=messages");
        await Assertions.Expect(page.Locator("#timeline > li")).ToHaveCountAsync(0);
    });
}
