using System.Globalization;
using System.Text.RegularExpressions;

namespace RoundtableManager.Tests.Engagement;

/// <summary>A roundtable that has happened: organisations accepted, delegates named, some checked in.</summary>
internal sealed record HeldRoundtable(Roundtable Roundtable, List<DelegateEntry> CheckedIn, List<DelegateEntry> NotCheckedIn, List<InvitedOrganisation> Organisations);

internal static partial class FeedbackTestData
{
    /// <summary>
    /// Each organisation accepts with two delegates; the first <paramref name="checkedInPerOrganisation"/> of each are
    /// checked in; then the roundtable is moved to have started an hour ago.
    /// </summary>
    public static async Task<HeldRoundtable> AttendedRoundtableAsync(TestApp app, int organisations = 2, int checkedInPerOrganisation = 1)
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var invited = new List<InvitedOrganisation>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rsvp = scope.ServiceProvider.GetRequiredService<RsvpService>();
            for (var i = 0; i < organisations; i++)
            {
                var organisation = await RsvpTestData.InviteAsync(app, roundtable, $"Feedback Org {i}");
                invited.Add(organisation);
                var people = RsvpTestData.People($"Org{i}", 2).Select(p => new DelegateInput(null, p.Name, p.Email, null, null, null)).ToList();
                var answered = await rsvp.AnswerAsync(organisation.InvitationId, organisation.Organisation.Id, new RsvpAnswer(InvitationResponse.Accepted, null, people),
                    new Responder(null, "Organiser on the phone", null, IsOrganiser: true), CancellationToken.None);
                Assert.Equal(CommandStatus.Done, answered.Status);
            }
        }

        var delegates = await RsvpTestData.DelegatesAsync(app, roundtable.Id);
        var checkedIn = delegates.GroupBy(d => d.InvitationId).SelectMany(g => g.OrderBy(d => d.Id).Take(checkedInPerOrganisation)).ToList();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rsvp = scope.ServiceProvider.GetRequiredService<RsvpService>();
            foreach (var person in checkedIn)
            {
                Assert.True((await rsvp.MarkAttendedAsync(roundtable.Id, person.Id, attended: true, CancellationToken.None)).Succeeded);
            }
        }

        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StartsUtc, now.AddHours(-1)).SetProperty(r => r.EndsUtc, now.AddMinutes(-5)).SetProperty(r => r.RsvpDeadlineUtc, now.AddDays(-3))));
        roundtable = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == roundtable.Id));
        var ids = checkedIn.Select(d => d.Id).ToHashSet();
        return new(roundtable, [.. delegates.Where(d => ids.Contains(d.Id))], [.. delegates.Where(d => !ids.Contains(d.Id))], invited);
    }

    /// <summary>Posts the "mark as held" form as an organiser would, closing <paramref name="daysOpen"/> days from today (UK).</summary>
    public static Task<HttpResponseMessage> MarkHeldAsync(TestApp app, HttpClient organiser, int roundtableId, int daysOpen = 14)
    {
        var closesOn = DateOnly.FromDateTime(UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime)).AddDays(daysOpen);
        return organiser.PostFormAsync($"/roundtables/{roundtableId}/held", $"/roundtables/{roundtableId}/held", new Dictionary<string, string>
        {
            ["Form.ClosesOn.Day"] = closesOn.Day.ToString(CultureInfo.InvariantCulture),
            ["Form.ClosesOn.Month"] = closesOn.Month.ToString(CultureInfo.InvariantCulture),
            ["Form.ClosesOn.Year"] = closesOn.Year.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Each feedback email's address and link path (queued rows, their links restored as the sender would).</summary>
    public static async Task<Dictionary<string, string>> LinksAsync(TestApp app, int roundtableId)
    {
        var rows = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.RoundtableId == roundtableId && m.Kind == FeedbackService.EmailKind).OrderBy(m => m.Id).ToListAsync());
        return rows.Select(app.WithLinksRestored).ToDictionary(m => m.ToAddress, m => LinkPath(m.TextBody));
    }

    public static string LinkPath(string text)
    {
        var match = LinkPattern().Match(text);
        Assert.True(match.Success, "the email has no feedback link");
        return new Uri(match.Value).AbsolutePath;
    }

    /// <summary>Opens a link in a fresh browser-like client and returns it on the form (or on whatever the link gave).</summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Opened)> OpenAsync(TestApp app, string path)
    {
        var client = app.CreateBrowserLikeClient();
        var opened = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (client, opened);
    }

    public static Task<HttpResponseMessage> AnswerAsync(HttpClient client, string? usefulness, string? change = null, string? topics = null)
    {
        var fields = new Dictionary<string, string>();
        if (usefulness is not null)
        {
            fields["Answer.Usefulness"] = usefulness;
        }

        fields["Answer.WhatShouldChange"] = change ?? "";
        fields["Answer.TopicsForNextTime"] = topics ?? "";
        return client.PostFormAsync("/feedback", "/feedback", fields);
    }

    public static Task<List<FeedbackRequest>> RequestsAsync(TestApp app, int roundtableId) =>
        app.WithDbAsync(db => db.FeedbackRequests.AsNoTracking().Where(f => f.RoundtableId == roundtableId).OrderBy(f => f.Id).ToListAsync());

    [GeneratedRegex(@"http://[^\s]+/feedback/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
