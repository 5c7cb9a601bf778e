using System.Globalization;
using AngleSharp.Dom;

namespace RoundtableManager.Tests.Engagement;

/// <summary>
/// The programme report (issue #19 item 3): figures counted from data each test writes in a period of its own, the same on
/// the page, in the CSV and in the XLSX.
/// </summary>
[Collection(SharedHosts.FreshReports)]
public sealed class ProgrammeReportTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private readonly ReportTestData _data = new(app);

    private static string Period(DateOnly from, DateOnly to, int months = 12) => string.Create(CultureInfo.InvariantCulture,
        $"?From.Day={from.Day}&From.Month={from.Month}&From.Year={from.Year}&To.Day={to.Day}&To.Month={to.Month}&To.Year={to.Year}&Months={months}");

    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private static List<string> RowOf(IDocument page, string table, string group) =>
        page.QuerySelectorAll($"#{table} tbody tr").Single(r => r.Children[0].TextContent.Trim() == group).Children.Skip(1).Select(c => c.TextContent.Trim()).ToList();

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url, string contentType)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(contentType, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Replies_ThreeInvitedTwoRepliedOneAttended_PageCsvAndXlsxAgree()
    {
        var a = await app.CreateOrganisationAsync(TestNames.Unique("Arden Managed IT"));
        var b = await app.CreateOrganisationAsync(TestNames.Unique("Brook Cloud Services"));
        var c = await app.CreateOrganisationAsync(TestNames.Unique("Caldew Integration"), OrganisationType.SystemsIntegrator);
        var tag = TestNames.Unique("Strategic");
        await _data.TagAsync(tag, a, c);
        var roundtable = await _data.RoundtableAsync(new DateTime(2021, 3, 10, 10, 0, 0, DateTimeKind.Utc));
        await _data.InviteAsync(roundtable, a, InvitationResponse.Accepted, replyAfterDays: 2, delegates: 2, checkedIn: 1);
        await _data.InviteAsync(roundtable, b, InvitationResponse.Declined, replyAfterDays: 4);
        await _data.InviteAsync(roundtable, c);
        // Outside the period, and cancelled inside it: neither counts.
        await _data.InviteAsync(await _data.RoundtableAsync(new DateTime(2021, 4, 1, 9, 0, 0, DateTimeKind.Utc)), a, InvitationResponse.Accepted, 1, 1, 1);
        await _data.InviteAsync(await _data.RoundtableAsync(new DateTime(2021, 3, 20, 9, 0, 0, DateTimeKind.Utc), RoundtableStatus.Cancelled), b, InvitationResponse.Accepted, 1, 1);

        using var client = await OrganiserAsync();
        var query = Period(new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 31));
        var page = await client.GetDocumentAsync("/reports" + query);
        Assert.Equal("1 March 2021 to 31 March 2021", page.QuerySelector("#period")!.TextContent);
        Assert.Equal(["3", "2", "1", "1", "3"], page.QuerySelectorAll("#headline [data-figure]").Select(f => f.TextContent));
        Assert.Contains("100% of accepted", page.QuerySelector("#headline")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["2", "2", "1", "1", "100%", "3.0"], RowOf(page, "by-type", "Managed service provider"));
        Assert.Equal(["1", "0", "0", "0", "None accepted", "No replies"], RowOf(page, "by-type", "Systems integrator"));
        Assert.Equal(["3", "2", "1", "1", "100%", "3.0"], RowOf(page, "by-type", "All organisations"));
        Assert.Equal(["2", "1", "1", "1", "100%", "2.0"], RowOf(page, "by-tag", tag));
        Assert.Equal("Replies by organisation type", page.QuerySelector("#by-type caption")!.TextContent);
        var chart = page.QuerySelector("#chart-by-type")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Contains("Managed service provider: invited 2, replied 2, accepted 1, attended 1", chart.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["2", "2", "1", "1"], chart.QuerySelectorAll("[data-group='Managed service provider'] rect").Select(r => r.GetAttribute("data-value")));

        var csvLink = page.QuerySelectorAll("a[data-download=csv]").Select(a => a.GetAttribute("href")!).First(h => h.StartsWith("/reports/by-type.", StringComparison.Ordinal));
        Assert.Equal("/reports/by-type.csv" + query, csvLink);
        var csv = TableFiles.ReadCsv(await DownloadAsync(client, csvLink, "text/csv"));
        Assert.Equal(["Organisation type", "Invited", "Replied", "Accepted", "Attended", "Attended of accepted", "Median days to reply"], csv[0]);
        Assert.Equal(["Managed service provider", "2", "2", "1", "1", "100%", "3.0"], csv[1]);
        Assert.Equal(["Systems integrator", "1", "0", "0", "0", "", ""], csv[2]);
        Assert.Equal(["All organisations", "3", "2", "1", "1", "100%", "3.0"], csv[^1]);

        var xlsx = XlsxSheet.Open(await DownloadAsync(client, "/reports/by-type.xlsx" + query, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), out var document);
        using (document)
        {
            var rows = xlsx.Values(7);
            Assert.Equal(csv[0], rows[0]);
            Assert.Equal(csv.Count, rows.Count);
            for (var r = 1; r < csv.Count; r++)
            {
                Assert.Equal(csv[r][0], rows[r][0]);
                for (var col = 1; col <= 4; col++)
                {
                    Assert.Equal(Number(csv[r][col]), Number(rows[r][col]));
                }

                Assert.Equal(csv[r][5].Length == 0 ? "" : (Number(csv[r][5].TrimEnd('%')) / 100).ToString(CultureInfo.InvariantCulture), rows[r][5] is { Length: > 0 } p ? Number(p).ToString(CultureInfo.InvariantCulture) : "");
                Assert.Equal(csv[r][6], rows[r][6] is { Length: > 0 } m ? Number(m).ToString("0.0", CultureInfo.InvariantCulture) : "");
            }
        }

        var byTag = TableFiles.ReadCsv(await DownloadAsync(client, "/reports/by-tag.csv" + query, "text/csv"));
        Assert.Equal([tag, "2", "1", "1", "1", "100%", "2.0"], byTag.Single(r => r[0] == tag));
        Assert.Equal(["No tag", "1", "1", "0", "0", "", "4.0"], byTag[^1]);
    }

    [Fact]
    public async Task Actions_OpenedDoneOverdueAndMedianDaysToClose_ByCategoryAndOwner()
    {
        var a = await app.CreateOrganisationAsync(TestNames.Unique("Dacre Secure Hosting"));
        var b = await app.CreateOrganisationAsync(TestNames.Unique("Eden Systems"));
        var roundtable = await _data.RoundtableAsync(new DateTime(2021, 6, 2, 9, 0, 0, DateTimeKind.Utc));
        var opened = new DateTime(2021, 6, 3, 12, 0, 0, DateTimeKind.Utc);
        await _data.ActionAsync(roundtable, a, opened, new DateOnly(2021, 6, 30), ActionStatus.Done, closedAfterDays: 5, category: AgendaCategory.Contracting);
        await _data.ActionAsync(roundtable, a, opened, new DateOnly(2021, 7, 1), ActionStatus.InProgress, category: AgendaCategory.Contracting);
        await _data.ActionAsync(roundtable, null, opened, new DateOnly(2021, 6, 30), ActionStatus.Done, closedAfterDays: 1);
        await _data.ActionAsync(roundtable, b, opened, new DateOnly(2021, 6, 30), ActionStatus.Cancelled, closedAfterDays: 2, category: AgendaCategory.SecurityControls);
        await _data.ActionAsync(roundtable, a, new DateTime(2021, 7, 5, 9, 0, 0, DateTimeKind.Utc), new DateOnly(2021, 8, 1), ActionStatus.Open);

        using var client = await OrganiserAsync();
        var query = Period(new DateOnly(2021, 6, 1), new DateOnly(2021, 6, 30));
        var page = await client.GetDocumentAsync("/reports" + query);
        Assert.Equal(["2", "1", "1", "5.0"], RowOf(page, "actions-by-category", "Contracting"));
        Assert.Equal(["1", "0", "0", "None done"], RowOf(page, "actions-by-category", "Security controls"));
        Assert.Equal(["1", "1", "0", "1.0"], RowOf(page, "actions-by-category", "Not from an agenda item"));
        Assert.Equal(["4", "2", "1", "3.0"], RowOf(page, "actions-by-category", "All follow-up actions"));
        Assert.Equal(["2", "1", "1", "5.0"], RowOf(page, "actions-by-owner", a.Name));
        Assert.Equal(["1", "1", "0", "1.0"], RowOf(page, "actions-by-owner", "Owned by staff"));
        Assert.Equal(["1", "0", "0", "None done"], RowOf(page, "actions-by-owner", b.Name));
        Assert.Equal(a.Name, page.QuerySelector("#actions-by-owner tbody tr th")!.TextContent);
        Assert.Equal(["2", "1", "1"], page.QuerySelectorAll("#chart-actions [data-group='Contracting'] rect").Select(r => r.GetAttribute("data-value")));

        var csv = TableFiles.ReadCsv(await DownloadAsync(client, "/reports/actions-by-owner.csv" + query, "text/csv"));
        Assert.Equal(["Owner", "Opened", "Done", "Overdue", "Median days to close"], csv[0]);
        Assert.Equal([a.Name, "2", "1", "1", "5.0"], csv[1]);
        Assert.Equal([b.Name, "1", "0", "0", ""], csv.Single(r => r[0] == b.Name));
        var xlsx = XlsxSheet.Open(await DownloadAsync(client, "/reports/actions-by-category.xlsx" + query, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), out var document);
        using (document)
        {
            Assert.Equal(["All follow-up actions", "4", "2", "1", "3"], xlsx.Values(5)[^1]);
        }
    }

    [Fact]
    public async Task NotEngaged_ListsThoseQuietForTheChosenMonths_NeverEngagedFirst()
    {
        var today = DateTime.UtcNow;
        var quiet = await app.CreateOrganisationAsync(TestNames.Unique("Quarry Hill Digital"));
        var recent = await app.CreateOrganisationAsync(TestNames.Unique("Riverside Managed"));
        var never = await app.CreateOrganisationAsync(TestNames.Unique("Seaton Data"));
        var archived = await app.CreateOrganisationAsync(TestNames.Unique("Tarn Archive"));
        await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == archived.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsArchived, true)));
        await _data.InviteAsync(await _data.RoundtableAsync(today.AddMonths(-20)), quiet, InvitationResponse.Accepted, 2, 1, 1);
        await _data.InviteAsync(await _data.RoundtableAsync(today.AddMonths(-1)), recent, InvitationResponse.Declined, 2);

        using var client = await OrganiserAsync();
        var twelve = TableFiles.ReadCsv(await DownloadAsync(client, "/reports/not-engaged.csv?Months=12", "text/csv"));
        Assert.Equal(["Organisation", "Type", "Last invited", "Last reply", "Last attended", "Last interaction"], twelve[0]);
        var quietRow = twelve.Single(r => r[0] == quiet.Name);
        Assert.Equal(DateOnly.FromDateTime(UkTime.ToUk(today.AddMonths(-20).AddMinutes(5))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), quietRow[4]);
        Assert.Equal(["Managed service provider", "", "", "", ""], twelve.Single(r => r[0] == never.Name).Skip(1));
        Assert.DoesNotContain(twelve, r => r[0] == recent.Name || r[0] == archived.Name);
        Assert.True(twelve.FindIndex(r => r[0] == never.Name) < twelve.FindIndex(r => r[0] == quiet.Name), "never engaged comes before engaged long ago");

        var page = await client.GetDocumentAsync("/reports?Months=12");
        Assert.StartsWith($"{twelve.Count - 1} organisation", page.QuerySelector("#not-engaged-count")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Organisations not engaged for 12 months", page.QuerySelector("#not-engaged caption")!.TextContent);

        var one = TableFiles.ReadCsv(await DownloadAsync(client, "/reports/not-engaged.csv?Months=1&From.Day=&To.Day=", "text/csv"));
        Assert.Contains(one, r => r[0] == recent.Name);
        var xlsx = XlsxSheet.Open(await DownloadAsync(client, "/reports/not-engaged.xlsx?Months=30", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), out var document);
        using (document)
        {
            var names = xlsx.Values(6).Select(r => r[0]).ToList();
            Assert.Contains(never.Name, names);
            Assert.DoesNotContain(quiet.Name, names);
        }
    }

    [Fact]
    public async Task NotEngaged_AMeetingLoggedLastMonth_CountsAsEngaged_AnOldCallIsShown()
    {
        var met = await app.CreateOrganisationAsync(TestNames.Unique("Wastwater Managed"));
        var called = await app.CreateOrganisationAsync(TestNames.Unique("Yewdale Cloud"));
        var today = DateOnly.FromDateTime(UkTime.ToUk(DateTime.UtcNow));
        var lastMonth = today.AddMonths(-1).AddDays(-3);
        var longAgo = today.AddMonths(-20);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var interactions = scope.ServiceProvider.GetRequiredService<InteractionCommands>();
            var actor = new InteractionActor(null, "Alex Organiser");
            Assert.True((await interactions.LogAsync(met.Id, new InteractionInput(InteractionKind.Meeting, lastMonth, "Quarterly review", null, TlpMarking.Amber), actor, CancellationToken.None)).Succeeded);
            Assert.True((await interactions.LogAsync(called.Id, new InteractionInput(InteractionKind.Call, longAgo, "Introductory call", null, TlpMarking.Green), actor, CancellationToken.None)).Succeeded);
        }

        using var client = await OrganiserAsync();
        var twelve = TableFiles.ReadCsv(await DownloadAsync(client, "/reports/not-engaged.csv?Months=12", "text/csv"));
        Assert.DoesNotContain(twelve, r => r[0] == met.Name);
        Assert.Equal(["Managed service provider", "", "", "", longAgo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], twelve.Single(r => r[0] == called.Name).Skip(1));

        // Over a shorter window the meeting is too long ago as well, and the longest quiet comes first.
        var page = await client.GetDocumentAsync("/reports?Months=1");
        var all = TableFiles.ReadCsv(await DownloadAsync(client, "/reports/not-engaged.csv?Months=1", "text/csv")).Select(r => r[0]).ToList();
        Assert.True(all.IndexOf(called.Name) < all.IndexOf(met.Name), "the organisation called 20 months ago is quieter than the one met last month");
        Assert.Contains("nor had a meeting, call or other interaction logged", page.QuerySelector("#not-engaged-count")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MedianDaysToReply_RoundtablePageAndReportAgree_BothCountTheFirstAnswer()
    {
        var roundtable = await _data.RoundtableAsync(new DateTime(2019, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        foreach (var (name, days) in new[] { ("Alder Hosting", 2.0), ("Birch Integration", 3.0), ("Cedar Managed", 7.0) })
        {
            // Each first answered after the days given and changed a day later (RespondedUtc moves, FirstRespondedUtc stays).
            await _data.InviteAsync(roundtable, await app.CreateOrganisationAsync(TestNames.Unique(name)), InvitationResponse.Accepted, days, 1);
        }

        using var client = await OrganiserAsync();
        var responses = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/responses");
        Assert.Equal("3 days", responses.QuerySelector("[data-figure=median]")!.TextContent.Trim());
        var report = await client.GetDocumentAsync("/reports" + Period(new DateOnly(2019, 9, 1), new DateOnly(2019, 9, 30)));
        Assert.Equal("3.0", RowOf(report, "by-type", "All organisations")[5]);
    }

    [Fact]
    public async Task Replies_EveryChangeShowsAtOnce_AnswerCheckInTagTypeTagDeletedRevoked()
    {
        // The report adds up per-roundtable summaries that the writes mark out of date: each change below goes through the
        // app's own service, and the next page shows it.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var roundtable = await _data.RoundtableAsync(now.AddDays(20), RoundtableStatus.OpenForResponses);
        var a = await app.CreateOrganisationAsync(TestNames.Unique("Ullswater Managed"));
        var b = await app.CreateOrganisationAsync(TestNames.Unique("Vale Hosting"));
        var first = await _data.InviteAsync(roundtable, a, InvitationResponse.Accepted, replyAfterDays: 2, delegates: 1);
        var second = await _data.InviteAsync(roundtable, b);
        using var client = await OrganiserAsync();
        var day = DateOnly.FromDateTime(UkTime.ToUk(roundtable.StartsUtc));
        async Task<List<string>> Row(string table, string group) => RowOf(await client.GetDocumentAsync("/reports" + Period(day, day)), table, group);
        async Task Run<T>(Func<T, Task<CommandResult>> change) where T : notnull
        {
            await using var scope = app.Services.CreateAsyncScope();
            Assert.True((await change(scope.ServiceProvider.GetRequiredService<T>())).Succeeded);
        }

        Assert.Equal(["2", "1", "1", "0", "0%", "2.0"], await Row("by-type", "All organisations"));

        // Sent 30 days before the roundtable, so answered now after 10 days.
        await Run<RsvpService>(async s => await s.AnswerAsync(second.Id, b.Id, new RsvpAnswer(InvitationResponse.Declined, "Diary clash", []), new Responder(null, "Vale", null, false), CancellationToken.None));
        Assert.Equal(["2", "2", "1", "0", "0%", "6.0"], await Row("by-type", "All organisations"));

        var delegateId = await app.WithDbAsync(db => db.Delegates.Where(d => d.InvitationId == first.Id).Select(d => d.Id).SingleAsync());
        await Run<RsvpService>(s => s.MarkAttendedAsync(roundtable.Id, delegateId, attended: true, CancellationToken.None));
        Assert.Equal(["2", "2", "1", "1", "100%", "6.0"], await Row("by-type", "All organisations"));

        var tagName = TestNames.Unique("Lakes");
        int tagId = 0;
        await Run<TagCommands>(async s =>
        {
            var created = await s.CreateAsync(new TagInput(tagName, null), CancellationToken.None);
            tagId = created.Value;
            return await s.AddAsync(a.Id, tagId, CancellationToken.None);
        });
        Assert.Equal(["1", "1", "1", "1", "100%", "2.0"], await Row("by-tag", tagName));
        Assert.Equal(["1", "1", "0", "0", "None accepted", "10.0"], await Row("by-tag", "No tag"));

        await Run<SupplierDirectoryCommands>(async s => await s.UpdateOrganisationAsync(b.Id, new OrganisationInput(b.Name, OrganisationType.SystemsIntegrator, null, null, null), CancellationToken.None));
        Assert.Equal(["1", "1", "0", "0", "None accepted", "10.0"], await Row("by-type", "Systems integrator"));
        Assert.Equal(["1", "1", "1", "1", "100%", "2.0"], await Row("by-type", "Managed service provider"));

        await Run<TagCommands>(async s => await s.DeleteAsync(tagId, CancellationToken.None));
        Assert.Equal(["2", "2", "1", "1", "100%", "6.0"], await Row("by-tag", "No tag"));

        await Run<InvitationService>(s => s.RevokeInvitationAsync(second.Id, CancellationToken.None));
        Assert.Equal(["1", "1", "1", "1", "100%", "2.0"], await Row("by-type", "All organisations"));
    }

    [Fact]
    public async Task Feedback_LinksSentAnsweredAndAverage_WithdrawnLeftOut_PageAndCsvAgree()
    {
        var roundtable = await _data.RoundtableAsync(new DateTime(2019, 11, 12, 10, 0, 0, DateTimeKind.Utc));
        var organisation = await app.CreateOrganisationAsync(TestNames.Unique("Derwent Cloud"));
        var invitation = await _data.InviteAsync(roundtable, organisation, InvitationResponse.Accepted, 2, delegates: 4, checkedIn: 4);
        await app.WithDbAsync(async db =>
        {
            var scores = new (int? Score, bool Withdrawn)[] { (4, false), (5, false), (null, false), (1, true) };
            db.FeedbackRequests.AddRange(invitation.Delegates.Zip(scores, (d, s) => new Core.Feedback.FeedbackRequest
            {
                RoundtableId = roundtable.Id, DelegateId = d.Id, OrganisationId = organisation.Id, TokenHash = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()),
                TokenIssuedUtc = roundtable.EndsUtc, CreatedUtc = roundtable.EndsUtc, Usefulness = s.Score, AnsweredUtc = s.Score is null ? null : roundtable.EndsUtc.AddDays(1),
                RevokedUtc = s.Withdrawn ? roundtable.EndsUtc.AddDays(2) : null,
            }));
            await db.SaveChangesAsync();
        });

        using var client = await OrganiserAsync();
        var query = Period(new DateOnly(2019, 11, 1), new DateOnly(2019, 11, 30));
        var page = await client.GetDocumentAsync("/reports" + query);
        Assert.Equal(["12 November 2019", "3", "2", "67%", "4.5"], RowOf(page, "feedback", roundtable.Title));
        Assert.Equal(["", "3", "2", "67%", "4.5"], RowOf(page, "feedback", "All roundtables"));
        Assert.Equal(["3", "2"], page.QuerySelectorAll($"#chart-feedback [data-group='{roundtable.Title}'] rect").Select(r => r.GetAttribute("data-value")));
        var csv = TableFiles.ReadCsv(await DownloadAsync(client, "/reports/feedback.csv" + query, "text/csv"));
        Assert.Equal(["Roundtable", "Date", "Links sent", "Answered", "Answered of sent", "Average usefulness (1 to 5)"], csv[0]);
        Assert.Equal([roundtable.Title, "2019-11-12", "3", "2", "67%", "4.5"], csv[1]);
    }

    [Fact]
    public async Task BadInput_ErrorSummary_WhatWasTypedKept()
    {
        using var client = await OrganiserAsync();
        var page = await client.GetDocumentAsync("/reports?From.Day=31&From.Month=2&From.Year=2026&To.Day=1&To.Month=3&To.Year=2026&Months=many");
        Assert.Equal(["From date must be a real date", "Months must be a whole number from 1 to 120"], page.ErrorSummary());
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal("31", page.QuerySelector("#Form_From")!.GetAttribute("value"));
        Assert.Equal("many", page.QuerySelector("#Form_Months")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#headline"));

        var backwards = await client.GetDocumentAsync("/reports?From.Day=1&From.Month=3&From.Year=2026&To.Day=1&To.Month=2&To.Year=2026");
        Assert.Equal(["To date must be the same as or after the from date"], backwards.ErrorSummary());
        var download = await client.GetDocumentAsync("/reports/by-type.csv?From.Day=1&From.Month=13&From.Year=2026&To.Day=1&To.Month=2&To.Year=2026");
        Assert.Equal(["From date must be a real date"], download.ErrorSummary());
    }

    [Fact]
    public async Task Access_StaffRead_SupplierRefused_UnknownTableNotFound()
    {
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        using (var ok = await staff.GetAsync(new Uri("/reports", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var unknown = await staff.GetAsync(new Uri("/reports/contacts.csv", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var pdf = await staff.GetAsync(new Uri("/reports/by-type.pdf", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        }

        var organisation = await app.CreateOrganisationAsync(TestNames.Unique("Ullswater Supplies"));
        using var supplier = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Supplier, organisation.Id));
        foreach (var url in new[] { "/reports", "/reports/by-type.csv", "/reports/not-engaged.xlsx" })
        {
            using var refused = await supplier.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }
}
