using AngleSharp.Dom;

namespace RoundtableManager.Tests.Email;

[Collection(SharedHosts.Directory)]
public sealed class EmailLogTests(TestApp app)
{
    [Theory]
    [InlineData("/emails")]
    [InlineData("/emails/1")]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    public async Task EmailLogAndJobsDashboard_StaffAndSuppliers_AreForbidden(string path)
    {
        var organisation = await app.CreateOrganisationAsync(TestNames.Unique("Forbidden Supplier"));
        foreach (var user in new[] { await app.CreateUserAsync(Roles.Staff), await app.CreateUserAsync(Roles.Supplier, organisation.Id) })
        {
            var client = await app.SignedInClientAsync(user);
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("/emails")]
    [InlineData("/hangfire")]
    public async Task EmailLogAndJobsDashboard_Anonymous_IsSentToSignIn(string path)
    {
        using var response = await app.CreateBrowserLikeClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsDashboard_Organiser_SeesTheOutboxSweep()
    {
        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        using var response = await organiser.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("outbox-sender", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsDashboard_EveryPageLinksToSignOut_WhichEndsTheSession()
    {
        // ASVS 7.4.4: sign-out is reachable from every page that needs a signed-in person, Hangfire's included.
        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        foreach (var path in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/jobs/succeeded" })
        {
            var page = await organiser.GetDocumentAsync(path);
            Assert.Equal("Sign out", page.QuerySelector(".navbar a[href='/sign-out']")?.TextContent.Trim());
            Assert.NotNull(page.QuerySelector(".navbar a[href='/emails']"));
        }

        var confirm = await organiser.GetDocumentAsync("/sign-out");
        Assert.Equal("Sign out of Roundtable Manager", confirm.Heading());
        Assert.NotNull(confirm.QuerySelector("form[method=post][action='/sign-out'] button"));
        using var signedOut = await organiser.PostFormAsync("/sign-out", "/sign-out", new Dictionary<string, string>());
        Assert.Equal("/signed-out", signedOut.Headers.Location!.OriginalString);
        using var after = await organiser.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.StartsWith("/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_Staff_IsForbiddenAndChangesNothing()
    {
        var id = await InsertAsync("staff-retry@supplier.example", OutboxStatus.Failed, lastError: "550 No");
        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        // The staff member borrows a page with an antiforgery token of their own (the dashboard), then posts.
        using var response = await staff.PostFormAsync("/dashboard", $"/emails/{id}/retry", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OutboxStatus.Failed, (await app.RowAsync(id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync(new Uri($"/emails/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Index_Filters_ByRoundtableKindAndStatus()
    {
        var roundtable = await CreateRoundtableAsync(TestNames.Unique("Filter roundtable"));
        var marker = Guid.NewGuid().ToString("N")[..8];
        await InsertAsync($"sent-{marker}@supplier.example", OutboxStatus.Sent, roundtable.Id, kind: "Invitation");
        await InsertAsync($"failed-{marker}@supplier.example", OutboxStatus.Failed, roundtable.Id, kind: "Invitation", lastError: "550 Unknown user");
        await InsertAsync($"chaser-{marker}@supplier.example", OutboxStatus.Sent, roundtable.Id, kind: "RsvpChaser");
        await InsertAsync($"other-{marker}@supplier.example", OutboxStatus.Sent, kind: "Invitation");
        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

        var byRoundtable = await organiser.GetDocumentAsync($"/emails?roundtable={roundtable.Id}");
        Assert.Equal(["chaser", "failed", "sent"], Recipients(byRoundtable, marker));
        Assert.Contains(byRoundtable.QuerySelectorAll("#Roundtable option"), o => o.TextContent == roundtable.Title && o.HasAttribute("selected"));

        var failed = await organiser.GetDocumentAsync($"/emails?roundtable={roundtable.Id}&kind=Invitation&status=Failed");
        Assert.Equal(["failed"], Recipients(failed, marker));
        Assert.Equal("Failed", failed.QuerySelector("tbody .govuk-tag")!.TextContent);

        var chasers = await organiser.GetDocumentAsync("/emails?kind=RsvpChaser");
        Assert.Equal(["chaser"], Recipients(chasers, marker));
        Assert.Contains(chasers.QuerySelectorAll("#Kind option"), o => o.TextContent == "Rsvp chaser" && o.HasAttribute("selected"));

        var none = await organiser.GetDocumentAsync($"/emails?roundtable={roundtable.Id}&status=Cancelled");
        Assert.Contains("No emails match these filters.", none.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_ManyRoundtables_OffersTheNewestFiftyAndTheChosenOne_AnOlderOneIsOneLinkFromItsPage()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var roundtables = new List<Roundtable>();
        for (var i = 0; i <= EmailLogService.RoundtableChoices; i++)
        {
            var roundtable = await CreateRoundtableAsync($"Choice {i:00} {marker}");
            await InsertAsync($"choice{i:00}-{marker}@supplier.example", OutboxStatus.Sent, roundtable.Id);
            roundtables.Add(roundtable);
        }

        var withoutEmail = await CreateRoundtableAsync($"No emails {marker}");
        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var log = await organiser.GetDocumentAsync("/emails");
        var offered = log.QuerySelectorAll("#Roundtable option").Skip(1).Select(o => o.TextContent).ToList();
        Assert.Equal(EmailLogService.RoundtableChoices, offered.Count);
        Assert.Equal(roundtables.Skip(1).Select(r => r.Title), offered);
        Assert.DoesNotContain(withoutEmail.Title, offered);
        var hint = log.QuerySelector("#Roundtable-hint")!.TextContent;
        Assert.Contains("newest roundtables with emails", hint, StringComparison.Ordinal);

        // The hint names the link as the roundtable's page words it.
        var page = await organiser.GetDocumentAsync($"/roundtables/{roundtables[0].Id}");
        Assert.Contains($"‘{page.QuerySelector("#roundtable-emails")!.TextContent.Trim()}’", hint, StringComparison.Ordinal);
        var link = page.QuerySelector("#roundtable-emails")!.GetAttribute("href")!;
        var oldest = await organiser.GetDocumentAsync(link);
        Assert.Equal([$"choice00-{marker}@supplier.example"], oldest.QuerySelectorAll("tbody tr a").Select(a => a.TextContent.Split('(')[1].TrimEnd(')')));
        Assert.Contains(oldest.QuerySelectorAll("#Roundtable option"), o => o.TextContent == roundtables[0].Title && o.HasAttribute("selected"));
    }

    [Fact]
    public async Task Index_ManyEmails_PagesFiftyAtATimeKeepingTheFilter()
    {
        var roundtable = await CreateRoundtableAsync(TestNames.Unique("Paging roundtable"));
        for (var i = 0; i < 55; i++)
        {
            await InsertAsync($"page{i:00}@supplier.example", OutboxStatus.Sent, roundtable.Id);
        }

        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var first = await organiser.GetDocumentAsync($"/emails?roundtable={roundtable.Id}");
        Assert.Equal(50, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("55 emails (page 1 of 2)", first.QuerySelector("caption")!.TextContent.Trim());
        var next = first.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        Assert.Equal($"/emails?roundtable={roundtable.Id}&page=2", next);

        var second = await organiser.GetDocumentAsync(next);
        Assert.Equal(5, second.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("2", second.QuerySelector(".govuk-pagination__item--current")!.TextContent.Trim());
        Assert.Contains("page00@supplier.example", second.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Message_ShowsMetadataAndPlainTextWithoutRenderingHtmlOrLinkSecrets()
    {
        var id = await InsertAsync("reader@supplier.example", OutboxStatus.Sent,
            text: "Hello <b>there</b>\nRespond:\nhttps://roundtables.example.gov.uk/invitations/respond/Xy7_kQ2pLm9Zr4Tb8Wc1Nd?token=abc123\n");
        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

        var page = await organiser.GetDocumentAsync($"/emails/{id}");

        Assert.Equal("Invitation to a roundtable", page.Heading());
        var summary = page.QuerySelectorAll(".govuk-summary-list__row")
            .ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal("Pat Reader (reader@supplier.example)", summary["To"]);
        Assert.Equal("Sent", summary["Status"]);
        Assert.Equal("1", summary["Attempts"]);
        Assert.Matches(@"^\d{1,2} \w+ \d{4} at ", summary["Sent"]);
        var body = page.QuerySelector("pre")!;
        Assert.Empty(body.QuerySelectorAll("b"));
        Assert.Contains("Hello <b>there</b>", body.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://roundtables.example.gov.uk/invitations/respond/[hidden]?[hidden]", body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Xy7_kQ2pLm9Zr4Tb8Wc1Nd", page.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", page.Source.Text, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("form[action$='/retry']"));
    }

    [Fact]
    public async Task Retry_FailedMessage_QueuesItAgainKeepingAttemptsAndShowsABanner()
    {
        var id = await InsertAsync("retry@supplier.example", OutboxStatus.Failed, attempts: 3, lastError: "550 Mailbox full");
        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

        using var response = await organiser.PostFormAsync($"/emails/{id}", $"/emails/{id}/retry", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await organiser.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("The email has been queued to be sent again", page.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
        var row = await app.RowAsync(id);
        Assert.Equal(OutboxStatus.Queued, row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, row.NextAttemptUtc);
    }

    [Fact]
    public async Task Show_UnknownMessage_IsNotFound()
    {
        var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        using var response = await organiser.GetAsync(new Uri("/emails/987654321", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetProgress_CountsARoundtablesEmailsByStatus()
    {
        var roundtable = await CreateRoundtableAsync("Progress roundtable");
        await InsertAsync("q1@supplier.example", OutboxStatus.Queued, roundtable.Id);
        await InsertAsync("q2@supplier.example", OutboxStatus.Queued, roundtable.Id);
        await InsertAsync("s1@supplier.example", OutboxStatus.Sending, roundtable.Id);
        await InsertAsync("d1@supplier.example", OutboxStatus.Sent, roundtable.Id);
        await InsertAsync("f1@supplier.example", OutboxStatus.Failed, roundtable.Id);
        await InsertAsync("elsewhere@supplier.example", OutboxStatus.Failed);

        await using var scope = app.Services.CreateAsyncScope();
        var progress = await scope.ServiceProvider.GetRequiredService<EmailLogService>().GetProgressAsync(roundtable.Id, CancellationToken.None);

        Assert.Equal(new EmailProgress(2, 1, 1, 1), progress);
        Assert.Equal(5, progress.Total);
    }

    private static string[] Recipients(IDocument page, string marker) =>
        page.QuerySelectorAll("tbody tr a")
            .Select(a => a.TextContent)
            .Where(t => t.Contains(marker, StringComparison.Ordinal))
            .Select(t => t.Split('(')[1].Split('-')[0])
            .Order()
            .ToArray();

    private async Task<Roundtable> CreateRoundtableAsync(string title)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var roundtable = new Roundtable { Title = title, StartsUtc = now.AddDays(30), EndsUtc = now.AddDays(30).AddHours(2), RsvpDeadlineUtc = now.AddDays(20) };
        await app.WithDbAsync(async db =>
        {
            db.Roundtables.Add(roundtable);
            await db.SaveChangesAsync();
        });
        return roundtable;
    }

    private async Task<long> InsertAsync(
        string to, OutboxStatus status, int? roundtableId = null, string kind = "Invitation", string? lastError = null, int? attempts = null, string text = "Hello")
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var row = new OutboxMessage
        {
            Kind = kind,
            ToAddress = to,
            ToName = to.StartsWith("reader", StringComparison.Ordinal) ? "Pat Reader" : "Sam Supplier",
            Subject = "Invitation to a roundtable",
            TextBody = text,
            HtmlBody = "<p>Hello</p>",
            RoundtableId = roundtableId,
            Status = status,
            Attempts = attempts ?? (status == OutboxStatus.Queued ? 0 : 1),
            LastError = lastError,
            CreatedUtc = now,
            NextAttemptUtc = now.AddHours(1),
            SentUtc = status == OutboxStatus.Sent ? now : null,
            ClaimExpiresUtc = status == OutboxStatus.Sending ? now.AddMinutes(5) : null,
        };
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(row);
            await db.SaveChangesAsync();
        });
        return row.Id;
    }
}
