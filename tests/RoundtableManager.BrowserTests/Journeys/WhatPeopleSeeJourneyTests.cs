using RoundtableManager.Core.Actions;

namespace RoundtableManager.BrowserTests.Journeys;

/// <summary>What axe cannot see: ticks and focus rings drawn by CSS, tables pushed wide by long text, typed line breaks.</summary>
public sealed class WhatPeopleSeeJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    // 272 characters without a space; with the 8-character suffix each test adds, 280.
    private static readonly string LongName = "Unbroken" + new string('X', 264);

    [Fact]
    public Task Checkboxes_TickedShowTheTick_FocusedShowTheRing_UntickedPostsFalse() => JourneyAsync(nameof(Checkboxes_TickedShowTheTick_FocusedShowTheRing_UntickedPostsFalse), async page =>
    {
        var data = await SeedAsync("Ticks");
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        // Reminders are on by default: every "Send ..." box must look ticked.
        await GoToAsync(page, $"/roundtables/{data.Roundtable.Id}/reminders");
        var chasers = page.GetByLabel("Send RSVP chasers");
        await Assertions.Expect(chasers).ToBeCheckedAsync();
        foreach (var box in await page.Locator("input.govuk-checkboxes__input[type=checkbox]").AllAsync())
        {
            Assert.Equal("1", (await LookOfAsync(box)).TickOpacity);
        }

        await chasers.FocusAsync();
        await AssertFocusRingAsync(chasers);
        await SaveScreenshotAsync(page, "reminders-ticked-and-focused");

        // Unticked and saved: the box posts false and now looks empty.
        await chasers.UncheckAsync();
        Assert.Equal("0", (await LookOfAsync(chasers)).TickOpacity);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reminder settings" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Reminder settings saved");
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.GetByLabel("Send RSVP chasers")).Not.ToBeCheckedAsync();
        Assert.Equal("0", (await LookOfAsync(page.GetByLabel("Send RSVP chasers"))).TickOpacity);
        await Assertions.Expect(page.Locator("#scheduled li[data-kind=RsvpChaser]")).ToHaveCountAsync(0);

        // The directory's filter, ticked by a click on its label, then redisplayed ticked after the search.
        await GoToAsync(page, "/suppliers");
        var archived = page.GetByLabel("Include archived organisations");
        await page.Locator("label[for=Archived]").ClickAsync();
        Assert.Equal("1", (await LookOfAsync(archived)).TickOpacity);
        await AssertFocusRingAsync(archived);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await Assertions.Expect(page.GetByLabel("Include archived organisations")).ToBeCheckedAsync();
        Assert.Equal("1", (await LookOfAsync(page.GetByLabel("Include archived organisations"))).TickOpacity);

        // The comment form on an action: "Only staff can see this comment".
        await GoToAsync(page, $"/actions/{data.Action.Id}");
        var staffOnly = page.GetByLabel("Only staff can see this comment");
        await staffOnly.CheckAsync();
        Assert.Equal("1", (await LookOfAsync(staffOnly)).TickOpacity);
        await AssertFocusRingAsync(staffOnly);
        await SaveScreenshotAsync(page, "action-comment-staff-only-ticked");
    });

    [Fact]
    public Task LongUnbrokenText_WrapsInTables_NoPageScrollsSideways() => JourneyAsync(nameof(LongUnbrokenText_WrapsInTables_NoPageScrollsSideways), async page =>
    {
        await page.SetViewportSizeAsync(1280, 900);
        var data = await SeedAsync(LongName);
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        await GoToAsync(page, "/suppliers/import");
        var csv = "Organisation,Type,Contact name,Email address\r\n"
            + $"{LongName}Imported,MSP,{LongName}Imported,long@wide-names.example\r\n"
            + "Short Names Ltd,SI,Ann Short,ann@short-names.example\r\n";
        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(new FilePayload { Name = "long.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-rows")).ToContainTextAsync(LongName[..40]);
        await CheckAccessibilityAsync(page);
        await AssertNoSidewaysScrollAsync(page, "import-preview");

        await GoToAsync(page, "/suppliers?q=" + Uri.EscapeDataString(data.Organisation.Name[..20]));
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync(data.Organisation.Name[..40]);
        await AssertNoSidewaysScrollAsync(page, "directory");

        await GoToAsync(page, $"/roundtables/{data.Roundtable.Id}/responses");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(data.Organisation.Name[..40]);
        await AssertNoSidewaysScrollAsync(page, "responses");

        await GoToAsync(page, $"/actions?roundtable={data.Roundtable.Id}");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync(data.Action.Title[..40]);
        await AssertNoSidewaysScrollAsync(page, "action-register");
    });

    [Fact]
    public Task TypedLineBreaks_ShowAsValidHtml() => JourneyAsync(nameof(TypedLineBreaks_ShowAsValidHtml), async page =>
    {
        var data = await SeedAsync("Lines");
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        // A browser posts a textarea's line breaks as CRLF; the pages that show the text must not print "&#xD;"
        // (the Nu HTML Checker, run when the journey ends, fails on it).
        await GoToAsync(page, $"/roundtables/{data.Roundtable.Id}/agenda/items/{data.Item.Id}/minutes");
        await page.GetByLabel("Minutes", new() { Exact = true }).FillAsync("First line\nSecond line\n\n- a point\n- another");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the minutes" }).ClickAsync();
        await Assertions.Expect(page.Locator("#minutes li")).ToHaveCountAsync(2);
        await CheckAccessibilityAsync(page);
        await page.Locator("a[href*='/minutes/revisions/']").First.ClickAsync();
        await Assertions.Expect(page.Locator("#after")).ToContainTextAsync("Second line");
        await CheckAccessibilityAsync(page);

        await GoToAsync(page, $"/actions/{data.Action.Id}");
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Called them on Monday\nThey will send the report by Friday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the comment" }).ClickAsync();
        var comment = page.Locator("[data-comment]", new() { HasText = "Called them on Monday" });
        await Assertions.Expect(comment).ToBeVisibleAsync();
        Assert.True((await comment.BoundingBoxAsync())!.Height > 40, "The comment should show on two lines, as typed");
        await CheckAccessibilityAsync(page);

        // Delegates' needs as typed in a form (CRLF), on the organiser's responses page.
        await GoToAsync(page, $"/roundtables/{data.Roundtable.Id}/responses");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("A ramp at the entrance");
    });

    [Fact]
    public Task ProgressChart_LinesEndingOnTheSameValue_LabelsDoNotOverlap() => JourneyAsync(nameof(ProgressChart_LinesEndingOnTheSameValue_LabelsDoNotOverlap), async page =>
    {
        // One open action and nothing done or overdue: the Done and Overdue lines both end on 0.
        var data = await SeedAsync("Chart");
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        await GoToAsync(page, $"/roundtables/{data.Roundtable.Id}/actions/progress");
        var boxes = await page.Locator("#progress-chart [data-label]").EvaluateAllAsync<double[][]>(
            "labels => labels.map(l => { const b = l.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })");
        Assert.Equal(3, boxes.Length);
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var overlap = boxes[i][0] < boxes[j][2] && boxes[j][0] < boxes[i][2] && boxes[i][1] < boxes[j][3] && boxes[j][1] < boxes[i][3];
                Assert.False(overlap, $"End labels {i} and {j} overlap on the chart");
            }
        }

        await SaveScreenshotAsync(page, "progress-chart-end-labels");
    });

    [Fact]
    public Task MinutesLinkWithAnUnsafeAddress_ShowsAsPlainText() => JourneyAsync(nameof(MinutesLinkWithAnUnsafeAddress_ShowsAsPlainText), async page =>
    {
        var data = await SeedAsync("Links");
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        await GoToAsync(page, $"/roundtables/{data.Roundtable.Id}/agenda/items/{data.Item.Id}/minutes");
        await page.GetByLabel("Minutes", new() { Exact = true }).FillAsync("See [the plan](javascript:alert(1)) and [the guidance](https://www.ncsc.gov.uk/) today");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the minutes" }).ClickAsync();
        await Assertions.Expect(page.Locator("#minutes")).ToContainTextAsync("See the plan and the guidance today");
        // The safe link stays a link; the other is text, not an <a> without an address that looks like a link and does nothing.
        await Assertions.Expect(page.Locator("#minutes a")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#minutes a")).ToHaveAttributeAsync("href", "https://www.ncsc.gov.uk/");
        await CheckAccessibilityAsync(page);
    });

    private async Task<Seeded> SeedAsync(string name)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var organiserLead = await App.CreateUserAsync(Roles.Staff);
        var organisation = await App.CreateOrganisationAsync($"{name}{suffix}");
        var roundtable = await Data.RoundtableAsync($"What people see {suffix}", change: r =>
        {
            r.VenueAddress = "70 Whitehall\nLondon SW1A 2AS";
            r.RsvpDeadlineUtc = r.StartsUtc.AddDays(-10);
        });
        var contact = await Data.ContactAsync(organisation, $"{name}Contact", $"contact.{suffix}@supplier.example");
        var invitation = await Data.InvitationAsync(roundtable, contact, InvitationResponse.Accepted, i => i.RespondedByName = contact.FullName);
        var item = new AgendaItem { RoundtableId = roundtable.Id, Title = "Privileged access to client networks", Category = AgendaCategory.SecurityControls, DurationMinutes = 30, CreatedUtc = now, UpdatedUtc = now };
        var action = new FollowUpAction
        {
            RoundtableId = roundtable.Id,
            Title = $"{name}Action{suffix}",
            OwnerKind = ActionOwnerKind.Organisation,
            OwnerOrganisationId = organisation.Id,
            OwnerContactId = contact.Id,
            StaffLeadUserId = organiserLead.Id,
            DueDate = DateOnly.FromDateTime(now).AddDays(14),
            Status = ActionStatus.Open,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        await App.WithDbAsync(async db =>
        {
            db.AgendaItems.Add(item);
            db.FollowUpActions.Add(action);
            db.Add(new DelegateEntry
            {
                InvitationId = invitation.Id, RoundtableId = roundtable.Id, ContactId = contact.Id, FullName = contact.FullName, Email = contact.Email,
                NormalisedEmail = contact.NormalisedEmail, AccessNeeds = $"{name}Needs\r\nA ramp at the entrance", Status = DelegateStatus.Confirmed,
                QueuedUtc = now, TermsVersion = AttendanceTerms.Version, TermsAgreedUtc = now, CreatedUtc = now,
            });
            await db.SaveChangesAsync();
        });
        return new(roundtable, organisation, item, action);
    }

    private static async Task<(string TickOpacity, string RingShadow)> LookOfAsync(ILocator box)
    {
        var look = await box.EvaluateAsync<string[]>(
            "input => { const label = input.labels[0]; return [getComputedStyle(label, '::after').opacity, getComputedStyle(label, '::before').boxShadow]; }");
        return (look[0], look[1]);
    }

    private static async Task AssertFocusRingAsync(ILocator box)
    {
        await box.FocusAsync();
        // GOV.UK's focus ring: a 3px yellow (#fd0) box-shadow around the box, drawn on the label's ::before.
        Assert.Contains("rgb(255, 221, 0)", (await LookOfAsync(box)).RingShadow, StringComparison.Ordinal);
    }

    private async Task AssertNoSidewaysScrollAsync(IPage page, string name)
    {
        await SaveScreenshotAsync(page, $"long-text-{name}");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{name}: the page is {widths[0]}px wide in a {widths[1]}px window, so it scrolls sideways");
    }

    private sealed record Seeded(Roundtable Roundtable, Organisation Organisation, AgendaItem Item, FollowUpAction Action);
}
