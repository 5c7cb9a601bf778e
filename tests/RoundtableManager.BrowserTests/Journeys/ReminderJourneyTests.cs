using RoundtableManager.Core.Reminders;

namespace RoundtableManager.BrowserTests.Journeys;

[Collection(SecondBrowserTestGroup.Name)]
public sealed class ReminderJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_OpensRemindersChangesTheChaserDays_SeesTheNewSchedule() => JourneyAsync(nameof(Organiser_OpensRemindersChangesTheChaserDays_SeesTheNewSchedule), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var date = DateOnly.FromDateTime(UkTime.ToUk(now)).AddDays(30);
        // A Thursday with no bank holiday in the fortnight before it, so the chasers stay on the days the test expects whenever it runs.
        while (date.DayOfWeek != DayOfWeek.Thursday
            || Enumerable.Range(1, 14).Select(d => date.AddDays(-d)).Any(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !RemindersOptions.IsWorkingDay(d)))
        {
            date = date.AddDays(1);
        }

        var deadline = UkTime.ToUtc(date.ToDateTime(new TimeOnly(17, 0)));
        var title = $"Reminders roundtable {suffix}";
        var roundtable = await Data.RoundtableAsync(title, deadline.AddDays(7), r => r.RsvpDeadlineUtc = deadline);
        var organisation = await App.CreateOrganisationAsync($"Quiet Questions {suffix}");
        var contact = await Data.ContactAsync(organisation, "Rhys Morgan", $"rhys.{suffix}@supplier.example", primary: false);
        await Data.InvitationAsync(roundtable, contact);
        await App.WithDbAsync(async db =>
        {
            // An earlier reminder that was missed, so the history table is on the page for the accessibility scan.
            db.ReminderLogs.Add(new ReminderLog
            {
                Kind = RsvpChaserSource.Definition.Code, RoundtableId = roundtable.Id, TargetId = 0, TargetName = organisation.Name, RecipientId = 0,
                RecipientName = contact.FullName, OffsetDays = 14, DueUtc = now.AddDays(-1), Outcome = ReminderOutcome.Missed,
                Reason = "Not sent: found too late", RecordedUtc = now, DedupeKey = $"journey:{suffix}",
            });
            await db.SaveChangesAsync();
        });
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        await GoToAsync(page, $"/roundtables/{roundtable.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reminders: what is scheduled, sent or missed" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reminders", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);
        var sevenDays = UkTime.FormatDayDate(UkTime.ToUtc(date.AddDays(-7).ToDateTime(new TimeOnly(9, 0))));
        await Assertions.Expect(page.Locator("#scheduled li").First).ToContainTextAsync($"RSVP chaser to 1 organisation on {sevenDays} at 9am");
        await Assertions.Expect(page.Locator("#history tr[data-outcome=Missed]")).ToContainTextAsync(organisation.Name);

        await page.GetByRole(AriaRole.Group, new() { Name = "RSVP chasers" }).GetByLabel("Days before the reply-by deadline").FillAsync("forever");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reminder settings" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the days before the reply-by deadline");
        await CheckAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Group, new() { Name = "RSVP chasers" }).GetByLabel("Days before the reply-by deadline").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reminder settings" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Reminder settings saved");
        await CheckAccessibilityAsync(page);
        var threeDays = UkTime.FormatDayDate(UkTime.ToUtc(date.AddDays(-3).ToDateTime(new TimeOnly(9, 0))));
        await Assertions.Expect(page.Locator("#scheduled li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#scheduled li")).ToContainTextAsync($"RSVP chaser to 1 organisation on {threeDays} at 9am");
    });
}
