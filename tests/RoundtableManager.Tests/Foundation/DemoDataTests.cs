using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Actions;
using RoundtableManager.Core.Identity;

namespace RoundtableManager.Tests.Foundation;

public sealed class DemoDataTests
{
    [Fact]
    public async Task FirstRun_Development_SeedsDemoDataAndPrintsWorkingPasswordsOnce()
    {
        using var app = TestApp.Create("Development", new Dictionary<string, string?> { ["DemoData:Seed"] = "true" });
        using var client = app.CreateBrowserLikeClient();

        Assert.Equal(3, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Roundtables.CountAsync(r => r.StartsUtc > DateTime.UtcNow)));
        Assert.True(await app.WithDbAsync(db => db.Contacts.CountAsync()) >= 3);
        var actions = await app.WithDbAsync(db => db.FollowUpActions.AsNoTracking().ToListAsync());
        Assert.Contains(actions, a => a.OwnerKind == ActionOwnerKind.Organisation && a.OwnerContactId != null);
        Assert.Contains(actions, a => a.Status == ActionStatus.AwaitingConfirmation);
        Assert.Contains(actions, a => a.Status.IsActive() && a.DueDate < DateOnly.FromDateTime(Core.Common.UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime)));

        var printed = app.ConsoleOutput.ToString();
        var organiserLine = printed.Split('\n').Single(l => l.Contains("organiser@example.gov.uk", StringComparison.Ordinal));
        var password = organiserLine.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.True(password.Length >= 20);

        using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = "organiser@example.gov.uk", ["Password"] = password });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var dashboard = await client.GetDocumentAsync("/dashboard");
        Assert.Contains("Managed service providers: contracting and security controls", dashboard.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("staff@example.gov.uk", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task FirstRun_OutsideDevelopment_SeedsNothingEvenIfAsked(string environment)
    {
        using var app = TestApp.Create(environment, new Dictionary<string, string?> { ["DemoData:Seed"] = "true" });
        using var client = app.CreateClient();
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(3, await app.WithDbAsync(db => db.Roles.CountAsync(r => Roles.All.Contains(r.Name!))));
        Assert.Equal("", app.ConsoleOutput.ToString());
    }
}
