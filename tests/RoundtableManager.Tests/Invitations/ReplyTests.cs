using Ical.Net;

namespace RoundtableManager.Tests.Invitations;

[Collection(SharedHosts.Invitations)]
public sealed class ReplyTests(TestApp app)
{
    [Fact]
    public async Task Reply_AcceptThroughEveryStep_ShowsCheckPageThenConfirmsSeatsAndEmailsEveryone()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Foxtrot");
        using var client = await RsvpTestData.SupplierAsync(app, invited);
        var people = RsvpTestData.People("Foxtrot", 2);

        var answerPage = await client.GetDocumentAsync($"/portal/invitations/{invited.InvitationId}/reply");
        Assert.Equal($"Will {invited.Organisation.Name} attend?", answerPage.Heading());
        using (var toDelegates = await RsvpTestData.ReplyAsync(client, invited.InvitationId, "Accepted", [], agree: false, step: "reply"))
        {
            var page = await toDelegates.ToDocumentAsync();
            Assert.Equal("Your delegates", page.Heading());
            Assert.Equal(2, page.QuerySelectorAll("fieldset[data-delegate]").Length);
        }

        using (var check = await RsvpTestData.ReplyAsync(client, invited.InvitationId, "Accepted", people, step: "delegates"))
        {
            var page = await check.ToDocumentAsync();
            Assert.Equal("Check your reply", page.Heading());
            Assert.Contains(people[1].Email, page.QuerySelector(".govuk-summary-list")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Empty(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
        using (var confirm = await RsvpTestData.ReplyAsync(client, invited.InvitationId, "Accepted", people))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        }

        var delegates = await RsvpTestData.DelegatesAsync(app, roundtable.Id);
        Assert.All(delegates, d => Assert.Equal(DelegateStatus.Confirmed, d.Status));
        Assert.All(delegates, d => Assert.Equal(AttendanceTerms.Version, d.TermsVersion));
        Assert.Equal(people.Select(p => p.Email).Order(), delegates.Select(d => d.Email).Order());

        var show = await client.GetDocumentAsync($"/portal/invitations/{invited.InvitationId}");
        Assert.Equal("Accepted", show.QuerySelector("[data-answer]")!.TextContent.Trim());
        Assert.StartsWith("Test Supplier", show.QuerySelector("[data-answered-by]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("secret-room", show.QuerySelector("[data-joining-details]")!.TextContent, StringComparison.Ordinal);

        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        var confirmation = Assert.Single(messages, m => m.Kind == RsvpService.ConfirmationKind);
        Assert.Equal(invited.Contacts[0].Email, confirmation.ToAddress);
        var delegateEmails = messages.Where(m => m.Kind == RsvpService.DelegateKind).ToList();
        Assert.Equal(2, delegateEmails.Count);
        var uids = delegateEmails.Select(m => Calendar.Load(m.CalendarContent!)!.Events.Single().Uid).ToList();
        Assert.Equal(delegates.Select(d => PersonalCalendars.Uid(roundtable.Id, d.Email)).Order(), uids.Order());
        Assert.All(delegateEmails, m => Assert.Equal(InvitationCalendar.Request, m.CalendarMethod));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Rsvp.Accepted" && e.OrganisationId == invited.Organisation.Id)));
    }

    [Fact]
    public async Task Check_OnlyTheSecondSlotFilled_SendReplyCarriesTheDelegateThrough()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Kilo");
        using var client = await RsvpTestData.SupplierAsync(app, invited);
        var person = RsvpTestData.People("Kilo", 1)[0];
        using var check = await InvitationTestData.PostAsync(client, "/portal", $"/portal/invitations/{invited.InvitationId}/delegates",
        [
            new("Answer", "Accepted"), new("AgreeTerms", "true"),
            new("Delegates[0].FullName", ""), new("Delegates[0].Email", ""),
            new("Delegates[1].FullName", person.Name), new("Delegates[1].Email", person.Email),
        ]);
        var page = await check.ToDocumentAsync();
        Assert.Equal("Check your reply", page.Heading());
        var form = page.QuerySelector($"form[action='/portal/invitations/{invited.InvitationId}/confirm']")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        using var content = new FormUrlEncodedContent(fields);
        using var confirm = await client.PostAsync(new Uri($"/portal/invitations/{invited.InvitationId}/confirm", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(person.Email, Assert.Single(await RsvpTestData.DelegatesAsync(app, roundtable.Id)).Email);
    }

    [Fact]
    public async Task Reply_SecondContactChangesDelegates_SameAnswerIsChangedAndTheUpdateIsSent()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Golf");
        using var first = await RsvpTestData.SupplierAsync(app, invited, 0);
        using var second = await RsvpTestData.SupplierAsync(app, invited, 1);
        var people = RsvpTestData.People("Golf", 2);
        (await RsvpTestData.ReplyAsync(first, invited.InvitationId, "Accepted", people)).Dispose();

        var seen = await second.GetDocumentAsync($"/portal/invitations/{invited.InvitationId}");
        Assert.Equal(2, seen.QuerySelectorAll("tr[data-delegate]").Length);
        var form = await second.GetDocumentAsync($"/portal/invitations/{invited.InvitationId}/reply");
        Assert.Equal("Accepted", form.QuerySelector("input[name=Answer]:checked")!.GetAttribute("value"));

        var replacement = RsvpTestData.People("Golf new", 1)[0];
        using (var changed = await RsvpTestData.ReplyAsync(second, invited.InvitationId, "Accepted", [people[0], replacement]))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var delegates = await RsvpTestData.DelegatesAsync(app, roundtable.Id);
        Assert.Equal(new[] { people[0].Email, replacement.Email }.Order(), delegates.Select(d => d.Email).Order());
        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        Assert.Contains(messages, m => m.Kind == RsvpService.ConfirmationKind && m.ToAddress == invited.Contacts[1].Email && m.Subject.StartsWith("Reply changed", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Kind == RsvpService.WithdrawnKind && m.ToAddress == people[1].Email && m.CalendarMethod == InvitationCalendar.Cancel);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Rsvp.DelegatesChanged" && e.OrganisationId == invited.Organisation.Id)));
    }

    [Fact]
    public async Task Reply_TooManyDelegatesOrNoTerms_ShowsErrorsAndKeepsWhatWasTyped()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app, delegatesPerOrganisation: 1);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Hotel");
        using var client = await RsvpTestData.SupplierAsync(app, invited);
        var people = RsvpTestData.People("Hotel", 2);
        using var response = await RsvpTestData.ReplyAsync(client, invited.InvitationId, "Accepted", people, agree: false);
        var page = await response.ToDocumentAsync();
        Assert.Contains("Name no more than 1 delegate", page.ErrorSummary());
        Assert.Contains("Confirm your delegates agree to the attendance terms", page.ErrorSummary());
        Assert.Equal(people[0].Email, page.QuerySelector("input[name='Delegates[0].Email']")!.GetAttribute("value"));
        Assert.Empty(await RsvpTestData.DelegatesAsync(app, roundtable.Id));

        using var spaced = await RsvpTestData.ReplyAsync(client, invited.InvitationId, "Accepted", [("Spaced Name", "spaced name@example.com")]);
        Assert.Contains("Enter the email address of delegate 1 in the correct format, like name@example.com", (await spaced.ToDocumentAsync()).ErrorSummary());
        Assert.Empty(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
    }

    [Fact]
    public async Task Reply_AfterTheDeadline_IsReadOnlyAndSaysWhomToContact()
    {
        // The deadline a few minutes away, so passing it moves the shared host's clock by minutes only.
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        roundtable.RsvpDeadlineUtc = await InvitationTestData.DeadlineInMinutesAsync(app, roundtable.Id);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "India");
        var user = await app.CreateUserAsync(Core.Identity.Roles.Supplier, invited.Organisation.Id, invited.Contacts[0].Email);
        using var client = await app.SignedInClientAsync(user);
        (await RsvpTestData.ReplyAsync(client, invited.InvitationId, "Accepted", RsvpTestData.People("India", 1))).Dispose();

        var open = await client.GetDocumentAsync($"/portal/invitations/{invited.InvitationId}");
        Assert.NotNull(open.QuerySelector($"a[href='/portal/invitations/{invited.InvitationId}/reply']"));

        app.Clock.SetUtcNow(roundtable.RsvpDeadlineUtc.AddMinutes(1));
        var show = await client.GetDocumentAsync($"/portal/invitations/{invited.InvitationId}");
        Assert.Contains("roundtables@example.gov.uk", show.QuerySelector("[data-closed]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(show.QuerySelector($"a[href='/portal/invitations/{invited.InvitationId}/reply']"));
        using (var reply = await client.GetAsync(new Uri($"/portal/invitations/{invited.InvitationId}/reply", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        // Posting anyway changes nothing.
        var fields = new List<KeyValuePair<string, string>> { new("Answer", "Declined"), new("AgreeTerms", "false") };
        (await InvitationTestData.PostAsync(client, "/portal", $"/portal/invitations/{invited.InvitationId}/confirm", fields)).Dispose();
        Assert.Equal(InvitationResponse.Accepted, (await RsvpTestData.InvitationAsync(app, invited.InvitationId)).Response);
        Assert.Single(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
    }
}
