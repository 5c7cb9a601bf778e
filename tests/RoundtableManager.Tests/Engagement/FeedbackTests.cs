namespace RoundtableManager.Tests.Engagement;

/// <summary>
/// Feedback after a roundtable (issue #19, item 5): marking it held sends checked-in delegates a personal link, handled
/// like invitation links; one answer per person, changeable until the closing date; organisers and staff see the results.
/// The clock moves, so each test starts from the app as it started.
/// </summary>
[Collection(SharedHosts.FreshReports)]
public sealed class FeedbackTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MarkHeld_OnlyCheckedInDelegatesGetALink_OneEachEvenWhenMarkedAgain()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 2, checkedInPerOrganisation: 1);
        using var organiser = await InvitationTestData.OrganiserAsync(app);

        using (var marked = await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id))
        {
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
            Assert.Equal($"/roundtables/{held.Roundtable.Id}/feedback", marked.Headers.Location!.OriginalString);
        }

        var links = await FeedbackTestData.LinksAsync(app, held.Roundtable.Id);
        Assert.Equal(held.CheckedIn.Select(d => d.Email).Order(), links.Keys.Order());
        Assert.DoesNotContain(held.NotCheckedIn, d => links.ContainsKey(d.Email));
        var roundtable = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == held.Roundtable.Id));
        Assert.Equal(RoundtableStatus.Held, roundtable.Status);

        // Someone checked in afterwards gets a link when the organiser saves again; nobody gets a second one.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Core.Invitations.RsvpService>().MarkAttendedAsync(held.Roundtable.Id, held.NotCheckedIn[0].Id, true, CancellationToken.None);
        }

        (await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id, daysOpen: 20)).Dispose();
        var after = await FeedbackTestData.LinksAsync(app, held.Roundtable.Id);
        Assert.Equal(3, after.Count);
        Assert.Equal(links[held.CheckedIn[0].Email], after[held.CheckedIn[0].Email]);
        Assert.True(after.ContainsKey(held.NotCheckedIn[0].Email));
        Assert.Equal(3, (await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id)).Count);
    }

    [Fact]
    public async Task MarkHeld_BeforeTheStart_RefusedNothingSent()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        using var organiser = await InvitationTestData.OrganiserAsync(app);

        var page = await organiser.GetDocumentAsync($"/roundtables/{roundtable.Id}/held");
        Assert.Contains("once it has started", page.QuerySelector("#cannot-mark-held")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action$='/held']"));
        using var posted = await organiser.PostFormAsync($"/roundtables/{roundtable.Id}", $"/roundtables/{roundtable.Id}/held", new Dictionary<string, string>
        {
            ["Form.ClosesOn.Day"] = "1",
            ["Form.ClosesOn.Month"] = "1",
            ["Form.ClosesOn.Year"] = "2099",
        });
        var after = await posted.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.NotEmpty(after.ErrorSummary());
        Assert.Equal(RoundtableStatus.OpenForResponses, await app.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtable.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task MarkHeld_ClosingDateInThePast_ErrorSummaryDateKept()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 1);
        using var organiser = await InvitationTestData.OrganiserAsync(app);

        using var posted = await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id, daysOpen: -2);
        var page = await posted.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(["The closing date must be today or in the future"], page.ErrorSummary());
        Assert.NotNull(page.QuerySelector("form[action$='/held'] input[name=__RequestVerificationToken]"));
        var expected = Core.Common.UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime).AddDays(-2).Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, page.QuerySelector("input[name='Form.ClosesOn.Day']")!.GetAttribute("value"));
        Assert.Empty(await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id));
    }

    [Fact]
    public async Task Link_OpeningIt_ShowsTheFormAndRecordsNothing_TokenLeavesTheAddress()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 1);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        (await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id)).Dispose();
        var path = (await FeedbackTestData.LinksAsync(app, held.Roundtable.Id)).Values.Single();

        // A mail scanner opens the link twice; it sees the form, and nothing is answered.
        for (var i = 0; i < 2; i++)
        {
            var (scanner, opened) = await FeedbackTestData.OpenAsync(app, path);
            using (scanner)
            using (opened)
            {
                Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
                Assert.Equal("/feedback", opened.Headers.Location!.OriginalString);
                Assert.Equal("no-referrer", opened.Headers.GetValues("Referrer-Policy").Single());
                var form = await scanner.GetDocumentAsync("/feedback");
                Assert.Equal("Your feedback", form.Heading());
                Assert.Equal(5, form.QuerySelectorAll("input[type=radio][name='Answer.Usefulness']").Length);
            }
        }

        var request = Assert.Single(await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id));
        Assert.Null(request.AnsweredUtc);
        Assert.Null(request.Usefulness);
        Assert.NotNull(request.LinkOpenedUtc);
    }

    [Fact]
    public async Task Link_UnknownExpiredOrWithdrawn_SameNotValidPageAnd404()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 2);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        (await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id, daysOpen: 1)).Dispose();
        var links = await FeedbackTestData.LinksAsync(app, held.Roundtable.Id);
        var withdrawn = links[held.CheckedIn[0].Email];
        var expiring = links[held.CheckedIn[1].Email];
        var requestId = (await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id))[0].Id;
        using (var revoked = await organiser.PostFormAsync($"/roundtables/{held.Roundtable.Id}/feedback", $"/roundtables/{held.Roundtable.Id}/feedback/{requestId}/withdraw", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        var unknown = "/feedback/" + new string('A', 43);
        var pages = new List<string>();
        foreach (var path in new[] { unknown, "/feedback/short", withdrawn })
        {
            pages.Add(await NotValidAsync(path));
        }

        // Past the closing date (the end of tomorrow, UK time) the other link stops working too.
        var (client, opened) = await FeedbackTestData.OpenAsync(app, expiring);
        opened.Dispose();
        app.Clock.Advance(TimeSpan.FromDays(2.1));
        pages.Add(await NotValidAsync(expiring));
        using (var form = await client.GetAsync(new Uri("/feedback", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        }

        client.Dispose();
        Assert.All(pages, page => Assert.Equal(pages[0], page));
        Assert.Contains("This feedback link is not valid", pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_ChangedBeforeClosing_OneAnswerPerPerson_RefusedAfterClosing()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 1);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        (await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id, daysOpen: 3)).Dispose();
        var (client, opened) = await FeedbackTestData.OpenAsync(app, (await FeedbackTestData.LinksAsync(app, held.Roundtable.Id)).Values.Single());
        using var person = client;
        opened.Dispose();

        using (var first = await FeedbackTestData.AnswerAsync(person, "2", "Shorter sessions", "Supply chain assurance"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // The form shows the answer given, to change.
        var form = await person.GetDocumentAsync("/feedback");
        Assert.Contains("Your feedback has been saved", form.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(form.QuerySelector("#previous-answer"));
        Assert.Equal("2", form.QuerySelector("input[name='Answer.Usefulness'][checked]")!.GetAttribute("value"));
        Assert.Equal("Shorter sessions", form.QuerySelector("textarea[name='Answer.WhatShouldChange']")!.TextContent.Trim());

        app.Clock.Advance(TimeSpan.FromDays(1));
        (await FeedbackTestData.AnswerAsync(person, "4", "Nothing", "Cloud hosting\r\nIdentity")).Dispose();
        var request = Assert.Single(await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id));
        Assert.Equal(4, request.Usefulness);
        Assert.Equal("Nothing", request.WhatShouldChange);
        Assert.Equal("Cloud hosting\nIdentity", request.TopicsForNextTime);
        Assert.True(request.AnswerChangedUtc > request.AnsweredUtc);

        // The person leaves the form open past the closing date, then presses the button.
        var stillOpen = await person.GetDocumentAsync("/feedback");
        var token = stillOpen.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        app.Clock.Advance(TimeSpan.FromDays(3));
        using (var late = await PostTokenAsync(person, token, "5"))
        {
            Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        }

        var unchanged = Assert.Single(await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id));
        Assert.Equal(4, unchanged.Usefulness);
    }

    [Fact]
    public async Task Answer_WithoutAScoreOrWithControlCharacters_ErrorSummaryNothingSavedNothingLost()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 1);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        (await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id)).Dispose();
        var (client, opened) = await FeedbackTestData.OpenAsync(app, (await FeedbackTestData.LinksAsync(app, held.Roundtable.Id)).Values.Single());
        using var person = client;
        opened.Dispose();

        using var posted = await FeedbackTestData.AnswerAsync(person, null, "Keep it <b>shorter</b>", "Topics\u0007");
        var page = await posted.ToDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(["Select how useful the roundtable was to you", "Topics for next time must not contain control characters"], page.ErrorSummary());
        Assert.Equal("Keep it <b>shorter</b>", page.QuerySelector("textarea[name='Answer.WhatShouldChange']")!.TextContent.Trim());
        using (var outOfRange = await FeedbackTestData.AnswerAsync(person, "9"))
        {
            Assert.Equal(["Select how useful the roundtable was to you"], (await outOfRange.ToDocumentAsync()).ErrorSummary());
        }

        Assert.Null(Assert.Single(await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id)).AnsweredUtc);
    }

    [Fact]
    public async Task Results_DistributionTableChartAndComments_MatchTheAnswers_WithdrawnNotCounted()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 3, checkedInPerOrganisation: 2);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        (await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id)).Dispose();
        var links = (await FeedbackTestData.LinksAsync(app, held.Roundtable.Id)).Values.ToList();
        Assert.Equal(6, links.Count);
        var scores = new[] { "5", "5", "4", "2", "5" };
        for (var i = 0; i < scores.Length; i++)
        {
            var (client, opened) = await FeedbackTestData.OpenAsync(app, links[i]);
            using (client)
            {
                opened.Dispose();
                (await FeedbackTestData.AnswerAsync(client, scores[i], i == 3 ? "More time for questions" : null, i == 0 ? "Cloud\nhosting" : null)).Dispose();
            }
        }

        var answered = (await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id)).First(r => r.Usefulness == 4);
        (await organiser.PostFormAsync($"/roundtables/{held.Roundtable.Id}/feedback", $"/roundtables/{held.Roundtable.Id}/feedback/{answered.Id}/withdraw", new Dictionary<string, string>())).Dispose();

        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        foreach (var reader in new[] { organiser, staff })
        {
            var page = await reader.GetDocumentAsync($"/roundtables/{held.Roundtable.Id}/feedback");
            var table = page.QuerySelectorAll("#usefulness-table tbody tr").ToDictionary(r => r.GetAttribute("data-score")!, r => r.QuerySelector("td")!.TextContent.Trim());
            Assert.Equal(new Dictionary<string, string> { ["1"] = "0", ["2"] = "1", ["3"] = "0", ["4"] = "0", ["5"] = "3" }, table);
            var bars = page.QuerySelectorAll("#usefulness-chart g[data-score]").ToDictionary(g => g.GetAttribute("data-score")!, g => g.QuerySelector("rect")!.GetAttribute("data-value")!);
            Assert.Equal(table, bars);
            Assert.Equal("4", page.QuerySelector("[data-figure=answered]")!.TextContent.Trim());
            Assert.Equal("5", page.QuerySelector("[data-figure=links-sent]")!.TextContent.Trim());
            Assert.Equal("4.3 out of 5", page.QuerySelector("[data-figure=average]")!.TextContent.Trim());
            var comments = page.QuerySelectorAll("[data-comment]").Select(c => c.TextContent).ToList();
            Assert.Equal(2, comments.Count);
            Assert.Contains(comments, c => c.Contains("More time for questions", StringComparison.Ordinal));
            Assert.Equal(reader == organiser, page.QuerySelector("form[action$='/withdraw']") is not null);
        }

        // Suppliers never see it, even those who were there.
        using var supplier = await RsvpTestData.SupplierAsync(app, held.Organisations[0]);
        using var refused = await supplier.GetAsync(new Uri($"/roundtables/{held.Roundtable.Id}/feedback", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Link_AtRest_TheQueuedEmailHoldsNoToken_AndTheLogHidesIt()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 1);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        (await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id)).Dispose();
        var token = (await FeedbackTestData.LinksAsync(app, held.Roundtable.Id)).Values.Single()["/feedback/".Length..];
        var row = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RoundtableId == held.Roundtable.Id && m.Kind == Core.Feedback.FeedbackService.EmailKind));
        Assert.DoesNotContain(token, row.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(token, row.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(token, row.ProtectedLinks!, StringComparison.Ordinal);
        var request = Assert.Single(await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id));
        Assert.Equal(Core.Invitations.InvitationToken.Hash(token), request.TokenHash);

        var log = await organiser.GetDocumentAsync($"/emails/{row.Id}");
        Assert.Contains(WithheldLinks.Hidden, log.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_AnsweredFeedback_ShowsOnTheOrganisationsRecord_NotUnansweredOrWithdrawn()
    {
        var held = await FeedbackTestData.AttendedRoundtableAsync(app, organisations: 2, checkedInPerOrganisation: 2);
        using var organiser = await InvitationTestData.OrganiserAsync(app);
        (await FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id)).Dispose();
        var links = await FeedbackTestData.LinksAsync(app, held.Roundtable.Id);
        var first = held.Organisations[0];
        var people = held.CheckedIn.Where(d => d.InvitationId == first.InvitationId).ToList();
        var (client, opened) = await FeedbackTestData.OpenAsync(app, links[people[0].Email]);
        using (client)
        {
            opened.Dispose();
            (await FeedbackTestData.AnswerAsync(client, "3", "Less slides")).Dispose();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var timeline = scope.ServiceProvider.GetRequiredService<Core.Engagement.TimelineService>();
        var page = await timeline.PageAsync(new Core.Engagement.TimelineRequest(first.Organisation.Id, ["feedback"], null, null, null, Organiser: true), CancellationToken.None);
        var entry = Assert.Single(page.Entries);
        Assert.Equal($"Answered feedback on {held.Roundtable.Title}", entry.Title);
        Assert.Equal("Usefulness 3 out of 5", entry.Detail);
        Assert.Equal(people[0].FullName, entry.Actor);
        Assert.Equal($"/roundtables/{held.Roundtable.Id}/feedback", entry.Url);
        Assert.DoesNotContain("Less slides", entry.Detail, StringComparison.Ordinal);
        var other = await timeline.PageAsync(new Core.Engagement.TimelineRequest(held.Organisations[1].Organisation.Id, ["feedback"], null, null, null, Organiser: true), CancellationToken.None);
        Assert.Empty(other.Entries);

        var requestId = (await FeedbackTestData.RequestsAsync(app, held.Roundtable.Id)).Single(r => r.AnsweredUtc is not null).Id;
        (await organiser.PostFormAsync($"/roundtables/{held.Roundtable.Id}/feedback", $"/roundtables/{held.Roundtable.Id}/feedback/{requestId}/withdraw", new Dictionary<string, string>())).Dispose();
        Assert.Empty((await timeline.PageAsync(new Core.Engagement.TimelineRequest(first.Organisation.Id, ["feedback"], null, null, null, Organiser: true), CancellationToken.None)).Entries);
    }

    private async Task<string> NotValidAsync(string path)
    {
        using var client = app.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A POST from a form loaded earlier, with the antiforgery token that page carried.</summary>
    private static async Task<HttpResponseMessage> PostTokenAsync(HttpClient client, string antiforgery, string usefulness)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Answer.Usefulness"] = usefulness, ["__RequestVerificationToken"] = antiforgery });
        return await client.PostAsync(new Uri("/feedback", UriKind.Relative), content);
    }
}
