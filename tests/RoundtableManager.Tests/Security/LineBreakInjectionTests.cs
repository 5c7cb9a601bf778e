namespace RoundtableManager.Tests.Security;

/// <summary>
/// Issue #16 finding 2: a supplier named a delegate "Alice\r\nLOCATION:..." and the calendar invitation from the
/// government sender grew new lines. The name is refused where it enters Core, whichever way it comes: the portal's
/// steps, a post straight to the last step, the service itself, the CSV import and the command line.
/// </summary>
[Collection(SharedHosts.Invitations)]
public sealed class LineBreakInjectionTests(TestApp app)
{
    private const string Injected = "LOCATION:Moved - join at https://evil.example/login";
    private const string DirtyName = "Alice\r\n" + Injected + "\r\nURL:https://evil.example";

    [Fact]
    public async Task Portal_DelegateNameWithLineBreaks_RefusedOnTheDelegatesStepAndAtConfirmNothingStoredNothingSent()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Injected");
        using var client = await RsvpTestData.SupplierAsync(app, invited);
        var before = (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Count;
        var delegates = new[] { (DirtyName, $"alice-{Guid.NewGuid():N}@attacker.example") };

        foreach (var step in new[] { "delegates", "confirm" })
        {
            using var response = await RsvpTestData.ReplyAsync(client, invited.InvitationId, "Accepted", delegates, step: step);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ToDocumentAsync();
            Assert.Equal("Your delegates", page.Heading());
            Assert.Contains("Full name of delegate 1 must not contain line breaks or control characters", page.ErrorSummary());
            Assert.Equal("Full name of delegate 1 must not contain line breaks or control characters",
                page.QuerySelector("#Delegates_0__FullName-error")!.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim());
            Assert.Contains(Injected, ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Delegates_0__FullName")!).Value, StringComparison.Ordinal);
        }

        Assert.Empty(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
        Assert.Equal(InvitationResponse.None, (await RsvpTestData.InvitationAsync(app, invited.InvitationId)).Response);
        Assert.Equal(before, (await InvitationTestData.MessagesAsync(app, roundtable.Id)).Count);
    }

    [Fact]
    public async Task RsvpService_DelegateWithLineBreaksOrControls_RefusedWithFieldErrorsAndNothingChanges()
    {
        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Direct");
        await using var scope = app.Services.CreateAsyncScope();
        var rsvp = scope.ServiceProvider.GetRequiredService<RsvpService>();
        var answer = new RsvpAnswer(InvitationResponse.Accepted, null,
        [
            new DelegateInput(null, DirtyName, "alice\r\nBcc: everyone@example.gov.uk@attacker.example", "Head\tof security", "Step-free\u0000", null),
        ]);

        var result = await rsvp.AnswerAsync(invited.InvitationId, invited.Organisation.Id, answer, new Responder(null, "Someone", null, false), CancellationToken.None);

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(
            [
                ("Delegates[0].FullName", "Full name of delegate 1 must not contain line breaks or control characters"),
                ("Delegates[0].Email", "Email address of delegate 1 must not contain line breaks or control characters"),
                ("Delegates[0].JobTitle", "Job title of delegate 1 must not contain line breaks or control characters"),
                ("Delegates[0].AccessNeeds", "Access needs of delegate 1 must not contain control characters"),
            ],
            result.Errors!.Select(e => (e.Field, e.Message)));
        Assert.Empty(await RsvpTestData.DelegatesAsync(app, roundtable.Id));
    }

    [Fact]
    public async Task Organiser_ContactNameWithLineBreak_RefusedAndNothingStored()
    {
        var organisation = await app.CreateOrganisationAsync($"Contacts {Guid.NewGuid():N}");
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var path = $"/suppliers/{organisation.Id}/contacts/new";
        using var response = await client.PostFormAsync(path, path, new Dictionary<string, string>
        {
            ["FullName"] = DirtyName, ["Email"] = $"alice-{Guid.NewGuid():N}@example.com", ["JobTitle"] = "", ["Phone"] = "", ["IsPrimary"] = "false",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Full name must not contain line breaks or control characters"], (await response.ToDocumentAsync()).ErrorSummary());
        Assert.False(await app.WithDbAsync(db => db.Contacts.AnyAsync(c => c.OrganisationId == organisation.Id)));
    }

    [Fact]
    public async Task Import_LineBreaksInQuotedSingleLineCells_RowRefusedNotesKeepTheirLinesAsLf()
    {
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var csv = "Organisation,Name,Email,Job title,Notes\r\n"
            + $"\"Injected {suffix}\",\"Alice\r\n{Injected}\",alice-{suffix}@injected.example,Lead,\r\n"
            + $"\"Clean {suffix}\",Bob Baker,bob-{suffix}@clean.example,\"Head\tof security\",\r\n"
            + $"\"Noted {suffix}\",Carol Chen,carol-{suffix}@noted.example,Lead,\"Met in March\r\nFollow up in May\"\r\n";
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Csv(csv), "suppliers\u2028\u202Evsc.exe.csv");
        Assert.Equal("suppliers vsc.exe.csv", preview.QuerySelector(".govuk-caption-l")!.TextContent);
        var rows = preview.Rows();
        Assert.Equal(("Error", "Contact name must not contain line breaks or control characters"), (rows[0].Status, rows[0].Error));
        Assert.Equal(("Error", "Job title must not contain line breaks or control characters"), (rows[1].Status, rows[1].Error));
        Assert.Equal("New organisation", rows[2].Status);

        await client.ConfirmAsync(url);
        // Only the uploaded file itself holds it (kept as uploaded, for 24 hours, for its uploader): nothing in the directory.
        Assert.Equal(["ImportBatchFiles.Content"], await BadInputSweepTests.TextColumnsContainingAsync(app, Injected));
        Assert.False(await app.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == $"Clean {suffix}")));
        Assert.Equal("Met in March\nFollow up in May", await app.WithDbAsync(db => db.Organisations.Where(o => o.Name == $"Noted {suffix}").Select(o => o.Notes).SingleAsync()));
    }

    [Fact]
    public async Task AccountService_NameWithLineBreak_RefusedAndNoAccount()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var email = $"injected-{Guid.NewGuid():N}@example.gov.uk";
        var result = await accounts.CreateAsync(email, DirtyName, Roles.Staff, null, PasswordGenerator.Generate(), CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Equal(("Name", "Full name must not contain line breaks or control characters"), (result.Errors.Single().Field, result.Errors.Single().Message));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }
}
