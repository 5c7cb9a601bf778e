using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Invitations;
using RoundtableManager.Core.Roundtables;
using RoundtableManager.Core.Suppliers;
using RoundtableManager.TestSupport;
using RoundtableManager.Web.Infrastructure.Authorization;

namespace RoundtableManager.Bench;

/// <summary>
/// 1. The supplier's invitation page (RepliesController.Show: Razor, EF Core, about 20 delegate rows) under 64
/// connections from a second process, against a raw endpoint in the same host and pipeline (same cookie
/// authentication and policy) that runs the same query with plain Microsoft.Data.Sqlite and writes the same HTML by
/// hand with HtmlEncoder. The raw endpoint is mapped by this bench only.
/// </summary>
internal sealed partial class PortalPageBenchmark : IBenchmark
{
    private const int DelegateRows = 20;
    private const string RawPath = "/bench/raw/invitations/";

    public string Name => "portal-page";

    public string What => "1. Portal invitation page under load (64 connections)";

    public string Goal => "rps ours/raw >= 0.6; p99 <= 3x raw";

    public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rounds = context.Quick ? 1 : 3;
        var seconds = context.Quick ? 4.0 : 10.0;
        var layout = new LayoutTemplate();
        string connectionString = "";
        await using var host = await PortalHost.StartAsync(context, new Dictionary<string, string?>(), app =>
        {
            connectionString = app.Configuration["Database:ConnectionString"]!;
            app.MapGet(RawPath + "{id:int}", (HttpContext http, int id) => RawPageAsync(http, id, connectionString, layout))
                .RequireAuthorization(Policies.Supplier);
        });
        var seed = await PortalSeed.CreateAsync(host, "Cloud & <security> roundtable", 1, DelegateRows, cancellationToken);
        var supplier = seed.Suppliers[0];
        var cookie = await PortalSeed.SignInAsync(host, supplier.Email, supplier.Password);
        var oursUrl = new Uri(host.Address, $"/portal/invitations/{supplier.InvitationId}").ToString();
        var rawUrl = new Uri(host.Address, RawPath + supplier.InvitationId.ToString(CultureInfo.InvariantCulture)).ToString();

        // The raw side writes the layout's static text as the real page has it; check both pages say the same.
        var notes = new List<string>();
        var oursHtml = await FetchAsync(oursUrl, cookie, cancellationToken);
        layout.Learn(oursHtml);
        var rawHtml = await FetchAsync(rawUrl, cookie, cancellationToken);
        var same = Normalise(oursHtml) == Normalise(rawHtml);
        notes.Add(same
            ? $"the raw page is the same HTML as ours apart from whitespace and the antiforgery token ({Encoding.UTF8.GetByteCount(oursHtml):N0} bytes ours, {Encoding.UTF8.GetByteCount(rawHtml):N0} raw, {DelegateRows} delegate rows)"
            : "WARNING: the raw page differs from ours: " + FirstDifference(Normalise(oursHtml), Normalise(rawHtml)));

        var (ours, raw) = await context.InterleaveAsync(rounds,
            warmUp => LoadGenerator.RunAsync(context, [new LoadRequest("GET", oursUrl, cookie, null)], 64, warmUp ? 2 : 3, warmUp ? 3 : seconds, cancellationToken),
            warmUp => LoadGenerator.RunAsync(context, [new LoadRequest("GET", rawUrl, cookie, null)], 64, warmUp ? 2 : 3, warmUp ? 3 : seconds, cancellationToken));
        var oursRps = Stats.Median(ours.Select(r => r.RequestsPerSecond));
        var rawRps = Stats.Median(raw.Select(r => r.RequestsPerSecond));
        var oursP99 = Stats.Median(ours.Select(r => r.P99Ms));
        var rawP99 = Stats.Median(raw.Select(r => r.P99Ms));
        var errors = ours.Concat(raw).Sum(r => r.Errors);
        notes.Add($"{rounds} rounds of {seconds:0} s each side after a 3 s warm-up; ours rps {Stats.List(ours.Select(r => r.RequestsPerSecond), "0")}, p50 ms {Stats.List(ours.Select(r => r.P50Ms), "0.0")}, p99 ms {Stats.List(ours.Select(r => r.P99Ms), "0.0")}");
        notes.Add($"raw rps {Stats.List(raw.Select(r => r.RequestsPerSecond), "0")}, p50 ms {Stats.List(raw.Select(r => r.P50Ms), "0.0")}, p99 ms {Stats.List(raw.Select(r => r.P99Ms), "0.0")}");
        if (errors > 0)
        {
            notes.Add($"{errors} errors, first: {ours.Concat(raw).Select(r => r.FirstError).First(e => e is not null)}");
        }

