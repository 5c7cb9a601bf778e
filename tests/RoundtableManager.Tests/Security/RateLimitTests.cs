namespace RoundtableManager.Tests.Security;

/// <summary>
/// One app with low limits for the class (three sign-in attempts and three invitation-link or feedback requests a
/// minute from one address). Each test starts at the beginning of a one-minute window of its own (<see cref="NextWindow"/>),
/// so no test's attempts count against another's.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.LimitedApp app) : IClassFixture<RateLimitTests.LimitedApp>
{
    public sealed class LimitedApp() : TestApp("Testing", new Dictionary<string, string?>
    {
        ["RateLimits:SignInPerMinute"] = "3",
        ["RateLimits:InvitationLinkPerMinute"] = "3",
    });

    /// <summary>One second into the next one-minute window of the app's clock (counters are kept per window).</summary>
    private static DateTimeOffset NextWindow(DateTimeOffset now) =>
        new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1).AddSeconds(1);

    [Fact]
    public async Task SignIn_TooManyAttemptsFromOneAddress_429WithRetryAfterAndGovUkPage()
    {
        app.Clock.SetUtcNow(NextWindow(app.Clock.GetUtcNow()));
        var staff = await app.CreateUserAsync(Roles.Staff);
        using var client = app.CreateBrowserLikeClient();
        var wrong = new Dictionary<string, string> { ["Email"] = "nobody@example.gov.uk", ["Password"] = "not a password anyone has" };
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostFormAsync("/sign-in", "/sign-in", wrong);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = staff.Email, ["Password"] = staff.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("Too many attempts", (await refused.ToDocumentAsync()).Heading());

        // Reading the page is not limited: only attempts are.
        using var page = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task SignIn_AttemptsSpreadOverTwoInstances_CountTogetherAndTheLimitHolds()
    {
        var first = app;
        using var second = TestApp.Create(settings: new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3", ["Database:ConnectionString"] = $"Data Source={first.DatabasePath}" });
        // Both instances' clocks at the start of the same one-minute window, one the class's app has not counted in yet.
        var windowStart = NextWindow(new[] { first.Clock.GetUtcNow(), second.Clock.GetUtcNow() }.Max());
        first.Clock.SetUtcNow(windowStart);
        second.Clock.SetUtcNow(windowStart);
        using var onFirst = first.CreateBrowserLikeClient();
        using var onSecond = second.CreateBrowserLikeClient();
        var wrong = new Dictionary<string, string> { ["Email"] = "nobody@example.gov.uk", ["Password"] = "not a password anyone has" };

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { onFirst, onSecond, onFirst, onSecond })
        {
            using var response = await client.PostFormAsync("/sign-in", "/sign-in", wrong);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var window = windowStart.AddSeconds(-1).UtcDateTime;
        Assert.Equal(4, await first.WithDbAsync(db => db.RateLimitCounters.Where(c => c.WindowStartUtc == window).SumAsync(c => c.Count)));
        Assert.DoesNotContain("127.0.0.1", await first.WithDbAsync(db => db.RateLimitCounters.Where(c => c.WindowStartUtc == window).Select(c => c.Key).FirstAsync()), StringComparison.Ordinal);

        // The next window starts afresh.
        first.Clock.Advance(TimeSpan.FromMinutes(1));
        using var nextWindow = await onFirst.PostFormAsync("/sign-in", "/sign-in", wrong);
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
    }

    [Fact]
    public async Task FeedbackAnswer_TooManyFromOneAddress_429AndTheLastAnswerIsNotSaved()
    {
        // The feedback form is anonymous (its link is the key), like the invitation link: answering counts against the
        // same per-address limit as opening the link. The organiser's sign-in below counts two attempts: a window of its own.
        app.Clock.SetUtcNow(NextWindow(app.Clock.GetUtcNow()));
        var held = await Engagement.FeedbackTestData.AttendedRoundtableAsync(app, organisations: 1);
        using var organiser = await Invitations.InvitationTestData.OrganiserAsync(app);
        (await Engagement.FeedbackTestData.MarkHeldAsync(app, organiser, held.Roundtable.Id)).Dispose();
        app.Clock.SetUtcNow(NextWindow(app.Clock.GetUtcNow()));

        var (client, opened) = await Engagement.FeedbackTestData.OpenAsync(app, (await Engagement.FeedbackTestData.LinksAsync(app, held.Roundtable.Id)).Values.Single());
        using var person = client;
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        opened.Dispose();
        foreach (var usefulness in new[] { "2", "3" })
        {
            using var answered = await Engagement.FeedbackTestData.AnswerAsync(person, usefulness);
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }

        using (var refused = await Engagement.FeedbackTestData.AnswerAsync(person, "5"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("Too many attempts", (await refused.ToDocumentAsync()).Heading());
        }

        Assert.Equal(3, Assert.Single(await Engagement.FeedbackTestData.RequestsAsync(app, held.Roundtable.Id)).Usefulness);

        // The next minute the form takes answers again.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var later = await Engagement.FeedbackTestData.AnswerAsync(person, "5");
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }
}
