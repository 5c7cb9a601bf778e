namespace RoundtableManager.BrowserTests.Journeys;

/// <summary>
/// WCAG 2.2's reflow criterion (1.4.10) on the pages with data tables, at 320 CSS pixels: nothing reaches past the
/// screen's edge, so the page never scrolls sideways; a table wider than the screen scrolls inside its own
/// keyboard-reachable region instead. Session 8 fixed the email log and the action register; the dashboard, the
/// directory, a roundtable's page and a supplier's home page were still 440 to 670 px wide.
/// </summary>
public sealed class PhoneWidthJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task TablePages_AtPhoneWidth_NothingScrollsTheWholePage() => JourneyAsync(nameof(TablePages_AtPhoneWidth_NothingScrollsTheWholePage), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var organisation = await App.CreateOrganisationAsync($"Carmarthen Managed Services {suffix}");
        var contact = await Data.ContactAsync(organisation, "Eleri Jones", $"eleri.{suffix}@supplier.example");
        var roundtable = await Data.RoundtableAsync($"Contract clauses for privileged access {suffix}");
        var invitation = await Data.InvitationAsync(roundtable, contact);
        await Data.AcceptAsync(roundtable, contact, contact.Email);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.WithDbAsync(async db =>
        {
            db.AgendaItems.Add(new AgendaItem
            {
                RoundtableId = roundtable.Id, Title = "Privileged access to client networks", Category = AgendaCategory.SecurityControls,
                DurationMinutes = 30, Marking = TlpMarking.Amber, CreatedUtc = now, UpdatedUtc = now,
            });
            db.Tags.Add(new Core.Engagement.Tag { Name = $"Strategic supplier {suffix}", NormalisedName = Core.Engagement.Tag.Normalise($"Strategic supplier {suffix}"), CreatedUtc = now, UpdatedUtc = now });
            await db.SaveChangesAsync();
        });
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AgendaService>().PublishAsync(roundtable.Id, "Organiser", CancellationToken.None);
        }

        await SignInAsync(page, await App.CreateUserAsync(Roles.Organiser));
        string[] staffPages =
        [
            "/", $"/roundtables/{roundtable.Id}", $"/roundtables/{roundtable.Id}/responses", $"/roundtables/{roundtable.Id}/agenda",
            $"/invitations/{invitation.Id}", "/suppliers", $"/suppliers/{organisation.Id}", "/tags", "/users", "/audit", "/controls",
            "/account/sessions",
        ];
        foreach (var path in staffPages)
        {
            await PhonePageAsync(page, path);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(page, await App.CreateUserAsync(Roles.Supplier, organisation.Id));
        await PhonePageAsync(page, "/portal");
        await PhonePageAsync(page, $"/portal/roundtables/{roundtable.Id}/agenda");
    });

    private int _shown;

    private async Task PhonePageAsync(IPage page, string path)
    {
        await GoToAsync(page, path);
        Assert.True(await page.Locator("main table").CountAsync() > 0, $"{path} shows no table to check");
        // Named by the page's path without its ids, numbered so /suppliers and /suppliers/{id} keep a screenshot each.
        var name = $"phone-{++_shown:00}" + (path == "/" ? "-dashboard" : Regex.Replace(path, "[^a-z]+", "-").TrimEnd('-'));
        await SavePhoneScreenshotAsync(page, name);
    }
}
