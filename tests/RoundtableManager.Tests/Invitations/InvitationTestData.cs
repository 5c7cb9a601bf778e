using System.Globalization;
using System.Text.RegularExpressions;

namespace RoundtableManager.Tests.Invitations;

/// <summary>Builds roundtables, organisations and contacts for invitation tests, relative to the app's fake clock.</summary>
internal static partial class InvitationTestData
{
    public static async Task<Roundtable> CreateRoundtableAsync(TestApp app, RoundtableStatus status = RoundtableStatus.OpenForResponses, string? venue = "70 Whitehall, London SW1A 2AS")
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year, now.Month, now.Day, 9, 0, 0, DateTimeKind.Utc).AddDays(30);
        var roundtable = new Roundtable
        {
            Title = $"Security controls roundtable {Guid.NewGuid():N}"[..40],
            Description = "Contracting and security controls after APT10.",
            StartsUtc = start,
            EndsUtc = start.AddHours(2),
            VenueAddress = venue,
            OnlineJoiningDetails = "https://meet.example.gov.uk/secret-room",
            Capacity = 40,
            DelegatesPerOrganisation = 2,
            RsvpDeadlineUtc = start.AddDays(-7),
            Status = status,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        await app.WithDbAsync(async db =>
        {
            db.Roundtables.Add(roundtable);
            await db.SaveChangesAsync();
        });
        return roundtable;
    }

    /// <summary>
    /// Moves a roundtable's reply deadline to five minutes from the app's clock and returns it, so a test on a shared host
    /// passes the deadline by moving the clock minutes, not weeks (the other tests' roundtables are weeks away).
    /// </summary>
    public static async Task<DateTime> DeadlineInMinutesAsync(TestApp app, int roundtableId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var deadline = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
        await app.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtableId).ExecuteUpdateAsync(s => s.SetProperty(r => r.RsvpDeadlineUtc, deadline)));
        return deadline;
    }

    /// <summary>An open roundtable two hours long, not yet saved: for tests that add many at once.</summary>
    public static Roundtable OpenRoundtable(string title, DateTime startsUtc, DateTime nowUtc) => new()
    {
        Title = title,
        StartsUtc = startsUtc,
        EndsUtc = startsUtc.AddHours(2),
        Capacity = 40,
        DelegatesPerOrganisation = 2,
        RsvpDeadlineUtc = startsUtc.AddDays(-7),
        Status = RoundtableStatus.OpenForResponses,
        CreatedUtc = nowUtc,
        UpdatedUtc = nowUtc,
    };

    /// <summary>An organisation with contacts; the first <paramref name="primaries"/> are primary contacts.</summary>
    public static async Task<(Organisation Organisation, List<Contact> Contacts)> CreateOrganisationWithContactsAsync(
        TestApp app, string name, int contacts = 2, int primaries = 1, OrganisationType type = OrganisationType.ManagedServiceProvider)
    {
        ArgumentNullException.ThrowIfNull(app);
        var organisation = await app.CreateOrganisationAsync(name, type);
        var list = await AddContactsAsync(app, organisation, contacts, primaries);
        return (organisation, list);
    }

    public static async Task<List<Contact>> AddContactsAsync(TestApp app, Organisation organisation, int count, int primaries = 0)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(organisation);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var list = Enumerable.Range(0, count).Select(i =>
        {
            var email = $"person{i}-{Guid.NewGuid():N}@supplier.example";
            return new Contact
            {
                OrganisationId = organisation.Id,
                FullName = $"Person {i} of {organisation.Name}",
                Email = email,
                NormalisedEmail = Contact.Normalise(email),
                IsPrimary = i < primaries,
                CreatedUtc = now,
                UpdatedUtc = now,
            };
        }).ToList();
        await app.WithDbAsync(async db =>
        {
            db.Contacts.AddRange(list);
            await db.SaveChangesAsync();
        });
        return list;
    }

    /// <summary>A signed-in organiser (a new account each time).</summary>
    public static async Task<HttpClient> OrganiserAsync(TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
    }

    /// <summary>
    /// Sends invitations through the three steps, as an organiser would: tick the organisations, choose who at each, then
    /// "Send invitations" on the check page. Returns the first answer that is not the next step (an error page), or the send's.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, int roundtableId, params (int OrganisationId, int[] ContactIds)[] groups)
    {
        ArgumentNullException.ThrowIfNull(client);
        var invite = $"/roundtables/{roundtableId}/invite";
        (await PostAsync(client, invite, $"{invite}/clear", [])).Dispose();
        var ids = groups.Select(g => g.OrganisationId.ToString(CultureInfo.InvariantCulture)).ToList();
        var step1 = await PostAsync(client, invite, invite,
            [.. ids.Select(id => new KeyValuePair<string, string>("Shown", id)), .. ids.Select(id => new KeyValuePair<string, string>("OrganisationIds", id)), new("Go", "continue")]);
        if (step1.StatusCode != HttpStatusCode.Redirect)
        {
            return step1;
        }

        step1.Dispose();
        var fields = new List<KeyValuePair<string, string>> { new("Go", "continue") };
        for (var i = 0; i < groups.Length; i++)
        {
            fields.Add(new($"Groups[{i}].OrganisationId", ids[i]));
            fields.AddRange(groups[i].ContactIds.Select(c => new KeyValuePair<string, string>($"Groups[{i}].ContactIds", c.ToString(CultureInfo.InvariantCulture))));
        }

        var step2 = await PostAsync(client, invite, $"{invite}/recipients", fields);
        if (step2.StatusCode != HttpStatusCode.Redirect || !step2.Headers.Location!.OriginalString.EndsWith("/check", StringComparison.Ordinal))
        {
            return step2;
        }

        step2.Dispose();
        var check = await client.GetDocumentAsync($"{invite}/check");
        var version = check.QuerySelector("input[name=version]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"The check page has no version: {check.Heading()}");
        return await PostAsync(client, $"{invite}/check", $"{invite}/send", [new("version", version)]);
    }

    /// <summary>Posts fields (repeated names allowed) with the antiforgery token from <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetDocumentAsync(formPage);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{formPage} has no antiforgery token");
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>The roundtable's emails as they are (or were) delivered: personal links of queued ones restored.</summary>
    public static async Task<List<Core.Email.OutboxMessage>> MessagesAsync(TestApp app, int roundtableId) =>
        (await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RoundtableId == roundtableId).OrderBy(m => m.Id).ToListAsync()))
            .Select(app.WithLinksRestored).ToList();

    public static Task<List<InvitationRecipient>> RecipientsAsync(TestApp app, int roundtableId) =>
        app.WithDbAsync(db => db.InvitationRecipients.AsNoTracking().Include(r => r.Invitation).Where(r => r.Invitation.RoundtableId == roundtableId).OrderBy(r => r.Id).ToListAsync());

    /// <summary>The personal link's path from an invitation email's plain text.</summary>
    public static string LinkPath(Core.Email.OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = LinkPattern().Match(message.TextBody);
        Assert.True(match.Success, "the email has no personal link");
        return new Uri(match.Value).AbsolutePath;
    }

    public static string Token(Core.Email.OutboxMessage message) => LinkPath(message)["/invitation/".Length..];

    public static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> OpenLinkAsync(TestApp app, string path)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateBrowserLikeClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static string Uk(DateTime utc) => UkTime.Format(utc);

    /// <summary>The page without its per-request antiforgery token, so two "not valid" pages can be compared exactly.</summary>
    public static string WithoutAntiforgery(string html) => AntiforgeryInput().Replace(html, "");

    [GeneratedRegex("<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"https?://[^\s]+/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
