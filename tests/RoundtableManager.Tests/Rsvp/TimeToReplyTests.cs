using Microsoft.Extensions.DependencyInjection;
using RoundtableManager.Core.Rsvp;

namespace RoundtableManager.Tests.Rsvp;

public sealed class TimeToReplyTests
{
    [Fact]
    public async Task MedianTimeToReply_CountsTheFirstAnswerNotLaterChanges()
    {
        using var app = TestApp.Create();
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
}
