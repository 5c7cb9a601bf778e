namespace RoundtableManager.Tests.Roundtables;

[Collection(SharedHosts.Invitations)]
public sealed class RoundtableTests(TestApp app)
{
    private static Dictionary<string, string> ValidFields(string title) => new()
    {
        ["Title"] = title,
        ["Description"] = "Agree the step change in contracting and security controls.",
        ["Date.Day"] = "15",
        ["Date.Month"] = "7",
        ["Date.Year"] = "2031",
        ["StartTime"] = "10:00",
        ["EndTime"] = "12:30pm",
        ["VenueAddress"] = "70 Whitehall\nLondon SW1A 2AS",
        ["OnlineJoiningDetails"] = "",
        ["Capacity"] = "40",
        ["DelegatesPerOrganisation"] = "2",
        ["RsvpDeadlineDate.Day"] = "1",
        ["RsvpDeadlineDate.Month"] = "July",
        ["RsvpDeadlineDate.Year"] = "2031",
        ["RsvpDeadlineTime"] = "5pm",
        ["Status"] = "OpenForResponses",
    };

    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    private Task<int> CountAsync() => app.WithDbAsync(db => db.Roundtables.CountAsync());

    [Fact]
    public async Task Create_SummerTime_StoresUtcAndShowsUkTimeOnItsPage()
    {
        using var client = await OrganiserAsync();
        var title = $"Summer roundtable {Guid.NewGuid():N}";
        using var response = await client.PostFormAsync("/roundtables/new", "/roundtables/new", ValidFields(title));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var saved = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Title == title));
        // 10:00 in London on 15 July (BST, UTC+1) is 09:00 UTC; the deadline 5pm on 1 July is 16:00 UTC.
        Assert.Equal(new DateTime(2031, 7, 15, 9, 0, 0, DateTimeKind.Utc), saved.StartsUtc);
        Assert.Equal(new DateTime(2031, 7, 15, 11, 30, 0, DateTimeKind.Utc), saved.EndsUtc);
        Assert.Equal(new DateTime(2031, 7, 1, 16, 0, 0, DateTimeKind.Utc), saved.RsvpDeadlineUtc);
        Assert.Equal(RoundtableStatus.OpenForResponses, saved.Status);
        Assert.Equal(0, saved.CalendarSequence);

        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(title, page.Heading());
        Assert.Contains("Roundtable created", page.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tuesday 15 July 2031, 10am to 12:30pm", page.QuerySelector(".govuk-summary-list")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WinterTime_StoresUtcUnchanged()
    {
        using var client = await OrganiserAsync();
        var title = $"Winter roundtable {Guid.NewGuid():N}";
        var fields = ValidFields(title);
        fields["Date.Month"] = "1";
        fields["Date.Year"] = "2032";
        fields["StartTime"] = "2:30pm";
        fields["EndTime"] = "16:00";
        fields["RsvpDeadlineDate.Month"] = "1";
        fields["RsvpDeadlineDate.Year"] = "2032";
        using var response = await client.PostFormAsync("/roundtables/new", "/roundtables/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Title == title));
        Assert.Equal(new DateTime(2032, 1, 15, 14, 30, 0, DateTimeKind.Utc), saved.StartsUtc);
        Assert.Equal(new DateTime(2032, 1, 15, 16, 0, 0, DateTimeKind.Utc), saved.EndsUtc);
    }

    public static TheoryData<string, string, string, string> InvalidInput() => new()
    {
        // field, value typed, error expected, field the summary links to
        { "Title", "", "Enter the title", "#Title" },
        { "Title", new string('x', 201), "Title must be 200 characters or fewer", "#Title" },
        { "StartTime", "", "Enter the start time", "#StartTime" },
        { "StartTime", "25:00", "Start time must be a real time, like 10:00 or 2:30pm", "#StartTime" },
        { "EndTime", "9am", "End time must be after the start time", "#EndTime" },
        { "EndTime", "10:00", "End time must be after the start time", "#EndTime" },
        { "Date.Day", "32", "Date must be a real date", "#Date" },
        { "Capacity", "", "Enter the number of seats", "#Capacity" },
        { "Capacity", "forty", "Number of seats must be a whole number, like 40", "#Capacity" },
        { "Capacity", "2.5", "Number of seats must be a whole number, like 40", "#Capacity" },
        { "Capacity", "0", "Number of seats must be 1 or more", "#Capacity" },
        { "Capacity", "-3", "Number of seats must be 1 or more", "#Capacity" },
        { "DelegatesPerOrganisation", "0", "Delegates per organisation must be 1 or more", "#DelegatesPerOrganisation" },
        { "DelegatesPerOrganisation", "two", "Delegates per organisation must be a whole number, like 2", "#DelegatesPerOrganisation" },
        { "DelegatesPerOrganisation", "41", "Delegates per organisation must not be more than the number of seats", "#DelegatesPerOrganisation" },
        { "RsvpDeadlineDate.Day", "15", "The reply-by date must be before the roundtable starts", "#RsvpDeadlineDate" },
        { "RsvpDeadlineDate.Month", "8", "The reply-by date must be before the roundtable starts", "#RsvpDeadlineDate" },
        { "RsvpDeadlineTime", "", "Enter the reply-by time", "#RsvpDeadlineTime" },
        { "VenueAddress", " ", "Enter a venue address or online joining details", "#VenueAddress" },
        { "Status", "Cancelled", "Select the status", "#Status" },
    };

    [Theory]
    [MemberData(nameof(InvalidInput))]
    public async Task Create_InvalidField_ShowsGovUkErrorKeepsWhatWasTypedAndSavesNothing(string field, string value, string error, string link)
    {
        using var client = await OrganiserAsync();
        var before = await CountAsync();
        var fields = ValidFields($"Invalid {Guid.NewGuid():N}");
        fields[field] = value;
        using var response = await client.PostFormAsync("/roundtables/new", "/roundtables/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal([error], page.ErrorSummary());
        Assert.Equal(link, page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector(link));
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        // What was typed is shown back.
        Assert.Equal(fields["Capacity"], page.QuerySelector("#Capacity")!.GetAttribute("value") ?? "");
        Assert.Equal(fields["StartTime"], page.QuerySelector("#StartTime")!.GetAttribute("value") ?? "");
        Assert.Equal(fields["Description"], page.QuerySelector("#Description")!.TextContent);
    }

    [Fact]
    public async Task Create_OnlineOnly_IsAccepted()
    {
        using var client = await OrganiserAsync();
        var fields = ValidFields($"Online {Guid.NewGuid():N}");
        fields["VenueAddress"] = "";
        fields["OnlineJoiningDetails"] = "https://meet.example.gov.uk/abc";
        using var response = await client.PostFormAsync("/roundtables/new", "/roundtables/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Edit_InvalidThenValid_KeepsStoredValuesUntilSavedThenBumpsSequence()
    {
        using var client = await OrganiserAsync();
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app, RoundtableStatus.Draft);
        var form = await client.GetDocumentAsync($"/roundtables/{roundtable.Id}/edit");
        Assert.Equal(roundtable.Title, form.QuerySelector("#Title")!.GetAttribute("value"));

        var fields = ValidFields("");
        using var invalid = await client.PostFormAsync($"/roundtables/{roundtable.Id}/edit", $"/roundtables/{roundtable.Id}/edit", fields);
        Assert.Equal(["Enter the title"], (await invalid.ToDocumentAsync()).ErrorSummary());
        var unchanged = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == roundtable.Id));
        Assert.Equal(roundtable.Title, unchanged.Title);
        Assert.Equal(roundtable.StartsUtc, unchanged.StartsUtc);

        fields["Title"] = "Renamed roundtable";
        using var valid = await client.PostFormAsync($"/roundtables/{roundtable.Id}/edit", $"/roundtables/{roundtable.Id}/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, valid.StatusCode);
        var saved = await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == roundtable.Id));
        Assert.Equal("Renamed roundtable", saved.Title);
        Assert.Equal(new DateTime(2031, 7, 15, 9, 0, 0, DateTimeKind.Utc), saved.StartsUtc);
        Assert.Equal(1, saved.CalendarSequence);
    }

    [Fact]
    public async Task Staff_CanViewButNotChange()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var page = await staff.GetDocumentAsync($"/roundtables/{roundtable.Id}");
        Assert.Equal(roundtable.Title, page.Heading());
        Assert.Null(page.QuerySelector($"a[href='/roundtables/{roundtable.Id}/edit']"));
        Assert.Null(page.QuerySelector($"a[href='/roundtables/{roundtable.Id}/invite']"));
        var dashboard = await staff.GetDocumentAsync("/dashboard");
        Assert.Null(dashboard.QuerySelector("a[href='/roundtables/new']"));

        foreach (var path in new[] { "/roundtables/new", $"/roundtables/{roundtable.Id}/edit", $"/roundtables/{roundtable.Id}/cancel", $"/roundtables/{roundtable.Id}/invite" })
        {
            using var get = await staff.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        }

        // A staff member's POST with a valid antiforgery token (from a page they may see) is still refused.
        using var post = await staff.PostFormAsync("/dashboard", $"/roundtables/{roundtable.Id}/cancel", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(RoundtableStatus.OpenForResponses, (await app.WithDbAsync(db => db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == roundtable.Id))).Status);
    }

    [Fact]
    public async Task Dashboard_Organiser_SeesCreateButtonLinksAndReplyCounts()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var organisations = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            organisations.Add((await app.CreateOrganisationAsync($"Counted {i} {Guid.NewGuid():N}")).Id);
        }

        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Invitations.AddRange(
                new Invitation { RoundtableId = roundtable.Id, OrganisationId = organisations[0], CreatedUtc = now, Response = InvitationResponse.Accepted, RespondedUtc = now },
                new Invitation { RoundtableId = roundtable.Id, OrganisationId = organisations[1], CreatedUtc = now, Response = InvitationResponse.Declined, RespondedUtc = now },
                new Invitation { RoundtableId = roundtable.Id, OrganisationId = organisations[2], CreatedUtc = now },
                new Invitation { RoundtableId = roundtable.Id, OrganisationId = organisations[3], CreatedUtc = now, RevokedUtc = now });
            await db.SaveChangesAsync();
        });

        using var client = await OrganiserAsync();
        var dashboard = await client.GetDocumentAsync("/dashboard");
        Assert.NotNull(dashboard.QuerySelector("a.govuk-button[href='/roundtables/new']"));
        // Upcoming roundtables come 20 to a page, soonest first; this host holds other tests' roundtables too.
        var upcoming = 1;
        while (dashboard.QuerySelector($"a[href='/roundtables/{roundtable.Id}']") is null && upcoming < 50)
        {
            dashboard = await client.GetDocumentAsync($"/dashboard?upcoming={++upcoming}");
        }

        var row = dashboard.QuerySelector($"a[href='/roundtables/{roundtable.Id}']")!.Closest("tr")!;
        string Count(string name) => row.QuerySelector($"[data-count={name}]")!.TextContent.Trim();
        Assert.Equal(("3", "1", "1", "1"), (Count("invited"), Count("accepted"), Count("declined"), Count("no-reply")));
    }

    [Fact]
    public async Task Supplier_IsForbiddenEverywhere()
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Supplier org {Guid.NewGuid():N}");
        using var organiser = await OrganiserAsync();
        using var sent = await InvitationTestData.SendAsync(organiser, roundtable.Id, (organisation.Id, [contacts[0].Id]));
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        var recipient = (await InvitationTestData.RecipientsAsync(app, roundtable.Id)).Single();
        var invitationId = recipient.InvitationId;

        using var supplier = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Supplier, organisation.Id));
        var gets = new[]
        {
            "/roundtables/new", $"/roundtables/{roundtable.Id}", $"/roundtables/{roundtable.Id}/edit", $"/roundtables/{roundtable.Id}/cancel",
            $"/roundtables/{roundtable.Id}/invite", $"/roundtables/{roundtable.Id}/invite/recipients", $"/roundtables/{roundtable.Id}/invite/check",
            $"/invitations/{invitationId}", $"/invitations/{invitationId}/recipients/new",
            $"/invitations/{invitationId}/revoke", $"/invitations/{invitationId}/recipients/{recipient.Id}/revoke",
        };
        foreach (var path in gets)
        {
            using var response = await supplier.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {path} answered {(int)response.StatusCode}");
        }

        var posts = new[]
        {
            "/roundtables/new", $"/roundtables/{roundtable.Id}/edit", $"/roundtables/{roundtable.Id}/cancel",
            $"/roundtables/{roundtable.Id}/invite", $"/roundtables/{roundtable.Id}/invite/select-all", $"/roundtables/{roundtable.Id}/invite/clear",
            $"/roundtables/{roundtable.Id}/invite/recipients", $"/roundtables/{roundtable.Id}/invite/send",
            $"/invitations/{invitationId}/recipients/new", $"/invitations/{invitationId}/revoke",
            $"/invitations/{invitationId}/recipients/{recipient.Id}/revoke", $"/invitations/{invitationId}/recipients/{recipient.Id}/resend",
        };
        foreach (var path in posts)
        {
            using var response = await supplier.PostFormAsync("/portal", path, new Dictionary<string, string>());
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {path} answered {(int)response.StatusCode}");
        }

        Assert.Single(await InvitationTestData.MessagesAsync(app, roundtable.Id));
    }
}
