using System.Text.Json;

namespace RoundtableManager.Tests.Privacy;

[Collection(SharedHosts.Actions)]
public sealed class PersonalDataTests
{
    private readonly TestApp _app;

    public PersonalDataTests(TestApp app) => _app = app;

    [Fact]
    public async Task Export_ContactWhoIsADelegate_HoldsEverythingAndIsAuditedByIdOnly()
    {
        var (roundtable, invited, person) = await InvitedDelegateAsync("Exported");
        using var organiser = await OrganiserAsync();

        var page = await (await PostAsync(organiser, "/personal-data", person.Email)).ToDocumentAsync();
        Assert.Equal("What we hold about this person", page.Heading());

        using var download = await PostAsync(organiser, "/personal-data/export", person.Email, ("format", "json"));
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("@", download.Content.Headers.ContentDisposition?.FileName ?? "", StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(person.FullName, root.GetProperty("contacts")[0].GetProperty("fullName").GetString());
        Assert.Equal(invited.Organisation.Name, root.GetProperty("organisations")[0].GetProperty("name").GetString());
        Assert.Equal(roundtable.Title, root.GetProperty("invitationsReceived")[0].GetProperty("roundtable").GetString());
        Assert.Equal("Accepted", root.GetProperty("replies")[0].GetProperty("response").GetString());
        var entry = root.GetProperty("delegateEntries")[0];
        Assert.Equal("Step-free access", entry.GetProperty("accessNeeds").GetString());
        Assert.Equal("Vegetarian", entry.GetProperty("dietaryRequirements").GetString());
        Assert.Contains(root.GetProperty("emailsSent").EnumerateArray(), m => m.GetProperty("subject").GetString()!.Contains(roundtable.Title, StringComparison.Ordinal));

        var html = await (await PostAsync(organiser, "/personal-data/export", person.Email, ("format", "html"))).ToDocumentAsync();
        Assert.Equal("Personal data held", html.Heading());
        Assert.Contains(html.QuerySelectorAll("td"), td => td.TextContent == "Step-free access");
        Assert.Contains(html.QuerySelectorAll("td code"), c => c.TextContent == "Privacy.Exported");

        var events = await _app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "Privacy.Exported" && e.SubjectId == person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.StartsWith($"Exported the personal data held about contact {person.Id}; invitation recipient ", e.Summary, StringComparison.Ordinal);
            Assert.DoesNotContain(person.Email, e.Summary, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.FullName, e.Summary, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Find_BadOrUnknownEmail_ErrorOrNothingHeld()
    {
        using var organiser = await OrganiserAsync();
        var bad = await (await PostAsync(organiser, "/personal-data", "not an email")).ToDocumentAsync();
        Assert.Equal(["Enter an email address in the correct format, like name@example.com"], bad.ErrorSummary());
        var unknown = await (await PostAsync(organiser, "/personal-data", $"nobody-{Guid.NewGuid():N}@example.com")).ToDocumentAsync();
        Assert.Equal("We hold nothing about that email address.", unknown.QuerySelector(".govuk-inset-text")!.TextContent.Trim());
    }

    [Fact]
    public async Task Erase_ContactOnRequest_NameAndEmailAppearNowhereAndAuditHasNoEmail()
    {
        var (roundtable, invited, person) = await InvitedDelegateAsync("Erased");
        using var organiser = await OrganiserAsync();

        var calendarKey = Core.Invitations.PersonalCalendars.PersonKey(person.Email);
        Assert.True(await _app.WithDbAsync(db => db.CalendarEntries.AnyAsync(e => e.PersonKey == calendarKey)));
        var check = await (await PostAsync(organiser, "/personal-data/erase/check", person.Email)).ToDocumentAsync();
        Assert.Equal("Check before you erase this person’s data", check.Heading());
        Assert.Equal(0, await _app.WithDbAsync(db => db.Contacts.CountAsync(c => c.ErasedUtc != null && c.Id == person.Id)));

        using var erased = await PostAsync(organiser, "/personal-data/erase", person.Email);
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var banner = await organiser.GetDocumentAsync("/personal-data");
        Assert.StartsWith("Personal data erased: 1 contact record, 1 invitation recipient, 1 delegate entry", banner.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim(), StringComparison.Ordinal);

        // Nowhere in the export, the directory, the responses, the email log or the stored emails.
        var found = await (await PostAsync(organiser, "/personal-data", person.Email)).ToDocumentAsync();
        Assert.NotNull(found.QuerySelector(".govuk-inset-text"));
        var export = await (await PostAsync(organiser, "/personal-data/export", person.Email, ("format", "json"))).ToDocumentAsync();
        Assert.Equal("We hold nothing about that email address.", export.QuerySelector(".govuk-inset-text")!.TextContent.Trim());
        using var colleague = await PostAsync(organiser, "/personal-data/export", invited.Contacts[0].Email, ("format", "json"));
        var pages = new List<string> { await colleague.Content.ReadAsStringAsync() };
        foreach (var path in new[] { $"/suppliers/{invited.Organisation.Id}", $"/roundtables/{roundtable.Id}/responses", $"/roundtables/{roundtable.Id}", "/emails", "/audit" })
        {
            using var response = await organiser.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(await response.Content.ReadAsStringAsync());
        }

        var bodies = await _app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => m.ToAddress + m.ToName + m.TextBody + m.HtmlBody + m.CalendarContent).ToListAsync());
        foreach (var text in pages.Concat(bodies))
        {
            Assert.DoesNotContain(person.Email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.FullName, text, StringComparison.Ordinal);
        }

        // Not even the hash of the address that keyed their calendar entry.
        Assert.False(await _app.WithDbAsync(db => db.CalendarEntries.AnyAsync(e => e.PersonKey == calendarKey)));
        var organisationPage = await organiser.GetDocumentAsync($"/suppliers/{invited.Organisation.Id}");
        Assert.Contains(organisationPage.QuerySelectorAll("td"), td => td.TextContent.Contains(RetentionRules.ErasedName, StringComparison.Ordinal));
        var recipient = await _app.WithDbAsync(db => db.InvitationRecipients.AsNoTracking().SingleAsync(r => r.ContactId == person.Id));
        Assert.NotNull(recipient.RevokedUtc);
        Assert.Equal(RetentionRules.ErasedName, recipient.Name);
        var entry = await _app.WithDbAsync(db => db.Delegates.AsNoTracking().SingleAsync(d => d.InvitationId == invited.InvitationId && d.FullName == RetentionRules.ErasedName));
        Assert.Null(entry.AccessNeeds);
        Assert.Equal(Core.Invitations.DelegateStatus.Confirmed, entry.Status);

        var audit = await _app.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "Privacy.Erased" && e.SubjectId == person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith($"Erased on request the personal data held about contact {person.Id}; ", audit.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("@", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportThenErase_DelegateWhoGaveFeedback_ExportHoldsTheAnswerErasureRemovesTheCommentsAndTheLink()
    {
        var held = await Engagement.FeedbackTestData.AttendedRoundtableAsync(_app, organisations: 1);
        using var organiser = await OrganiserAsync();
        (await Engagement.FeedbackTestData.MarkHeldAsync(_app, organiser, held.Roundtable.Id)).Dispose();
        var person = held.CheckedIn[0];
        var link = (await Engagement.FeedbackTestData.LinksAsync(_app, held.Roundtable.Id))[person.Email];
        var comment = $"Fewer slides, as {person.FullName} said on the day";
        var (client, opened) = await Engagement.FeedbackTestData.OpenAsync(_app, link);
        using (client)
        {
            opened.Dispose();
            using var answered = await Engagement.FeedbackTestData.AnswerAsync(client, "4", comment, "Logging in managed services");
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }

        using (var download = await PostAsync(organiser, "/personal-data/export", person.Email, ("format", "json")))
        {
            using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
            var answer = json.RootElement.GetProperty("feedbackAnswers")[0];
            Assert.Equal(held.Roundtable.Title, answer.GetProperty("roundtable").GetString());
            Assert.Equal(4, answer.GetProperty("usefulness").GetInt32());
            Assert.Equal(comment, answer.GetProperty("whatShouldChange").GetString());
            Assert.Equal("Logging in managed services", answer.GetProperty("topicsForNextTime").GetString());
        }

        var html = await (await PostAsync(organiser, "/personal-data/export", person.Email, ("format", "html"))).ToDocumentAsync();
        Assert.Contains(html.QuerySelectorAll("td"), td => td.TextContent == comment);
        var check = await (await PostAsync(organiser, "/personal-data/erase/check", person.Email)).ToDocumentAsync();
        Assert.Contains(check.QuerySelectorAll(".govuk-summary-list__key"), k => k.TextContent.Trim() == "Feedback answers");

        using (var erased = await PostAsync(organiser, "/personal-data/erase", person.Email))
        {
            Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        }

        // The comments are gone from the record and the results page; the score still counts; the old link reaches nothing.
        var request = Assert.Single(await Engagement.FeedbackTestData.RequestsAsync(_app, held.Roundtable.Id));
        Assert.Null(request.WhatShouldChange);
        Assert.Null(request.TopicsForNextTime);
        Assert.Equal(4, request.Usefulness);
        var results = await organiser.GetAsync(new Uri($"/roundtables/{held.Roundtable.Id}/feedback", UriKind.Relative));
        var resultsText = await results.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        Assert.DoesNotContain("Fewer slides", resultsText, StringComparison.Ordinal);
        Assert.DoesNotContain("Logging in managed services", resultsText, StringComparison.Ordinal);
        Assert.DoesNotContain(person.FullName, resultsText, StringComparison.Ordinal);
        var (again, reopened) = await Engagement.FeedbackTestData.OpenAsync(_app, link);
        using (again)
        using (reopened)
        {
            Assert.Equal(HttpStatusCode.NotFound, reopened.StatusCode);
            Assert.Contains("This feedback link is not valid", await reopened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Erase_PersonWithAnAccount_RefusedAndPointsToUsers()
    {
        var (_, invited, _) = await InvitedDelegateAsync("Account");
        var holder = invited.Contacts[0];
        using var organiser = await OrganiserAsync();

        var check = await (await PostAsync(organiser, "/personal-data/erase/check", holder.Email)).ToDocumentAsync();
        Assert.Equal("This person has a user account", check.Heading());
        Assert.Contains(check.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/users");

        var refused = await (await PostAsync(organiser, "/personal-data/erase", holder.Email)).ToDocumentAsync();
        Assert.Equal("This person has a user account", refused.Heading());
        Assert.Equal(holder.FullName, await _app.WithDbAsync(db => db.Contacts.Where(c => c.Id == holder.Id).Select(c => c.FullName).SingleAsync()));
        Assert.False(await _app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Privacy.Erased" && e.SubjectId == holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>An organisation whose first contact (with a portal account) accepted, naming its second contact as a delegate.</summary>
    private async Task<(Core.Roundtables.Roundtable Roundtable, InvitedOrganisation Invited, Core.Suppliers.Contact Person)> InvitedDelegateAsync(string name)
    {
        var roundtable = await RsvpTestData.RoundtableAsync(_app);
        var invited = await RsvpTestData.InviteAsync(_app, roundtable, name);
        var person = invited.Contacts[1];
        using var supplier = await RsvpTestData.SupplierAsync(_app, invited);
        using var reply = await RsvpTestData.ReplyAsync(supplier, invited.InvitationId, "Accepted", [(person.FullName, person.Email)]);
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        return (roundtable, invited, person);
    }

    private async Task<HttpClient> OrganiserAsync() => await _app.SignedInClientAsync(await _app.CreateUserAsync(Roles.Organiser));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string action, string email, params (string Name, string Value)[] more)
    {
        var fields = new Dictionary<string, string> { ["Email"] = email };
        foreach (var (key, value) in more)
        {
            fields[key] = value;
        }

        return client.PostFormAsync("/personal-data", action, fields);
    }

    [Fact]
    public async Task Invite_ErasedContact_IsNeitherOfferedNorInvited()
    {
        var roundtable = await Invitations.InvitationTestData.CreateRoundtableAsync(_app);
        var (organisation, contacts) = await Invitations.InvitationTestData.CreateOrganisationWithContactsAsync(_app, $"Erasure Picker {Guid.NewGuid():N}"[..30], contacts: 2);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var eraser = scope.ServiceProvider.GetRequiredService<PersonalDataEraser>();
            await eraser.AnonymiseAsync([contacts[0].Id], [], _app.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().SaveChangesAsync();
        }

        using var organiser = await OrganiserAsync();
        using var sent = await Invitations.InvitationTestData.SendAsync(organiser, roundtable.Id, (organisation.Id, [contacts[0].Id, contacts[1].Id]));

        var recipients = await Invitations.InvitationTestData.RecipientsAsync(_app, roundtable.Id);
        Assert.Equal([contacts[1].Email], recipients.Select(r => r.Email));
        Assert.DoesNotContain(await Invitations.InvitationTestData.MessagesAsync(_app, roundtable.Id), m => m.ToAddress.EndsWith("@erased.invalid", StringComparison.Ordinal));
    }
}
