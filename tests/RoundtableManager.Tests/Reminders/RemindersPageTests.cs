using static RoundtableManager.Tests.Reminders.ReminderTestData;

namespace RoundtableManager.Tests.Reminders;

[Collection(SharedHosts.Invitations)]
public sealed class RemindersPageTests(TestApp app)
{
    [Fact]
    public async Task Index_Staff_SeesWhatIsScheduledAndTheSettingsButCannotChangeThem()
    {
        var deadline = DeadlineOn(app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(app, deadline);
        await InviteAsync(app, roundtable, "Waiting Works", people: 2);
        await InviteAsync(app, roundtable, "Pending Partners");
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));

        var page = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}/reminders");

        Assert.Equal("Reminders", page.Heading());
        var first = NineAm(deadline, 7);
        Assert.Equal(
            [$"RSVP chaser to 2 organisations on {UkTime.FormatDayDate(first)} at 9am (7 days before the reply-by deadline; 3 people)",
             $"RSVP chaser to 2 organisations on {UkTime.FormatDayDate(NineAm(deadline, 2))} at 9am (2 days before the reply-by deadline; 3 people)"],
            page.QuerySelectorAll("#scheduled li").Select(li => string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.Contains("On: 7, 2 days before the reply-by deadline", page.QuerySelector("#settings")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action$='/reminders']"));
        Assert.NotNull(page.QuerySelector("#history-none"));

        var show = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}");
        Assert.NotNull(show.QuerySelector($"a[href='/roundtables/{roundtable.Id}/reminders']"));
    }

    [Fact]
    public async Task Save_Organiser_NewOffsetsMoveTheScheduleAndAreAudited()
    {
        var deadline = DeadlineOn(app, DayOfWeek.Thursday);
        var roundtable = await RoundtableAsync(app, deadline);
        await InviteAsync(app, roundtable, "Rescheduled Retail");
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var path = $"/roundtables/{roundtable.Id}/reminders";

        var response = await organiser.PostFormAsync(path, path, new Dictionary<string, string>
        {
            ["Form.Kinds[0].Code"] = "RsvpChaser",
            ["Form.Kinds[0].Enabled"] = "true",
            ["Form.Kinds[0].Days"] = "10, 3",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await organiser.GetDocumentAsync(path);
        Assert.Contains("Reminder settings saved", page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("10, 3", page.QuerySelector("input[name='Form.Kinds[0].Days']")!.GetAttribute("value"));
        var scheduled = page.QuerySelectorAll("#scheduled li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, scheduled.Count);
        Assert.Contains(UkTime.FormatDayDate(NineAm(deadline, 10)), scheduled[0], StringComparison.Ordinal);
        Assert.Contains(UkTime.FormatDayDate(NineAm(deadline, 3)), scheduled[1], StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Reminders.SettingsChanged" && e.SubjectId == roundtable.Id.ToString())));

        await organiser.PostFormAsync(path, path, new Dictionary<string, string>
        {
            ["Form.Kinds[0].Code"] = "RsvpChaser",
            ["Form.Kinds[0].Enabled"] = "false",
            ["Form.Kinds[0].Days"] = "10, 3",
        });
        page = await organiser.GetDocumentAsync(path);
        Assert.NotNull(page.QuerySelector("#scheduled-none"));
        Assert.False(page.QuerySelector("input[name='Form.Kinds[0].Enabled'][type=checkbox]")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Save_DaysNotNumbers_ShowsErrorKeepsWhatWasTypedAndChangesNothing()
    {
        var roundtable = await RoundtableAsync(app, DeadlineOn(app, DayOfWeek.Wednesday));
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var path = $"/roundtables/{roundtable.Id}/reminders";

        // As a browser posts a ticked box: its value, then the hidden "false" after it.
        var response = await Invitations.InvitationTestData.PostAsync(organiser, path, path,
        [
            new("Form.Kinds[0].Code", "RsvpChaser"),
            new("Form.Kinds[0].Enabled", "true"),
            new("Form.Kinds[0].Enabled", "false"),
            new("Form.Kinds[0].Days", "a week"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal(["Enter the days before the reply-by deadline as up to 3 whole numbers from 1 to 60, like 7, 2"], page.ErrorSummary());
        Assert.Equal("a week", page.QuerySelector("input[name='Form.Kinds[0].Days']")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("input[name='Form.Kinds[0].Enabled'][type=checkbox]")!.HasAttribute("checked"));
        Assert.False(await app.WithDbAsync(db => db.ReminderSettings.AnyAsync(s => s.RoundtableId == roundtable.Id)));
    }

    [Fact]
    public async Task Index_KindNamesAndCounts_ReadAsPlainEnglish()
    {
        var deadline = DeadlineOn(app, DayOfWeek.Wednesday);
        var roundtable = await RoundtableAsync(app, deadline);
        // One organisation has accepted with two delegates: the event reminder goes to 1 organisation, 2 people.
        var invitation = await InviteAsync(app, roundtable, "Paired Partners", people: 2, response: Core.Invitations.InvitationResponse.Accepted);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await SetAsync(app, async db =>
        {
            foreach (var recipient in invitation.Recipients)
            {
                db.Delegates.Add(new Core.Invitations.DelegateEntry
                {
                    InvitationId = invitation.Id, RoundtableId = roundtable.Id, ContactId = recipient.ContactId, FullName = recipient.Name,
                    Email = recipient.Email, NormalisedEmail = recipient.Email.ToUpperInvariant(), Status = Core.Invitations.DelegateStatus.Confirmed,
                    QueuedUtc = now, TermsVersion = Core.Invitations.AttendanceTerms.Version, TermsAgreedUtc = now, CreatedUtc = now,
                });
            }

            await db.SaveChangesAsync();
        });
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

        var page = await organiser.GetDocumentAsync($"/roundtables/{roundtable.Id}/reminders");

        var eventReminder = string.Join(' ', page.QuerySelector("#scheduled li[data-kind=EventReminder]")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Event reminder to 1 organisation on ", eventReminder, StringComparison.Ordinal);
        Assert.EndsWith("(2 days before the roundtable; 2 people)", eventReminder, StringComparison.Ordinal);
        var legends = page.QuerySelectorAll("form legend").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Weekly overdue actions summaries", legends);
        Assert.Contains("Delegate details chasers", legends);
        var labels = page.QuerySelectorAll("form label.govuk-checkboxes__label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Send RSVP chasers", labels);
        Assert.Contains("Send delegate details chasers", labels);
        Assert.Contains("Send weekly overdue actions summaries", labels);
        Assert.DoesNotContain(labels, l => l.EndsWith("ys", StringComparison.Ordinal));

        // Every kind's name is a noun phrase, so its plural reads as English ("target date passeds" did not).
        Assert.Contains("Security control overdue reminders", legends);
        Assert.Contains("Send security control overdue reminders", labels);
        Assert.DoesNotContain(legends, l => l.EndsWith("eds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Index_SupplierOrUnknownRoundtable_IsRefusedOrNotFound()
    {
        var roundtable = await RoundtableAsync(app, DeadlineOn(app, DayOfWeek.Wednesday));
        var organisation = await app.CreateOrganisationAsync($"Supplier {Guid.NewGuid():N}");
        using var supplier = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Supplier, organisation.Id));
        using var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

        Assert.Equal(HttpStatusCode.Forbidden, (await supplier.GetAsync(new Uri($"/roundtables/{roundtable.Id}/reminders", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync(new Uri("/roundtables/999999/reminders", UriKind.Relative))).StatusCode);
    }
}
