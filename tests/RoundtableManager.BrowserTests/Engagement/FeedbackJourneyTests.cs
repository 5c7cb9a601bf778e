namespace RoundtableManager.BrowserTests.Engagement;

/// <summary>Issue #19, items 5 and 6 in a real browser: mark held, a delegate answers from the emailed link on a phone, the organiser sees the results and creates a follow-up.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed partial class FeedbackJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_MarksHeld_DelegateAnswersAndChanges_OrganiserSeesResults_CreatesFollowUp() => JourneyAsync(nameof(Organiser_MarksHeld_DelegateAnswersAndChanges_OrganiserSeesResults_CreatesFollowUp), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (roundtable, attendee, absentee, attended, absent) = await AttendedRoundtableAsync(suffix);
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        // Mark the roundtable held: the closing date is offered two weeks on.
        await GoToAsync(page, $"/roundtables/{roundtable.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as held" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.Locator("#would-get-link")).ToContainTextAsync("1 checked-in delegate will get an email");
        await SaveScreenshotAsync(page, "feedback-mark-held");
        await PhoneScreenshotAsync(page, "feedback-mark-held-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as held and send feedback links" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("A feedback link is on its way to 1 person");
        await CheckAccessibilityAsync(page);

        // The sender delivers it; only the delegate who was checked in gets one.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Core.Email.OutboxSender>().SendDueAsync(CancellationToken.None);
        }

        var received = (await Fixture.Smtp.WaitForMessagesAsync(Math.Max(1, Fixture.Smtp.Messages.Count), TimeSpan.FromSeconds(30)))
            .Where(m => (m.Message.Subject ?? "").StartsWith("Your feedback: ", StringComparison.Ordinal) && (m.Message.Subject ?? "").Contains(suffix, StringComparison.Ordinal)).ToList();
        var email = Assert.Single(received);
        Assert.Equal(attendee, Assert.Single(email.EnvelopeTo));
        var link = new Uri(LinkPattern().Match(email.Message.TextBody ?? "").Value).AbsolutePath;

        // The delegate opens the link on a phone, without an account.
        await using (var phone = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 375, Height = 812 } }))
        {
            var delegatePage = await phone.NewPageAsync();
            delegatePage.SetDefaultTimeout(15_000);
            await GoToAsync(delegatePage, link);
            Assert.EndsWith("/feedback", delegatePage.Url, StringComparison.Ordinal);
            await Assertions.Expect(delegatePage.GetByRole(AriaRole.Heading, new() { Name = "Your feedback", Level = 1 })).ToBeVisibleAsync();
            await SaveScreenshotAsync(delegatePage, "feedback-form-phone");

            // Comments without a score: the error summary, and the comments still there.
            await delegatePage.GetByLabel("What should change? (optional)").FillAsync("Longer for questions");
            await delegatePage.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
            await Assertions.Expect(delegatePage.Locator(".govuk-error-summary")).ToContainTextAsync("Select how useful the roundtable was to you");
            await Assertions.Expect(delegatePage.GetByLabel("What should change? (optional)")).ToHaveValueAsync("Longer for questions");
            await CheckAccessibilityAsync(delegatePage);
            await SaveScreenshotAsync(delegatePage, "feedback-form-error-phone");

            await delegatePage.GetByLabel("4: Very useful").CheckAsync();
            await delegatePage.GetByLabel("Topics for next time (optional)").FillAsync("Supply chain assurance");
            await delegatePage.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
            await Assertions.Expect(delegatePage.Locator(".govuk-notification-banner")).ToContainTextAsync("Your feedback has been saved");
            await CheckAccessibilityAsync(delegatePage);

            // Back later: the form shows the answer; the delegate changes the score.
            await GoToAsync(delegatePage, link);
            await Assertions.Expect(delegatePage.Locator("#previous-answer")).ToBeVisibleAsync();
            await Assertions.Expect(delegatePage.GetByLabel("4: Very useful")).ToBeCheckedAsync();
            await Assertions.Expect(delegatePage.GetByLabel("Topics for next time (optional)")).ToHaveValueAsync("Supply chain assurance");
            await delegatePage.GetByLabel("5: Extremely useful").CheckAsync();
            await delegatePage.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Assertions.Expect(delegatePage.Locator(".govuk-notification-banner")).ToContainTextAsync("Your feedback has been saved");
            await Assertions.Expect(delegatePage.GetByLabel("5: Extremely useful")).ToBeCheckedAsync();
            Assert.True(await delegatePage.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the feedback form scrolls sideways on a phone");
            await SaveScreenshotAsync(delegatePage, "feedback-form-answered-phone");
        }

        // The organiser sees one answer, scored 5, in the chart and the table, and the comments.
        await GoToAsync(page, $"/roundtables/{roundtable.Id}/feedback");
        await Assertions.Expect(page.Locator("#usefulness-table tr[data-score='5'] td")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#usefulness-table tr[data-score='4'] td")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#usefulness-chart g[data-score='5'] rect")).ToHaveAttributeAsync("data-value", "1");
        await Assertions.Expect(page.Locator("#comments")).ToContainTextAsync("Supply chain assurance");
        await Assertions.Expect(page.Locator("#comments")).ToContainTextAsync(attended);
        await SaveScreenshotAsync(page, "feedback-results");
        await PhoneScreenshotAsync(page, "feedback-results-phone");

        // A follow-up: the organisation that attended is ticked, the other is not.
        await GoToAsync(page, $"/roundtables/{roundtable.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create follow-up roundtable" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync(roundtable.Title + " (follow-up)");
        await Assertions.Expect(page.GetByLabel(attended)).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel(absent)).Not.ToBeCheckedAsync();
        await SaveScreenshotAsync(page, "follow-up-form");
        await PhoneScreenshotAsync(page, "follow-up-form-phone");
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);
        var deadline = date.AddDays(-7);
        await page.Locator("#Date").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#Date_Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#Date_Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#RsvpDeadlineDate").FillAsync(deadline.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#RsvpDeadlineDate_Month").FillAsync(deadline.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#RsvpDeadlineDate_Year").FillAsync(deadline.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create follow-up roundtable" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("1 organisation from the previous roundtable is chosen");
        await Assertions.Expect(page.Locator("#series a[data-series=previous]")).ToHaveTextAsync(roundtable.Title);
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "follow-up-created");
        await page.Locator("#series a[data-series=previous]").ClickAsync();
        await Assertions.Expect(page.Locator("#series a[data-series=next]")).ToHaveTextAsync(roundtable.Title + " (follow-up)");
        Assert.DoesNotContain(absentee, string.Join(' ', Fixture.Smtp.Messages.Where(m => (m.Message.Subject ?? "").Contains(suffix, StringComparison.Ordinal) && (m.Message.Subject ?? "").StartsWith("Your feedback", StringComparison.Ordinal)).SelectMany(m => m.EnvelopeTo)), StringComparison.OrdinalIgnoreCase);
    });

    /// <summary>The page at phone width (checked again, and nothing wider than the screen), then back to the desktop size.</summary>
    private async Task PhoneScreenshotAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(375, 812);
        await CheckAccessibilityAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{name}: the page scrolls sideways at 375px");
        await SaveScreenshotAsync(page, name);
        await page.SetViewportSizeAsync(1280, 720);
    }

    /// <summary>Two organisations accepted with one delegate each; only the first's was checked in; the roundtable was held yesterday afternoon (London).</summary>
    private async Task<(Roundtable Roundtable, string Attendee, string Absentee, string Attended, string Absent)> AttendedRoundtableAsync(string suffix)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var roundtable = await Data.RoundtableAsync($"Cloud suppliers roundtable {suffix}");
        var names = new[] { $"Afon Cloud {suffix}", $"Bryn Networks {suffix}" };
        var contacts = new List<Contact>();
        for (var i = 0; i < names.Length; i++)
        {
            var organisation = await App.CreateOrganisationAsync(names[i]);
            contacts.Add(await Data.ContactAsync(organisation, i == 0 ? "Megan Price" : "Sian Evans", $"contact{i}.{suffix}@supplier.example"));
        }

        var delegates = new[] { $"megan.price.{suffix}@delegates.example", $"sian.evans.{suffix}@delegates.example" };
        await Data.InviteAsync(roundtable, [.. contacts]);
        for (var i = 0; i < 2; i++)
        {
            await Data.AcceptAsync(roundtable, contacts[i], delegates[i]);
        }

        var first = await App.WithDbAsync(db => db.Delegates.Where(d => d.RoundtableId == roundtable.Id && d.Email == delegates[0]).Select(d => d.Id).SingleAsync());
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RsvpService>().MarkAttendedAsync(roundtable.Id, first, attended: true, CancellationToken.None);
        }

        // Yesterday 14:00 to 15:00 London, not "an hour ago": run just after midnight, that crossed it, and the follow-up
        // form (one date, a start and an end time) rightly refused the copied times.
        var startsUtc = UkTime.ToUtc(UkTime.ToUk(now).Date.AddDays(-1).AddHours(14));
        await App.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StartsUtc, startsUtc).SetProperty(r => r.EndsUtc, startsUtc.AddHours(1)).SetProperty(r => r.RsvpDeadlineUtc, now.AddDays(-3))));
        return (roundtable, delegates[0], delegates[1], names[0], names[1]);
    }

    [GeneratedRegex(@"http://[^\s]+/feedback/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