        var ratio = oursRps / rawRps;
        var p99Ratio = oursP99 / rawP99;
        return new BenchResult(
            $"{oursRps:0} req/s, p99 {oursP99:0.0} ms",
            $"{rawRps:0} req/s, p99 {rawP99:0.0} ms",
            $"{ratio:0.00} (p99 x{p99Ratio:0.0})",
            ratio >= 0.6 && p99Ratio <= 3 && errors == 0 && same,
            notes);
    }

    private static async Task<string> FetchAsync(string url, string cookie, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static string Normalise(string html) =>
        Whitespace().Replace(BetweenTags().Replace(TokenValue().Replace(html, "token"), "><"), " ").Trim();

    private static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        string Around(string s) => s.Substring(Math.Max(0, i - 60), Math.Min(140, s.Length - Math.Max(0, i - 60)));
        return $"at {i}: ours \"{Around(a)}\" raw \"{Around(b)}\"";
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex TokenValue();

    [GeneratedRegex(">\\s+<")]
    private static partial Regex BetweenTags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

    /// <summary>The raw side: the same two queries EF Core's split query runs, and the view's markup written by hand.</summary>
    private static async Task RawPageAsync(HttpContext http, int id, string connectionString, LayoutTemplate layout)
    {
        var organisationId = http.User.OrganisationId();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(http.RequestAborted);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.Name, r.Title, r.Description, r.StartsUtc, r.EndsUtc, r.VenueAddress, r.OnlineJoiningDetails, r.RsvpDeadlineUtc, r.Status,
                   i.Response, i.RespondedUtc, i.RespondedByName, i.RecordedByOrganiser, i.DeclineReason
            FROM Invitations i JOIN Organisations o ON o.Id = i.OrganisationId JOIN Roundtables r ON r.Id = i.RoundtableId
            WHERE i.RevokedUtc IS NULL AND i.OrganisationId = $organisation AND i.Id = $id
            """;
        command.Parameters.AddWithValue("$organisation", (object?)organisationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", id);
        string organisation, title, deadline;
        string? description, venue, joining, respondedBy, declineReason;
        DateTime startsUtc, endsUtc, deadlineUtc;
        DateTime? respondedUtc;
        RoundtableStatus status;
        InvitationResponse response;
        bool byOrganiser;
        await using (var reader = await command.ExecuteReaderAsync(http.RequestAborted))
        {
            if (!await reader.ReadAsync(http.RequestAborted))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            organisation = reader.GetString(0);
            title = reader.GetString(1);
            description = reader.IsDBNull(2) ? null : reader.GetString(2);
            startsUtc = DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc);
            endsUtc = DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc);
            venue = reader.IsDBNull(5) ? null : reader.GetString(5);
            joining = reader.IsDBNull(6) ? null : reader.GetString(6);
            deadlineUtc = DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc);
            status = (RoundtableStatus)reader.GetInt32(8);
            response = (InvitationResponse)reader.GetInt32(9);
            respondedUtc = reader.IsDBNull(10) ? null : DateTime.SpecifyKind(reader.GetDateTime(10), DateTimeKind.Utc);
            respondedBy = reader.IsDBNull(11) ? null : reader.GetString(11);
            byOrganiser = reader.GetBoolean(12);
            declineReason = reader.IsDBNull(13) ? null : reader.GetString(13);
            deadline = UkTime.Format(deadlineUtc);
        }

        command.CommandText = "SELECT FullName, Email, Status FROM Delegates WHERE InvitationId = $id ORDER BY Status, QueuedUtc, Id";
        var delegates = new List<(string Name, string Email, DelegateStatus Status)>();
        await using (var reader = await command.ExecuteReaderAsync(http.RequestAborted))
        {
            while (await reader.ReadAsync(http.RequestAborted))
            {
                delegates.Add((reader.GetString(0), reader.GetString(1), (DelegateStatus)reader.GetInt32(2)));
            }
        }

        var e = HtmlEncoder.Default;
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var canAnswer = status == RoundtableStatus.OpenForResponses && time.GetUtcNow().UtcDateTime < deadlineUtc;
        var hasSeat = response == InvitationResponse.Accepted && delegates.Any(d => d.Status == DelegateStatus.Confirmed);
        var token = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken!;
        var html = new StringBuilder(16_384);
        layout.WritePrefix(html, e.Encode(title), e.Encode(http.User.DisplayName()), token);
        html.Append("<a href=\"/portal\" class=\"govuk-back-link\">Back to your invitations</a>\n<span class=\"govuk-caption-l\">").Append(e.Encode(organisation))
            .Append("</span>\n<h1 class=\"govuk-heading-l\">").Append(e.Encode(title)).Append("</h1>\n<dl class=\"govuk-summary-list\">\n");
        Row(html, "When", null, e.Encode(UkTime.FormatRange(startsUtc, endsUtc)) + " (UK time)");
        Row(html, "Where", " rtm-preserve-lines", e.Encode(string.IsNullOrWhiteSpace(venue) ? "Online" : venue));
        Row(html, "Reply by", null, e.Encode(deadline));
        if (hasSeat && !string.IsNullOrWhiteSpace(joining))
        {
            Row(html, "Joining online", " rtm-preserve-lines", e.Encode(joining), " data-joining-details=\"\"");
        }

        if (!string.IsNullOrWhiteSpace(description))
        {
            Row(html, "About", " rtm-preserve-lines", e.Encode(description));
        }

        html.Append("</dl>\n<h2 class=\"govuk-heading-m\">Your organisation's reply</h2>\n<dl class=\"govuk-summary-list\">\n");
        Row(html, "Reply", null, e.Encode(response.DisplayName()), " data-answer=\"\"");
        if (respondedUtc is not null)
        {
            Row(html, "Answered by", null, e.Encode(respondedBy ?? "") + (byOrganiser ? " (the roundtable team, on your behalf)" : "") + ", " + e.Encode(UkTime.Format(respondedUtc.Value)), " data-answered-by=\"\"");
        }

        if (response == InvitationResponse.Declined && !string.IsNullOrWhiteSpace(declineReason))
        {
            Row(html, "Reason", null, e.Encode(declineReason));
        }

        html.Append("</dl>\n");
        if (response == InvitationResponse.Accepted)
        {
            html.Append("<div class=\"rtm-table-scroll\" role=\"region\" aria-labelledby=\"rtm-table-caption-1\" tabindex=\"0\"><table class=\"govuk-table\" data-delegates>\n<caption class=\"govuk-table__caption govuk-table__caption--m\" id=\"rtm-table-caption-1\">Delegates</caption>\n<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n")
                .Append("<th scope=\"col\" class=\"govuk-table__header\">Name</th>\n<th scope=\"col\" class=\"govuk-table__header\">Email</th>\n<th scope=\"col\" class=\"govuk-table__header\">Place</th>\n</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
            foreach (var d in delegates)
            {
                var email = e.Encode(d.Email);
                html.Append("<tr class=\"govuk-table__row\" data-delegate=\"").Append(email).Append("\">\n<td class=\"govuk-table__cell rtm-break-anywhere\">").Append(e.Encode(d.Name))
                    .Append("</td>\n<td class=\"govuk-table__cell rtm-break-anywhere\">").Append(email).Append("</td>\n<td class=\"govuk-table__cell\">\n")
                    .Append(d.Status == DelegateStatus.Confirmed
                        ? "<strong class=\"govuk-tag govuk-tag--green\">Seat confirmed</strong>\n"
                        : "<strong class=\"govuk-tag govuk-tag--yellow\">On the waitlist</strong>\n")
                    .Append("</td>\n</tr>\n");
            }

            html.Append("</tbody>\n</table></div>\n");
            if (delegates.Any(d => d.Status == DelegateStatus.Waitlisted))
            {
                html.Append("<div class=\"govuk-inset-text\">The roundtable is full. Delegates on the waitlist get a seat, and an email, in the order they were named if one becomes free.</div>\n");
            }
        }

        if (canAnswer)
        {
            html.Append("<a href=\"/portal/invitations/").Append(id.ToString(CultureInfo.InvariantCulture))
                .Append("/reply\" role=\"button\" draggable=\"false\" class=\"govuk-button\" data-module=\"govuk-button\">")
                .Append(response == InvitationResponse.None ? "Reply to this invitation" : "Change your reply")
                .Append("</a>\n<p class=\"govuk-body\">Anyone at ").Append(e.Encode(organisation)).Append(" with an account can change this reply until ")
                .Append(e.Encode(deadline)).Append(".</p>\n");
        }
        else
        {
            var contact = e.Encode(http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RoundtableManager.Core.Email.EmailOptions>>().Value.FromAddress);
            html.Append("<div class=\"govuk-inset-text\" data-closed>Replies closed at ").Append(e.Encode(deadline))
                .Append(". To change your reply or your delegates, email the roundtable team at <a class=\"govuk-link\" href=\"mailto:").Append(contact).Append("\">").Append(contact).Append("</a>.</div>\n");
        }

        layout.WriteSuffix(html);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html.ToString(), http.RequestAborted);
    }

    private static void Row(StringBuilder html, string key, string? valueClass, string encodedValue, string? attribute = null) =>
        html.Append("<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">").Append(key)
            .Append("</dt>\n<dd class=\"govuk-summary-list__value").Append(valueClass).Append('"').Append(attribute).Append('>').Append(encodedValue).Append("</dd>\n</div>\n");

    /// <summary>
    /// The layout's static text (head, header, navigation, footer), learnt once from the real page and split where the
    /// page title, the signed-in name and the sign-out form's antiforgery token go; the raw side fills those in itself.
    /// </summary>
    private sealed class LayoutTemplate
    {
        private const string MainOpen = "<main class=\"govuk-main-wrapper\" id=\"main-content\">";
        private string[] _prefix = [];
        private string _suffix = "";

        public void Learn(string page)
        {
            var start = page.IndexOf(MainOpen, StringComparison.Ordinal) + MainOpen.Length;
            var end = page.IndexOf("</main>", StringComparison.Ordinal);
            var prefix = page[..start];
            var titleStart = prefix.IndexOf("<title>", StringComparison.Ordinal) + "<title>".Length;
            var titleEnd = prefix.IndexOf(" – Roundtable Manager</title>", StringComparison.Ordinal);
            var nameStart = prefix.IndexOf("Signed in as ", StringComparison.Ordinal) + "Signed in as ".Length;
            var nameEnd = prefix.IndexOf("</span>", nameStart, StringComparison.Ordinal);
            var token = TokenValue().Match(prefix);
            var tokenStart = prefix.IndexOf("value=\"", token.Index, StringComparison.Ordinal) + "value=\"".Length;
            var tokenEnd = token.Index + token.Length - 1;
            _prefix = [prefix[..titleStart], prefix[titleEnd..nameStart], prefix[nameEnd..tokenStart], prefix[tokenEnd..]];
            _suffix = page[end..];
        }

        public void WritePrefix(StringBuilder html, string encodedTitle, string encodedName, string token) =>
            html.Append(_prefix[0]).Append(encodedTitle).Append(_prefix[1]).Append(encodedName).Append(_prefix[2]).Append(token).Append(_prefix[3]);

        public void WriteSuffix(StringBuilder html) => html.Append(_suffix);
    }
}

/// <summary>A roundtable with invited supplier organisations, each with a supplier account and accepted delegates.</summary>
internal static class PortalSeed
{
    public sealed record Supplier(int OrganisationId, int InvitationId, string Email, string Password);

    public sealed record Seeded(int RoundtableId, IReadOnlyList<Supplier> Suppliers);

    public static async Task<Seeded> CreateAsync(PortalHost host, string title, int organisations, int delegatesEach, CancellationToken cancellationToken, int capacity = 1000)
    {
        ArgumentNullException.ThrowIfNull(host);
        var now = DateTime.UtcNow;
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var roundtable = new Roundtable
        {
            Title = title,
            Description = "Quarterly roundtable on cloud security & resilience.\nBring questions.",
            StartsUtc = now.Date.AddDays(40).AddHours(10),
            EndsUtc = now.Date.AddDays(40).AddHours(12),
            VenueAddress = "10 Example Street\nLondon",
            OnlineJoiningDetails = "Link sent nearer the day",
            Capacity = capacity,
            DelegatesPerOrganisation = Math.Max(delegatesEach, 2),
            RsvpDeadlineUtc = now.Date.AddDays(30).AddHours(17),
            Status = RoundtableStatus.OpenForResponses,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.Roundtables.Add(roundtable);
        await db.SaveChangesAsync(cancellationToken);
        var invitations = new List<(Organisation Organisation, Invitation Invitation)>();
        for (var o = 1; o <= organisations; o++)
        {
            var name = $"Supplier {o} & Sons <Ltd>";
            var organisation = new Organisation { Name = name, NormalisedName = Organisation.Normalise(name), Type = OrganisationType.ManagedServiceProvider, CreatedUtc = now, UpdatedUtc = now };
            var invitation = new Invitation
            {
                Roundtable = roundtable,
                Organisation = organisation,
                Response = delegatesEach > 0 ? InvitationResponse.Accepted : InvitationResponse.None,
                RespondedUtc = delegatesEach > 0 ? now : null,
                RespondedByName = delegatesEach > 0 ? "Alex O'Brien" : null,
                CreatedUtc = now,
            };
            db.AddRange(organisation, invitation);
            for (var d = 1; d <= delegatesEach; d++)
            {
                var email = $"delegate-{o}-{d}@supplier{o}.example";
                db.Delegates.Add(new DelegateEntry
                {
                    Invitation = invitation,
                    RoundtableId = roundtable.Id,
                    FullName = $"Delegate {d} O'Neil-Smith",
                    Email = email,
                    NormalisedEmail = email.ToUpperInvariant(),
                    JobTitle = "Head of security",
                    Status = DelegateStatus.Confirmed,
                    QueuedUtc = now.AddSeconds(d),
                    TermsVersion = "1",
                    TermsAgreedUtc = now,
                    CreatedUtc = now,
                });
            }

            invitations.Add((organisation, invitation));
        }

        await db.SaveChangesAsync(cancellationToken);
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var suppliers = new List<Supplier>();
        foreach (var (organisation, invitation) in invitations)
        {
            var email = $"supplier-{organisation.Id}@supplier.example";
            var password = PasswordGenerator.Generate();
            var created = await accounts.CreateAsync(email, $"Sam {organisation.Id} <Supplier>", Roles.Supplier, organisation.Id, password, cancellationToken);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(x => x.Message)));
            }

            suppliers.Add(new Supplier(organisation.Id, invitation.Id, email, password));
        }

        return new Seeded(roundtable.Id, suppliers);
    }

    /// <summary>Signs in through the real sign-in page and returns the Cookie header (session and antiforgery cookies) to reuse.</summary>
    public static async Task<string> SignInAsync(PortalHost host, string email, string password) =>
        (await SignInWithTokenAsync(host, email, password, null)).Cookie;

    /// <summary>Signs in, then (when <paramref name="formPage"/> is given) reads that page's antiforgery token for posts.</summary>
    public static async Task<(string Cookie, string? Token)> SignInWithTokenAsync(PortalHost host, string email, string password, string? formPage)
    {
        ArgumentNullException.ThrowIfNull(host);
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = host.Address };
        using var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location!.OriginalString.StartsWith("/sign-in", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Supplier sign-in failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        string? token = null;
        if (formPage is not null)
        {
            var page = await client.GetDocumentAsync(formPage);
            token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                ?? throw new InvalidOperationException($"{formPage} has no antiforgery token");
        }

        return (cookies.GetCookieHeader(host.Address), token);
    }
}
