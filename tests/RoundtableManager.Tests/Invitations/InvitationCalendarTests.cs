using Ical.Net;

namespace RoundtableManager.Tests.Invitations;

/// <summary>The calendar request each invited person gets, and the updates and cancellation that follow the roundtable.</summary>
[Collection(SharedHosts.Invitations)]
public sealed class InvitationCalendarTests(TestApp app)
{
    [Fact]
    public async Task Calendar_ParsesBackWithUtcTimesUidSequenceAndNoJoiningDetails()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Calendar {Guid.NewGuid():N}");
        using var client = await InvitationTestData.OrganiserAsync(app);
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var message = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single();

        var calendar = Calendar.Load(message.CalendarContent!)!;
        Assert.Equal("REQUEST", calendar.Method);
        var calendarEvent = calendar.Events.Single();
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, contacts[0].Email), calendarEvent.Uid);
        Assert.Equal(roundtable.StartsUtc, calendarEvent.DtStart!.AsUtc);
        Assert.True(calendarEvent.DtStart.IsUtc);
        Assert.Equal(roundtable.EndsUtc, calendarEvent.DtEnd!.AsUtc);
        Assert.Equal(0, calendarEvent.Sequence);
        Assert.Equal(roundtable.Title, calendarEvent.Summary);
        Assert.Equal(roundtable.VenueAddress, calendarEvent.Location);
        Assert.Equal("mailto:roundtables@example.gov.uk", calendarEvent.Organizer!.Value!.ToString());
        var attendee = calendarEvent.Attendees.Single();
        Assert.Equal("mailto:" + contacts[0].Email, attendee.Value!.ToString());
        Assert.False(attendee.Rsvp);
        Assert.Contains("DTSTAMP:", message.CalendarContent, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-room", message.CalendarContent, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-room", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_TimeChangedOnOpenRoundtable_QueuesUpdatesWithHigherSequenceToCurrentRecipients()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Moved {Guid.NewGuid():N}", contacts: 2);
        using var client = await InvitationTestData.OrganiserAsync(app);
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, contacts.Select(c => c.Id).ToArray()))).Dispose();
        var revoked = (await InvitationTestData.RecipientsAsync(app, roundtable.Id)).Single(r => r.ContactId == contacts[1].Id);
        (await client.PostFormAsync($"/invitations/{revoked.InvitationId}/recipients/{revoked.Id}/revoke", $"/invitations/{revoked.InvitationId}/recipients/{revoked.Id}/revoke", new Dictionary<string, string>())).Dispose();

        // Only the title changes: no calendar update.
        var form = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/edit");
        var fields = form.QuerySelectorAll("form[action$='/edit'] input:not([type=radio]):not([type=hidden]), form[action$='/edit'] textarea")
            .ToDictionary(e => e.GetAttribute("name")!, e => e.TagName == "TEXTAREA" ? e.TextContent : e.GetAttribute("value") ?? "");
        fields["Status"] = "OpenForResponses";
        fields["Title"] = roundtable.Title + " (renamed)";
        (await client.PostFormAsync($"/roundtables/{roundtable.Id}/edit", $"/roundtables/{roundtable.Id}/edit", fields)).Dispose();
        Assert.Equal(2, (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Count);

        fields["StartTime"] = "11:00";
        fields["EndTime"] = "1pm";
        using var moved = await client.PostFormAsync($"/roundtables/{roundtable.Id}/edit", $"/roundtables/{roundtable.Id}/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var saved = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == roundtable.Id));
        Assert.Equal(1, saved.CalendarSequence);

        var update = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single(m => m.Kind == InvitationService.UpdateKind);
        Assert.Equal(contacts[0].Email, update.ToAddress);
        Assert.Equal("REQUEST", update.CalendarMethod);
        var calendarEvent = Calendar.Load(update.CalendarContent!)!.Events.Single();
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, contacts[0].Email), calendarEvent.Uid);
        Assert.Equal(1, calendarEvent.Sequence);
        Assert.Equal(saved.StartsUtc, calendarEvent.DtStart!.AsUtc);
        Assert.Equal(11, Core.Common.UkTime.ToUk(saved.StartsUtc).Hour);

        var page = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}");
        Assert.Contains("updated calendar entry is on its way to 1 person", page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_QueuesCalendarCancellationAndLinksStopWorking()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Cancelled {Guid.NewGuid():N}");
        using var client = await InvitationTestData.OrganiserAsync(app);
        (await InvitationTestData.SendAsync(client, roundtable.Id, (organisation.Id, [contacts[0].Id]))).Dispose();
        var link = InvitationTestData.LinkPath((await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single());

        var confirm = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/cancel");
        Assert.Equal("Are you sure you want to cancel this roundtable?", confirm.Heading());
        using var cancelled = await client.PostFormAsync($"/roundtables/{roundtable.Id}/cancel", $"/roundtables/{roundtable.Id}/cancel", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);

        var cancellation = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Single(m => m.Kind == InvitationService.CancellationKind);
        Assert.Equal("CANCEL", cancellation.CalendarMethod);
        var calendar = Calendar.Load(cancellation.CalendarContent!)!;
        Assert.Equal("CANCEL", calendar.Method);
        var calendarEvent = calendar.Events.Single();
        Assert.Equal("CANCELLED", calendarEvent.Status);
        Assert.Equal(1, calendarEvent.Sequence);
        Assert.Equal(PersonalCalendars.Uid(roundtable.Id, contacts[0].Email), calendarEvent.Uid);
        Assert.Equal(HttpStatusCode.NotFound, (await InvitationTestData.OpenLinkAsync(app, link)).Status);

        var page = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}");
        Assert.Equal("Cancelled", page.QuerySelector("main .govuk-tag")!.TextContent.Trim());
        Assert.Null(page.QuerySelector($"a[href='/roundtables/{roundtable.Id}/edit']"));
    }
}
