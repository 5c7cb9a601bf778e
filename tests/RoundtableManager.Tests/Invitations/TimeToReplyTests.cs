namespace RoundtableManager.Tests.Invitations;

/// <summary>The median time to reply, per roundtable.</summary>
[Collection(SharedHosts.FreshReports)]
public sealed class TimeToReplyTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MedianTimeToReply_CountsTheFirstAnswerNotLaterChanges()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Prompt Repliers Ltd");
        app.Clock.Advance(TimeSpan.FromDays(1));
        using (var supplier = await RsvpTestData.SupplierAsync(app, invited))
        {
            (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", RsvpTestData.People("Echo", 1))).Dispose();
        }

        // Four days later a colleague at the same organisation changes the delegates.
        app.Clock.Advance(TimeSpan.FromDays(4));
        using (var supplier = await RsvpTestData.SupplierAsync(app, invited, contact: 1))
        {
            (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", RsvpTestData.People("Foxtrot", 2))).Dispose();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var summary = await scope.ServiceProvider.GetRequiredService<ResponsesService>().SummaryAsync(roundtable.Id, CancellationToken.None);
        Assert.Equal(2, (await RsvpTestData.DelegatesAsync(app, roundtable.Id)).Count(d => d.FullName.StartsWith("Foxtrot", StringComparison.Ordinal)));
        Assert.InRange(summary!.MedianTimeToReply!.Value, TimeSpan.FromDays(1) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData(1, "1 minute")]
    [InlineData(90, "1.5 hours")]
    [InlineData(24 * 60, "1 day")]
    [InlineData(36 * 60, "1.5 days")]
    public async Task ResponsesPage_MedianTimeToReply_NounAgreesWithTheNumber(int minutes, string expected)
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Timely Replies Ltd");
        app.Clock.Advance(TimeSpan.FromMinutes(minutes));
        using (var supplier = await RsvpTestData.SupplierAsync(app, invited))
        {
            (await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", RsvpTestData.People("Golf", 1))).Dispose();
        }

        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(RoundtableManager.Core.Identity.Roles.Staff));
        var page = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}/responses");
        Assert.Equal(expected, page.QuerySelector("[data-figure=median]")!.TextContent.Trim());
    }
}
