using DocumentFormat.OpenXml.Packaging;

namespace RoundtableManager.BrowserTests.Engagement;

[Collection(SecondBrowserTestGroup.Name)]
public sealed class ReportJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_ChangesThePeriod_DownloadsCsvAndXlsx_PrintsTheVenueListAndSignInSheet() => JourneyAsync(nameof(Organiser_ChangesThePeriod_DownloadsCsvAndXlsx_PrintsTheVenueListAndSignInSheet), async page =>
    {
        var (roundtable, arden) = await SeedAsync();
        await SignInAsync(page, await App.CreateUserAsync(Roles.Organiser));

        // The dashboard opens on the default period from the navigation.
        await GoToAsync(page, "/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Programme report");
        await CheckAccessibilityAsync(page);

        // A to date before the from date: error summary, what was typed kept.
        await FillDateAsync(page, "From", 1, 2, 2022);
        await FillDateAsync(page, "To", 31, 1, 2022);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("To date must be the same as or after the from date");
        await Assertions.Expect(page.Locator("#Form_To")).ToHaveValueAsync("31");
        await CheckAccessibilityAsync(page);

        await FillDateAsync(page, "To", 28, 2, 2022);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        await Assertions.Expect(page.Locator("#period")).ToHaveTextAsync("1 February 2022 to 28 February 2022");
        await Assertions.Expect(page.Locator("#headline [data-figure]")).ToHaveTextAsync(["3", "2", "1", "1", "3"]);
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "programme-report");

        // Download the replies by type as CSV and as XLSX: the same numbers as the page.
        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("div:has(> #by-type) + p a[data-download=csv]").ClickAsync());
        Assert.EndsWith(".csv", csvDownload.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(await csvDownload.PathAsync());
        Assert.Contains("Managed service provider,2,2,1,1,100%,3.0", csv, StringComparison.Ordinal);
        var xlsxDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("div:has(> #by-type) + p a[data-download=xlsx]").ClickAsync());
        Assert.EndsWith(".xlsx", xlsxDownload.SuggestedFilename, StringComparison.Ordinal);
        using (var document = SpreadsheetDocument.Open(await xlsxDownload.PathAsync(), false))
        {
            var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToDictionary(c => c.CellReference!.Value!, c => c.CellValue?.Text);
            Assert.Equal(["2", "2", "1", "1"], new[] { "B2", "C2", "D2", "E2" }.Select(r => cells[r]));
        }

        // At phone width the page still reads top to bottom.
        await SavePhoneScreenshotAsync(page, "programme-report-phone");

        // The list for the venue, with access needs ticked, then the sign-in sheet as printed.
        await GoToAsync(page, $"/roundtables/{roundtable.Id}/responses");
        await page.GetByRole(AriaRole.Link, new() { Name = "List for the venue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#venue-list tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#venue-list")).Not.ToContainTextAsync("Wheelchair");
        await page.GetByLabel("Include access needs").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Update the list" }).ClickAsync();
        await Assertions.Expect(page.Locator("#venue-list")).ToContainTextAsync("Wheelchair user: step-free access please");
        await Assertions.Expect(page.GetByLabel("Include access needs")).ToBeCheckedAsync();
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "venue-list-with-needs");
        await SavePhoneScreenshotAsync(page, "venue-list-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "sign-in sheet for the day" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#sign-in tbody tr th").First).ToHaveTextAsync($"Delegate 0 of {arden.Name}");
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "sign-in-sheet");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("header").First).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".govuk-back-link")).ToBeHiddenAsync();
        await SaveScreenshotAsync(page, "sign-in-sheet-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    });

    private static async Task FillDateAsync(IPage page, string field, int day, int month, int year)
    {
        await page.Locator($"#Form_{field}").FillAsync(day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator($"#Form_{field}_Month").FillAsync(month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator($"#Form_{field}_Year").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A roundtable on 10 February 2022: Arden accepted (two delegates, one checked in, one with access needs), Brook declined, Caldew never replied.</summary>
    private async Task<(Roundtable Roundtable, Organisation Arden)> SeedAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var arden = await App.CreateOrganisationAsync($"Arden Managed IT {suffix}");
        var brook = await App.CreateOrganisationAsync($"Brook Cloud {suffix}");
        var caldew = await App.CreateOrganisationAsync($"Caldew Integration {suffix}", OrganisationType.SystemsIntegrator);
        var start = new DateTime(2022, 2, 10, 10, 0, 0, DateTimeKind.Utc);
        var sent = start.AddDays(-30);
        var roundtable = await Data.RoundtableAsync($"Supply chain roundtable {suffix}", start, r =>
        {
            r.VenueAddress = "70 Whitehall\nLondon SW1A 2AS";
            r.Capacity = 20;
            r.Status = RoundtableStatus.Held;
            r.CreatedUtc = r.UpdatedUtc = sent;
        });
        await App.WithDbAsync(async db =>
        {
            db.Invitations.AddRange(
                Invitation(roundtable, arden, InvitationResponse.Accepted, sent, 2,
                    Delegate(roundtable, $"Delegate 0 of {arden.Name}", "Wheelchair user: step-free access please", start.AddMinutes(3)),
                    Delegate(roundtable, $"Delegate 1 of {arden.Name}", null, null)),
                Invitation(roundtable, brook, InvitationResponse.Declined, sent, 4),
                Invitation(roundtable, caldew, InvitationResponse.None, sent, 0));
            await db.SaveChangesAsync();
        });
        return (roundtable, arden);
    }

    private static Invitation Invitation(Roundtable roundtable, Organisation organisation, InvitationResponse response, DateTime sent, int replyAfterDays, params DelegateEntry[] delegates)
    {
        var replied = response == InvitationResponse.None ? (DateTime?)null : sent.AddDays(replyAfterDays);
        var invitation = new Invitation { RoundtableId = roundtable.Id, OrganisationId = organisation.Id, CreatedUtc = sent, Response = response, RespondedUtc = replied, FirstRespondedUtc = replied };
        invitation.Delegates.AddRange(delegates);
        return invitation;
    }

    private static DelegateEntry Delegate(Roundtable roundtable, string name, string? needs, DateTime? attended)
    {
        var email = $"{Guid.NewGuid():N}@supplier.example";
        return new DelegateEntry
        {
            RoundtableId = roundtable.Id, FullName = name, Email = email, NormalisedEmail = email, AccessNeeds = needs, Status = DelegateStatus.Confirmed,
            QueuedUtc = roundtable.CreatedUtc, TermsVersion = AttendanceTerms.Version, TermsAgreedUtc = roundtable.CreatedUtc, CreatedUtc = roundtable.CreatedUtc, AttendedUtc = attended,
        };
    }
}
