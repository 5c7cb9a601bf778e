namespace RoundtableManager.Tests.Engagement;

[Collection(SharedHosts.Demo)]
public sealed class FeedbackDemoDataTests(DemoApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Issue #19: on first run the demo has a held roundtable with feedback answered, and the upcoming one is its follow-up.</summary>
    [Fact]
    public async Task FirstRun_DemoData_HeldRoundtableWithFeedbackAndAFollowUpSeries()
    {
        using (app.CreateBrowserLikeClient())
        {
        }

        var held = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Status == RoundtableStatus.Held));
        var next = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.PreviousRoundtableId == held.Id));
        Assert.True(held.StartsUtc < DateTime.UtcNow && next.StartsUtc > DateTime.UtcNow);

        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var results = await client.GetDocumentAsync($"/roundtables/{held.Id}/feedback");
        Assert.Equal("1", results.QuerySelector("#usefulness-table tr[data-score='5'] td")!.TextContent.Trim());
        Assert.Equal("1", results.QuerySelector("#usefulness-table tr[data-score='4'] td")!.TextContent.Trim());
        Assert.Contains("More time for questions to the NCSC.", results.QuerySelector("#comments")!.TextContent, StringComparison.Ordinal);

        var upcoming = await client.GetDocumentAsync($"/roundtables/{next.Id}");
        Assert.Equal(held.Title, upcoming.QuerySelector("#series a[data-series=previous]")!.TextContent.Trim());
        var previous = await client.GetDocumentAsync($"/roundtables/{held.Id}");
        Assert.Equal(next.Title, previous.QuerySelector("#series a[data-series=next]")!.TextContent.Trim());

        // Three feedback links went out through the outbox, their links withheld from the stored rows.
        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == Core.Feedback.FeedbackService.EmailKind).Select(m => m.TextBody).ToListAsync());
        Assert.Equal(3, emails.Count);
        Assert.All(emails, body => Assert.DoesNotContain("/feedback/", body, StringComparison.Ordinal));
    }
}
