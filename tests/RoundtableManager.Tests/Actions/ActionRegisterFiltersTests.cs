namespace RoundtableManager.Tests.Actions;

/// <summary>The register's filter lists stay the size of a page however large the programme (issue #22).</summary>
[Collection(SharedHosts.FreshReports)]
public sealed class ActionRegisterFiltersTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Register_ManyRoundtablesAndOrganisations_OffersTheNearestRoundtablesAndOrganisationsThatOwnActions()
    {
        var world = await ActionTestData.CreateWorldAsync(app, "Owner Ltd");
        await ActionTestData.InsertAsync(app, world, "Owned by the organisation", ActionTestData.Today(app).AddDays(3));
        var idle = await app.CreateOrganisationAsync("Owns Nothing Ltd");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var roundtables = new List<Roundtable>();
        await app.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 30; i++)
            {
                roundtables.Add(InvitationTestData.OpenRoundtable($"Earlier {i:D2}", now.AddDays(-i), now));
                roundtables.Add(InvitationTestData.OpenRoundtable($"Later {i:D2}", now.AddDays(i), now));
            }

            db.Roundtables.AddRange(roundtables);
            await db.SaveChangesAsync();
        });
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));

        var page = await client.GetDocumentAsync("/actions");
        var offered = page.QuerySelectorAll("#Roundtable option").Skip(1).Select(o => o.TextContent).ToList();
        Assert.Equal(2 * ActionQueries.FilterRoundtables, offered.Count);
        Assert.StartsWith("Later 20 ", offered[0], StringComparison.Ordinal);
        Assert.StartsWith("Later 01 ", offered[19], StringComparison.Ordinal);
        Assert.DoesNotContain(offered, o => o.StartsWith(world.Roundtable.Title, StringComparison.Ordinal)); // 30 days on: the 21st next
        Assert.StartsWith("Earlier 01 ", offered[20], StringComparison.Ordinal);
        Assert.StartsWith("Earlier 20 ", offered[^1], StringComparison.Ordinal);
        Assert.Equal([world.Organisation.Name], page.QuerySelectorAll("#Organisation option").Skip(1).Select(o => o.TextContent));

        var far = roundtables.Single(r => r.Title == "Earlier 30");
        var chosen = await client.GetDocumentAsync($"/actions?roundtable={far.Id}&organisation={idle.Id}");
        Assert.Contains(chosen.QuerySelectorAll("#Roundtable option"), o => o.TextContent.StartsWith("Earlier 30 ", StringComparison.Ordinal) && o.HasAttribute("selected"));
        Assert.Contains(chosen.QuerySelectorAll("#Organisation option"), o => o.TextContent == idle.Name && o.HasAttribute("selected"));
    }
}
