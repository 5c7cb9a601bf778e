using System.Globalization;
using AngleSharp.Dom;

namespace RoundtableManager.Tests.Engagement;

/// <summary>The organisation record (issue #19, item 1): one timeline built from every feature's source, and logged interactions.</summary>
[Collection(SharedHosts.Invitations)]
public sealed class OrganisationRecordTests(TestApp app)
{
    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private async Task<HttpClient> StaffAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));

    private DateOnly Today => DateOnly.FromDateTime(Core.Common.UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime));

    private static Dictionary<string, string> InteractionFields(string kind, DateOnly date, string summary, string participants = "", string marking = "Amber", int version = 0) => new()
    {
        ["Kind"] = kind,
        ["OccurredOn.Day"] = date.Day.ToString(CultureInfo.InvariantCulture),
        ["OccurredOn.Month"] = date.Month.ToString(CultureInfo.InvariantCulture),
        ["OccurredOn.Year"] = date.Year.ToString(CultureInfo.InvariantCulture),
        ["Summary"] = summary,
        ["Participants"] = participants,
        ["Marking"] = marking,
        ["Version"] = version.ToString(CultureInfo.InvariantCulture),
    };

    private static List<IElement> Entries(IDocument page) => page.QuerySelectorAll("#timeline > li").ToList();

    private static List<string> Kinds(IDocument page) => Entries(page).Select(e => e.GetAttribute("data-kind")!).ToList();

    [Fact]
    public async Task Record_EveryFeaturesEntriesForThisOrganisationOnly_EmailsForOrganisersOnly()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Record Ltd");
        var other = await RsvpTestData.InviteAsync(app, roundtable, "Elsewhere Ltd");
        using (var supplier = await RsvpTestData.SupplierAsync(app, invited))
        using (var reply = await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", [("Dana Delegate", $"dana-{Guid.NewGuid():N}@record.example")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        using (var supplier = await RsvpTestData.SupplierAsync(app, other))
        using (var reply = await RsvpTestData.ReplyAsync(supplier, other.InvitationId, "Accepted", [("Otto Otherorg", $"otto-{Guid.NewGuid():N}@elsewhere.example")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        var organiserUser = await app.CreateUserAsync(Roles.Organiser);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            await db.Delegates.Where(d => d.InvitationId == invited.InvitationId).ExecuteUpdateAsync(s => s.SetProperty(d => d.AttendedUtc, now));
            db.Proposals.Add(new Proposal { RoundtableId = roundtable.Id, OrganisationId = invited.Organisation.Id, SubmittedByUserId = organiserUser.Id, SubmittedByName = "Priya", Text = "Incident reporting clauses", CreatedUtc = now });
            db.FollowUpActions.Add(new Core.Actions.FollowUpAction
            {
                RoundtableId = roundtable.Id, Title = "Adopt the incident clause", OwnerKind = Core.Actions.ActionOwnerKind.Organisation, OwnerOrganisationId = invited.Organisation.Id,
                OwnerContactId = invited.Contacts[0].Id, StaffLeadUserId = organiserUser.Id, DueDate = Today.AddDays(-1), CreatedUtc = now, UpdatedUtc = now,
            });
            await db.SaveChangesAsync();
        });

        using var organiser = await app.SignedInClientAsync(organiserUser);
        using (var logged = await organiser.PostFormAsync($"/suppliers/{invited.Organisation.Id}/interactions/new", $"/suppliers/{invited.Organisation.Id}/interactions/new",
            InteractionFields("Call", Today, "Talked through the incident clause", "Priya Shah")))
        {
            Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        }

        var page = await organiser.GetDocumentAsync($"/suppliers/{invited.Organisation.Id}/record");
        var kinds = Kinds(page).ToHashSet();
        Assert.Superset(new HashSet<string> { "invitations", "delegates", "proposals", "actions", "emails", "interactions" }, kinds);
        var text = page.QuerySelector("#timeline")!.TextContent;
        Assert.Contains("Accepted the invitation to", text, StringComparison.Ordinal);
        Assert.Contains("Dana Delegate checked in at", text, StringComparison.Ordinal);
        Assert.Contains("Incident reporting clauses", text, StringComparison.Ordinal);
        Assert.Contains("Follow-up action: Adopt the incident clause", text, StringComparison.Ordinal);
        Assert.Contains("Overdue", text, StringComparison.Ordinal);
        Assert.Contains("Call with Priya Shah", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Otto Otherorg", text, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Contacts[0].Email, text, StringComparison.Ordinal);

        // The organisation's own page shows the newest few and links to the whole record.
        var show = await organiser.GetDocumentAsync($"/suppliers/{invited.Organisation.Id}");
        Assert.InRange(Entries(show).Count, 1, 5);
        Assert.NotNull(show.QuerySelector($"a[href='/suppliers/{invited.Organisation.Id}/record']"));

        // Staff see the record but not the email log's entries (the email log is for organisers only).
        using var staff = await StaffAsync();
        var staffPage = await staff.GetDocumentAsync($"/suppliers/{invited.Organisation.Id}/record?Kind=emails");
        Assert.DoesNotContain("emails", Kinds(staffPage));
        Assert.Null(staffPage.QuerySelector("input[name=Kind][value=emails]"));
        Assert.Contains("interactions", Kinds(await staff.GetDocumentAsync($"/suppliers/{invited.Organisation.Id}/record")));

        // Suppliers never reach the record or the interaction pages, not even their own organisation's.
        using var supplierClient = await RsvpTestData.SupplierAsync(app, invited, contact: 1);
        foreach (var url in new[] { "record", "interactions/new" })
        {
            using var refused = await supplierClient.GetAsync(new Uri($"/suppliers/{invited.Organisation.Id}/{url}", UriKind.Relative));
            Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        }
    }

    [Fact]
    public async Task Emails_AddressedInAnotherCase_OnTheRecordAnyway_OthersNot()
    {
        var organisation = await app.CreateOrganisationAsync($"Case Matters Ltd {Guid.NewGuid():N}");
        var local = $"Mixed.Case.{Guid.NewGuid():N}";
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            var typed = $"{local}@Supplier.Example";
            db.Contacts.Add(new Core.Suppliers.Contact
            {
                OrganisationId = organisation.Id, FullName = "Morgan Case", Email = typed, NormalisedEmail = Core.Suppliers.Contact.Normalise(typed), CreatedUtc = now, UpdatedUtc = now,
            });
            await db.SaveChangesAsync();
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<Core.Email.IEmailOutbox>();
            outbox.Enqueue(new Core.Email.EmailDraft("Test", $"{local.ToLowerInvariant()}@supplier.example", "Morgan Case", "Lower-case copy", new Core.Email.EmailBody().Paragraph("Hello")));
            outbox.Enqueue(new Core.Email.EmailDraft("Test", $"{local.ToUpperInvariant()}@SUPPLIER.EXAMPLE", null, "Upper-case copy", new Core.Email.EmailBody().Paragraph("Hello")));
            outbox.Enqueue(new Core.Email.EmailDraft("Test", $"someone.else.{Guid.NewGuid():N}@supplier.example", null, "Not theirs", new Core.Email.EmailBody().Paragraph("Hello")));
            await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().SaveChangesAsync();
        }

        using var organiser = await OrganiserAsync();
        var page = await organiser.GetDocumentAsync($"/suppliers/{organisation.Id}/record?Kind=emails");
        Assert.Equal(["emails", "emails"], Kinds(page));
        var text = page.QuerySelector("#timeline")!.TextContent;
        Assert.Contains("Email: Lower-case copy", text, StringComparison.Ordinal);
        Assert.Contains("Email: Upper-case copy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Not theirs", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interaction_LoggedThenChanged_EachChangeAuditedWithBeforeAndAfter_StaleEditRefused()
    {
        var organisation = await app.CreateOrganisationAsync($"Interaction Ltd {Guid.NewGuid():N}"[..26]);
        using var staff = await StaffAsync();
        var newUrl = $"/suppliers/{organisation.Id}/interactions/new";
        using (var logged = await staff.PostFormAsync(newUrl, newUrl, InteractionFields("Meeting", Today.AddDays(-3), "Met the CISO\r\nabout controls", "Sam CISO", "Red")))
        {
            Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        }

        var interaction = await app.WithDbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.OrganisationId == organisation.Id));
        Assert.Equal((InteractionKind.Meeting, "Met the CISO\nabout controls", TlpMarking.Red, Today.AddDays(-3)), (interaction.Kind, interaction.Summary, interaction.Marking, interaction.OccurredOn));
        var record = await staff.GetDocumentAsync($"/suppliers/{organisation.Id}/record");
        Assert.Contains("Interaction logged", record.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        var entry = Entries(record).Single();
        Assert.Equal("TLP:RED", entry.QuerySelector(".rtm-tlp")!.TextContent.Trim());
        Assert.Contains(Core.Common.UkTime.FormatDate(interaction.OccurredUtc), entry.TextContent, StringComparison.Ordinal);

        var editUrl = $"/suppliers/{organisation.Id}/interactions/{interaction.Id}/edit";
        using (var changed = await staff.PostFormAsync(editUrl, editUrl, InteractionFields("Call", Today.AddDays(-3), "Met the CISO\nabout controls", "Sam CISO", "Amber", interaction.Version)))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var audit = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.SubjectType == "Interaction" && e.SubjectId == interaction.Id.ToString(CultureInfo.InvariantCulture)).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["Interaction.Logged", "Interaction.Changed"], audit.Select(e => e.Action));
        Assert.Contains("kind: \u201cMeeting\u201d \u2192 \u201cCall\u201d", audit[1].Summary, StringComparison.Ordinal);
        Assert.Contains("marking: \u201cTLP:RED\u201d \u2192 \u201cTLP:AMBER\u201d", audit[1].Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("summary:", audit[1].Summary, StringComparison.Ordinal);
        Assert.Equal(organisation.Id, audit[1].OrganisationId);

        // An edit made from the page as it was before that change is refused, and changes nothing.
        using var stale = await staff.PostFormAsync(editUrl, editUrl, InteractionFields("Letter", Today.AddDays(-3), "Overwritten", "", "Green", interaction.Version));
        var stalePage = await stale.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal([InteractionCommands.ChangedMessage], stalePage.ErrorSummary());
        Assert.Equal("Overwritten", stalePage.QuerySelector("#Summary")!.TextContent);
        var after = await app.WithDbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == interaction.Id));
        Assert.Equal((InteractionKind.Call, TlpMarking.Amber, 2), (after.Kind, after.Marking, after.Version));
    }

    [Fact]
    public async Task Interaction_BadInput_ErrorSummaryNothingSavedTypedTextKept()
    {
        var organisation = await app.CreateOrganisationAsync($"Bad Input Ltd {Guid.NewGuid():N}"[..26]);
        using var organiser = await OrganiserAsync();
        var url = $"/suppliers/{organisation.Id}/interactions/new";
        var fields = InteractionFields("Call", Today.AddDays(1), "", "Sam\r\nInjected: yes", "Amber");
        using var response = await organiser.PostFormAsync(url, url, fields);
        var page = await response.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["The date of the interaction must be today or in the past", "Enter a summary of the interaction", "Who took part must not contain line breaks or control characters"],
            page.ErrorSummary());
        Assert.Equal("Sam\r\nInjected: yes".Replace("\r\n", "\n", StringComparison.Ordinal), page.QuerySelector("#Participants")!.GetAttribute("value")!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(Today.AddDays(1).Day.ToString(CultureInfo.InvariantCulture), page.QuerySelector("input[name='OccurredOn.Day']")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name=Kind][value=Call][checked]"));

        var noMonth = InteractionFields("Call", Today, "Fine", "", "Amber");
        noMonth.Remove("OccurredOn.Month");
        using var unreadable = await organiser.PostFormAsync(url, url, noMonth);
        Assert.Equal(["Date of the interaction must include a month"], (await unreadable.ToDocumentAsync()).ErrorSummary());
        Assert.False(await app.WithDbAsync(db => db.Interactions.AnyAsync(i => i.OrganisationId == organisation.Id)));
    }

    [Fact]
    public async Task Timeline_ThousandsOfEntries_PagedByCursorInOrderWithoutGapsOrRepeats_FilteredByKindAndPeriod()
    {
        var organisation = await app.CreateOrganisationAsync($"Busy Ltd {Guid.NewGuid():N}"[..22]);
        var today = Today;
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            // 2,000 interactions over 100 days: twenty share each day, so paging must break ties exactly.
            db.Interactions.AddRange(Enumerable.Range(0, 2000).Select(i =>
            {
                var day = today.AddDays(-(i % 100));
                return new Interaction
                {
                    OrganisationId = organisation.Id, Kind = (InteractionKind)(i % 5), OccurredOn = day, OccurredUtc = Core.Common.UkTime.ToUtc(day.ToDateTime(TimeOnly.MinValue)),
                    Summary = $"Entry {i}", Marking = TlpMarking.Green, CreatedByName = "Seeder", CreatedUtc = now, UpdatedUtc = now,
                };
            }));
            await db.SaveChangesAsync();
        });

        using var staff = await StaffAsync();
        // The period: the last ten days (200 entries), walked page by page through the "Older entries" links.
        var from = today.AddDays(-9);
        var url = $"/suppliers/{organisation.Id}/record?Kind=interactions&From.Day={from.Day}&From.Month={from.Month}&From.Year={from.Year}"
            + $"&To.Day={today.Day}&To.Month={today.Month}&To.Year={today.Year}";
        var seen = new List<(DateTime When, string Summary)>();
        var pages = 0;
        for (string? next = url; next is not null; pages++)
        {
            var page = await staff.GetDocumentAsync(next);
            var entries = Entries(page);
            Assert.InRange(entries.Count, 1, TimelineService.DefaultPageSize);
            Assert.All(entries, e => Assert.Equal("interactions", e.GetAttribute("data-kind")));
            seen.AddRange(entries.Select(e => (DateTime.Parse(e.QuerySelector("time")!.GetAttribute("datetime")!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                e.QuerySelector(".rtm-preserve-lines")!.TextContent)));
            next = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
            Assert.True(pages < 20, "paging did not end");
        }

        Assert.Equal(8, pages);
        Assert.Equal(200, seen.Count);
        Assert.Equal(200, seen.Select(s => s.Summary).Distinct().Count());
        Assert.Equal(seen.Select(s => s.When).OrderDescending(), seen.Select(s => s.When));
        Assert.All(seen, s => Assert.InRange(DateOnly.FromDateTime(Core.Common.UkTime.ToUk(s.When)), from, today));

        // Another kind alone shows none of them.
        var actionsOnly = await staff.GetDocumentAsync($"/suppliers/{organisation.Id}/record?Kind=actions");
        Assert.Empty(Entries(actionsOnly));
        Assert.NotNull(actionsOnly.QuerySelector("input[name=Kind][value=actions][checked]"));

        // An impossible period is a GOV.UK error, not a crash, and the page still shows.
        using var bad = await staff.GetAsync(new Uri($"/suppliers/{organisation.Id}/record?From.Day=31&From.Month=2&From.Year=2026", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(["From date must be a real date"], (await bad.ToDocumentAsync()).ErrorSummary());
    }
}
