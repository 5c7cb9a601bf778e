using System.Globalization;

namespace RoundtableManager.Tests.Engagement;

/// <summary>
/// A follow-up roundtable from a previous one (issue #19, item 6): what is copied and what is not, the previous invite
/// list with who attended ticked, and the series shown on both roundtables' pages.
/// </summary>
[Collection(SharedHosts.Invitations)]
public sealed class FollowUpTests(TestApp app)
{
    [Fact]
    public async Task FollowUp_CopiesDetailsAgendaItemsAndReminderSettings_NotMinutesDecisionsOrPublication()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 1);
        var previous = held.Roundtable;
        var referenceId = await app.WithDbAsync(db => db.References.Select(r => r.Id).FirstAsync());
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.AgendaItems.Add(new AgendaItem
            {
                RoundtableId = previous.Id, Position = 1, Title = "Contract clauses for MSPs", Description = "Schedule 2.4", Category = AgendaCategory.Contracting,
                LeadName = "Ada Lovelace", DurationMinutes = 45, Marking = TlpMarking.Red, ContractClauses = "Clause 14", Minutes = "We agreed the clause.",
                MinutesPublishedUtc = now, CreatedUtc = now, UpdatedUtc = now,
                References = [new AgendaItemReference { ReferenceId = referenceId }],
                Decisions = [new Decision { Text = "Adopt clause 14", RecordedBy = "Organiser", RecordedUtc = now }],
                MinutesRevisions = [new MinutesRevision { Text = "We agreed the clause.", AuthorName = "Organiser", CreatedUtc = now }],
            });
            db.AgendaItems.Add(new AgendaItem { RoundtableId = previous.Id, Position = 2, Kind = AgendaItemKind.Break, Title = "Coffee", DurationMinutes = 15, CreatedUtc = now, UpdatedUtc = now });
            db.AgendaPublications.Add(new AgendaPublication { RoundtableId = previous.Id, PublishedUtc = now, PublishedBy = "Organiser" });
            db.ReminderSettings.Add(new ReminderSetting { RoundtableId = previous.Id, Kind = "EventReminder", Enabled = false, OffsetDays = "5,1", UpdatedUtc = now });
            await db.SaveChangesAsync();
        });
        using var organiser = await InvitationTestData.OrganiserAsync(app);

        var form = await organiser.GetDocumentAsync($"/roundtables/{previous.Id}/follow-up");
        Assert.Equal(previous.Title + " (follow-up)", form.QuerySelector("input[name=Title]")!.GetAttribute("value"));
        Assert.Equal(previous.VenueAddress, form.QuerySelector("textarea[name=VenueAddress]")!.TextContent.Trim());
        Assert.Equal("40", form.QuerySelector("input[name=Capacity]")!.GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(form.QuerySelector("input[name='Date.Day']")!.GetAttribute("value")));

        var id = await CreateAsync(organiser, previous.Id, title: "Second security controls roundtable", ticked: []);

        var created = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(previous.Id, created.PreviousRoundtableId);
        Assert.Equal("Second security controls roundtable", created.Title);
        Assert.Equal(previous.Description, created.Description);
        Assert.Equal(previous.VenueAddress, created.VenueAddress);
        Assert.Equal(previous.Capacity, created.Capacity);
        Assert.Null(created.HeldUtc);
        var items = await app.WithDbAsync(db => db.AgendaItems.AsNoTracking().Include(i => i.References).Include(i => i.Decisions).Include(i => i.MinutesRevisions).AsSingleQuery()
            .Where(i => i.RoundtableId == id).OrderBy(i => i.Position).ToListAsync());
        Assert.Equal(["Contract clauses for MSPs", "Coffee"], items.Select(i => i.Title));
        var item = items[0];
        Assert.Equal((AgendaCategory.Contracting, "Ada Lovelace", 45, TlpMarking.Red, "Clause 14"), (item.Category, item.LeadName, item.DurationMinutes, item.Marking, item.ContractClauses));
        Assert.Equal([referenceId], item.References.Select(r => r.ReferenceId));
        Assert.Equal(AgendaItemKind.Break, items[1].Kind);
        Assert.Null(item.Minutes);
        Assert.Null(item.MinutesPublishedUtc);
        Assert.Empty(item.Decisions);
        Assert.Empty(item.MinutesRevisions);
        Assert.False(await app.WithDbAsync(db => db.AgendaPublications.AnyAsync(p => p.RoundtableId == id)));
        var setting = await app.WithDbAsync(db => db.ReminderSettings.AsNoTracking().SingleAsync(s => s.RoundtableId == id));
        Assert.Equal(("EventReminder", false, "5,1"), (setting.Kind, setting.Enabled, setting.OffsetDays));
    }

    [Fact]
    public async Task FollowUp_PreviousInviteList_AttendedTickedByDefault_ChosenOnesReadyToInviteWithTheSamePeople()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 3, checkedInPerOrganisation: 0);
        var (attended, absent, declined) = (held.Organisations[0], held.Organisations[1], held.Organisations[2]);
        var attendee = (await RsvpTestData.DelegatesAsync(app, held.Roundtable.Id)).First(d => d.InvitationId == attended.InvitationId);
        await app.WithDbAsync(db => db.Delegates.Where(d => d.Id == attendee.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.AttendedUtc, DateTime.UtcNow)));
        await app.WithDbAsync(async db =>
        {
            await db.Delegates.Where(d => d.InvitationId == declined.InvitationId).ExecuteDeleteAsync();
            await db.Invitations.Where(i => i.Id == declined.InvitationId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Response, InvitationResponse.Declined));
        });
        using var organiser = await InvitationTestData.OrganiserAsync(app);

        var form = await organiser.GetDocumentAsync($"/roundtables/{held.Roundtable.Id}/follow-up");
        var boxes = form.QuerySelectorAll("input[name=OrganisationIds]").ToDictionary(b => int.Parse(b.GetAttribute("value")!, CultureInfo.InvariantCulture), b => b.HasAttribute("checked"));
        Assert.Equal(new Dictionary<int, bool> { [attended.Organisation.Id] = true, [absent.Organisation.Id] = false, [declined.Organisation.Id] = false }, boxes);
        var hints = form.QuerySelectorAll(".govuk-checkboxes__hint").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Attended: " + attendee.FullName, hints);
        Assert.Contains("Accepted, but nobody was checked in", hints);
        Assert.Contains("Declined", hints);

        // The organiser changes the choice: the one that attended and the one that declined.
        var id = await CreateAsync(organiser, held.Roundtable.Id, "Follow-up with a changed list", [attended.Organisation.Id, declined.Organisation.Id]);

        var selection = await app.WithDbAsync(db => db.InviteSelections.AsNoTracking().SingleAsync(s => s.RoundtableId == id));
        Assert.Equal(string.Join(',', new[] { attended.Organisation.Id, declined.Organisation.Id }.Order()), selection.OrganisationIds);
        Assert.Contains(attended.Contacts[1].Id.ToString(CultureInfo.InvariantCulture), selection.ChosenContacts!, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.RoundtableId == id)));
    }

    [Fact]
    public async Task Series_PreviousAndNext_ShownOnBothRoundtablesPages()
    {
        var previous = await InvitationTestData.CreateRoundtableAsync(app);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        var id = await CreateAsync(organiser, previous.Id, "The next one", []);

        var previousPage = await organiser.GetDocumentAsync($"/roundtables/{previous.Id}");
        var next = previousPage.QuerySelector("#series a[data-series=next]")!;
        Assert.Equal($"/roundtables/{id}", next.GetAttribute("href"));
        Assert.Equal("The next one", next.TextContent);
        Assert.Null(previousPage.QuerySelector("#series a[data-series=previous]"));

        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var newPage = await staff.GetDocumentAsync($"/roundtables/{id}");
        var back = newPage.QuerySelector("#series a[data-series=previous]")!;
        Assert.Equal($"/roundtables/{previous.Id}", back.GetAttribute("href"));
        Assert.Equal(previous.Title, back.TextContent);
    }

    [Fact]
    public async Task FollowUp_DateMissing_ErrorSummaryTicksAndTypingKeptNothingCreated()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 2);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        var before = await app.WithDbAsync(db => db.Roundtables.CountAsync());
        var ticked = held.Organisations[1].Organisation.Id;

        using var posted = await organiser.PostFormValuesAsync($"/roundtables/{held.Roundtable.Id}/follow-up", $"/roundtables/{held.Roundtable.Id}/follow-up",
            [.. Fields("Typed title", date: null), new("OrganisationIds", ticked.ToString(CultureInfo.InvariantCulture))]);
        var page = await posted.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Enter the date", page.ErrorSummary());
        Assert.NotNull(page.QuerySelector("form[action$='/follow-up'] input[name=__RequestVerificationToken]"));
        Assert.Equal("Typed title", page.QuerySelector("input[name=Title]")!.GetAttribute("value"));
        var checkedBoxes = page.QuerySelectorAll("input[name=OrganisationIds][checked]").Select(b => b.GetAttribute("value")).ToList();
        Assert.Equal([ticked.ToString(CultureInfo.InvariantCulture)], checkedBoxes);
        Assert.Equal(before, await app.WithDbAsync(db => db.Roundtables.CountAsync()));
    }

    private async Task<int> CreateAsync(HttpClient organiser, int previousId, string title, int[] ticked)
    {
        var date = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(60);
        using var posted = await organiser.PostFormValuesAsync($"/roundtables/{previousId}/follow-up", $"/roundtables/{previousId}/follow-up",
            [.. Fields(title, date), .. ticked.Select(t => new KeyValuePair<string, string>("OrganisationIds", t.ToString(CultureInfo.InvariantCulture)))]);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await posted.ToDocumentAsync()).ErrorSummary()));
        var location = posted.Headers.Location!.OriginalString;
        return int.Parse(location["/roundtables/".Length..], CultureInfo.InvariantCulture);
    }

    private static List<KeyValuePair<string, string>> Fields(string title, DateOnly? date)
    {
        string D(Func<DateOnly, int> part, DateOnly? value) => value is { } v ? part(v).ToString(CultureInfo.InvariantCulture) : "";
        var deadline = date?.AddDays(-7);
        return
        [
            new("Title", title), new("Description", "Contracting and security controls after APT10."),
            new("Date.Day", D(d => d.Day, date)), new("Date.Month", D(d => d.Month, date)), new("Date.Year", D(d => d.Year, date)),
            new("StartTime", "10:00"), new("EndTime", "12:00"), new("VenueAddress", "70 Whitehall, London SW1A 2AS"), new("OnlineJoiningDetails", ""),
            new("Capacity", "40"), new("DelegatesPerOrganisation", "2"),
            new("RsvpDeadlineDate.Day", D(d => d.Day, deadline)), new("RsvpDeadlineDate.Month", D(d => d.Month, deadline)), new("RsvpDeadlineDate.Year", D(d => d.Year, deadline)),
            new("RsvpDeadlineTime", "5pm"), new("Status", "Draft"),
        ];
    }
}
