namespace RoundtableManager.Tests.Privacy;

[Collection(SharedHosts.Fresh)]
public sealed class ActionRetentionTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Run_ContactOwnsAnAction_KeptUntilThePeriodAfterItWasClosed()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var owner = world.Contacts[0];
        var other = world.Contacts[1];
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Replace the old backup tapes", ActionTestData.Today(app).AddDays(14)));

        // Idle for over a year, the action still open: only the contact owning nothing is anonymised.
        app.Clock.Advance(TimeSpan.FromDays(400));
        await RunAsync(app);
        Assert.Equal(owner.FullName, await NameAsync(app, owner.Id));
        Assert.Equal(RetentionRules.ErasedName, await NameAsync(app, other.Id));

        // Closed: still kept within the period after closing, anonymised after it.
        var done = await ActionTestData.WithServiceAsync(app, s => s.ChangeStatusAsync(id, ActionStatus.Done, null, world.LeadActor, CancellationToken.None));
        Assert.Equal(CommandStatus.Done, done.Status);
        app.Clock.Advance(TimeSpan.FromDays(300));
        await RunAsync(app);
        Assert.Equal(owner.FullName, await NameAsync(app, owner.Id));

        app.Clock.Advance(TimeSpan.FromDays(100));
        await RunAsync(app);
        Assert.Equal(RetentionRules.ErasedName, await NameAsync(app, owner.Id));
    }

    private static Task<string> NameAsync(TestApp app, int contactId) =>
        app.WithDbAsync(db => db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.FullName).SingleAsync());

    private static async Task RunAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
    }
}
