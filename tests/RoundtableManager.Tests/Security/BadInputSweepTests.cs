using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// Every form an organiser or a supplier can reach (pages read from the endpoint table) is sent bad input: hostile text
/// (far over any limit, control characters, HTML and script, a right-to-left override), impossible dates and negative
/// numbers, and uploads that are too big or of the wrong type. None may fail with a 5xx, echo script unescaped, accept
/// the input, or lose what was typed.
/// </summary>
public sealed partial class BadInputSweepTests : IClassFixture<TestApp>
{
    private const string Script = "<script>alert('x')</script>";
    private static readonly string Hostile = Script + "\u0001\u0007\u202E<img src=x onerror=alert(1)>" + new string('W', 10_000);

    private readonly TestApp _app;

    public BadInputSweepTests(TestApp app) => _app = app;

    private sealed record FormUnderTest(HttpClient Client, string Where, string Action, IHtmlFormElement Form);

    [Fact]
    public async Task EveryForm_HostileInput_ValidationMessageNoCrashNothingSavedNothingLost()
    {
        var problems = new List<string>();
        var formsTried = 0;
        foreach (var form in await FormsAsync())
        {
            var texts = form.Form.QuerySelectorAll("input[type=text]:not([inputmode=numeric]), input[type=email], input[type=tel], input[type=url], input:not([type]), textarea")
                .Select(e => e.GetAttribute("name")).OfType<string>().Where(n => n.Length > 0).Distinct().ToList();
            if (texts.Count == 0)
            {
                continue;
            }

            formsTried++;
            var fields = Hidden(form.Form);
            fields.AddRange(texts.Select(n => new KeyValuePair<string, string>(n, Hostile)));
            using var content = new FormUrlEncodedContent(fields);
            using var result = await form.Client.PostAsync(new Uri(form.Action, UriKind.Relative), content);
            var html = await result.Content.ReadAsStringAsync();
            if (html.Contains(Script, StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal))
            {
                problems.Add($"{form.Where}: echoed script or HTML unescaped");
            }

            await ExpectRefusedAsync(form, result, texts, value => value.StartsWith(Script, StringComparison.Ordinal), problems);
        }

        Assert.True(formsTried >= 10, $"only {formsTried} forms were found to try");
        Assert.Empty(problems);
    }

    /// <summary>
    /// Issue #16: a line break in a single-line field (a name, a title) is how a delegate's name broke out of a calendar
    /// invitation's ATTENDEE line. Every single-line field of every form gets one, all at once: each field must say
    /// so beside itself, keep what was typed, and nothing may be stored.
    /// </summary>
    [Fact]
    public async Task EveryForm_LineBreakInSingleLineField_EachFieldRefusedNothingStoredNothingLost()
    {
        const string Injected = "LOCATION:Moved - join at https://evil.example/login";
        var problems = new List<string>();
        var fieldsTried = 0;
        foreach (var form in await FormsAsync())
        {
            var singles = SingleLineFields(form.Form);
            if (singles.Count == 0)
            {
                continue;
            }

            fieldsTried += singles.Count;
            var fields = FormSubmission.Values(form.Form).Where(f => !singles.Contains(f.Key)).ToList();

            // A question nobody has answered yet gets its first answer, as a person filling the form in would give
            // one (on "record a reply" that is "yes", which is what makes the delegates' names count).
            fields.AddRange(form.Form.QuerySelectorAll<IHtmlInputElement>("input[type=radio]").GroupBy(r => r.Name ?? "")
                .Where(g => g.Key.Length > 0 && !g.Any(r => r.IsChecked))
                .Select(g => new KeyValuePair<string, string>(g.Key, g.First().Value)));
            fields.AddRange(singles.Select(n => new KeyValuePair<string, string>(n, "Alice\r\n" + Injected)));
            using var content = new FormUrlEncodedContent(fields);
            using var result = await form.Client.PostAsync(new Uri(form.Action, UriKind.Relative), content);
            await ExpectRefusedAsync(form, result, singles, value => value.Contains(Injected, StringComparison.Ordinal), problems);
            if (result.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var after = await result.ToDocumentAsync();
            foreach (var name in singles)
            {
                var message = after.QuerySelector($"#{Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(name, "_")}-error")?.TextContent;
                if (message?.Contains("must not contain line breaks or control characters", StringComparison.Ordinal) != true)
                {
                    problems.Add($"{form.Where}: {name} says \"{message?.Trim()}\"");
                }

                if (after.QuerySelector($"[name='{name}']") is not IHtmlInputElement input || !input.Value.Contains(Injected, StringComparison.Ordinal))
                {
                    problems.Add($"{form.Where}: what was typed in {name} was lost");
                }
            }
        }

        Assert.True(fieldsTried >= 25, $"only {fieldsTried} single-line fields were found to try");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(await TextColumnsContainingAsync(_app, Injected));
    }

    /// <summary>
    /// Browsers post a text area's line breaks as CRLF; stored, a CR shows in pages as "&amp;#xD;" (issue #17). Every
    /// multi-line field of every form that saves is sent two lines: what is stored keeps the line break, as LF.
    /// </summary>
    [Fact]
    public async Task EveryForm_LineBreaksInTextArea_StoredAsLineFeeds()
    {
        var saved = new List<string>();
        var index = 0;
        var forms = await FormsAsync();
        // This sweep saves: the forms fetched before it may show what it changed as it was (an action's Version), so a
        // sweep after it fetches the pages again.
        Forms.Remove(_app);
        foreach (var form in forms)
        {
            var areas = form.Form.QuerySelectorAll("textarea").Select(e => e.GetAttribute("name")).OfType<string>().Distinct().ToList();
            if (areas.Count == 0)
            {
                continue;
            }

            var marker = $"Second line {++index}";
            var fields = FormSubmission.Values(form.Form).Where(f => !areas.Contains(f.Key)).ToList();
            fields.AddRange(areas.Select(n => new KeyValuePair<string, string>(n, "First line\r\n" + marker)));
            using var content = new FormUrlEncodedContent(fields);
            using var result = await form.Client.PostAsync(new Uri(form.Action, UriKind.Relative), content);
            Assert.True((int)result.StatusCode < 500, $"{form.Where}: {(int)result.StatusCode}");
            if (result.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                Assert.Empty(await TextColumnsContainingAsync(_app, "\r\n" + marker));
                Assert.NotEmpty(await TextColumnsContainingAsync(_app, "First line\n" + marker));
                saved.Add(form.Where);
            }
        }

        Assert.True(saved.Count >= 8, $"only {saved.Count} forms with text areas saved: {string.Join("; ", saved)}");
    }

    [Fact]
    public async Task EveryForm_ImpossibleDateOrNegativeNumber_ValidationMessageNoCrashNothingLost()
    {
        var problems = new List<string>();
        var formsTried = 0;
        foreach (var form in await FormsAsync())
        {
            var numbers = form.Form.QuerySelectorAll("input[inputmode=numeric]").Select(e => e.GetAttribute("name")).OfType<string>().ToList();
            if (numbers.Count == 0 || numbers.Any(n => n.EndsWith("Code", StringComparison.Ordinal)))
            {
                continue; // security-code forms have their own tests (a wrong code is not a bad number)
            }

            formsTried++;
            var fields = FormSubmission.Values(form.Form).Where(f => !numbers.Contains(f.Key)).ToList();
            fields.AddRange(numbers.Select(n => new KeyValuePair<string, string>(n, n.EndsWith(".Day", StringComparison.Ordinal) ? "31"
                : n.EndsWith(".Month", StringComparison.Ordinal) ? "2"
                : n.EndsWith(".Year", StringComparison.Ordinal) ? "2027"
                : "-5")));
            using var content = new FormUrlEncodedContent(fields);
            using var result = await form.Client.PostAsync(new Uri(form.Action, UriKind.Relative), content);
            await ExpectRefusedAsync(form, result, numbers, value => value is "31" or "-5", problems);
        }

        Assert.True(formsTried >= 3, $"only {formsTried} forms with dates or numbers were found to try");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task EveryUpload_TooBigOrWrongType_ValidationMessageNoCrash()
    {
        var problems = new List<string>();
        var formsTried = 0;
        foreach (var form in await FormsAsync())
        {
            foreach (var input in form.Form.QuerySelectorAll("input[type=file]"))
            {
                formsTried++;
                var allowed = (input.GetAttribute("accept") ?? ".pdf").Split(',')[0].Trim();
                var extension = allowed.StartsWith('.') ? allowed : ".pdf";
                var uploads = new (string Name, string Type, byte[] Bytes)[]
                {
                    ("too-big" + extension, "application/octet-stream", new byte[26 * 1024 * 1024]),
                    ("program.exe", "application/x-msdownload", [0x4D, 0x5A, 0x90, 0x00, 0x03]),
                    ("disguised" + extension, "application/x-msdownload", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
                };
                foreach (var (name, type, bytes) in uploads)
                {
                    using var content = new MultipartFormDataContent();
                    foreach (var (key, value) in FormSubmission.Values(form.Form))
                    {
                        content.Add(new StringContent(value), key);
                    }

                    var file = new ByteArrayContent(bytes);
                    file.Headers.ContentType = new MediaTypeHeaderValue(type);
                    content.Add(file, input.GetAttribute("name")!, name);
                    using var result = await form.Client.PostAsync(new Uri(form.Action, UriKind.Relative), content);
                    await ExpectRefusedAsync(form with { Where = $"{form.Where} with {name}" }, result, [], _ => true, problems);
                }
            }
        }

        Assert.True(formsTried >= 1, "no upload forms were found to try");
        Assert.Empty(problems);
    }

    private sealed record Setup(int Id, TestUser Organiser, PortalSeeds Seeds);

    // The three sweeps share one fixture database; the "first rows" below exist once, however many sweeps run.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestApp, Task<Setup>> Setups = [];

    private static async Task<Setup> SetUpAsync(TestApp app)
    {
        // Something to edit behind every organiser {id}: this fixture's database is new, so these are the first rows.
        var organisation = await app.CreateOrganisationAsync($"Fuzz Ltd {Guid.NewGuid():N}");
        var roundtable = await Invitations.InvitationTestData.CreateRoundtableAsync(app);
        Assert.Equal(organisation.Id, roundtable.Id);
        var organiser = await app.CreateUserAsync(Roles.Organiser);
        var fuzzAction = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var added = db.FollowUpActions.Add(new Core.Actions.FollowUpAction
            {
                RoundtableId = roundtable.Id, Title = "Fuzz action", OwnerKind = Core.Actions.ActionOwnerKind.Staff, OwnerUserId = organiser.Id,
                StaffLeadUserId = organiser.Id, DueDate = DateOnly.FromDateTime(now).AddDays(7), CreatedUtc = now, UpdatedUtc = now,
            });
            await db.SaveChangesAsync();
            return added.Entity;
        });
        Assert.Equal(organisation.Id, fuzzAction.Id);
        using var client = await app.SignedInClientAsync(organiser);

        // The organisation's contact, its invitation to the roundtable (so "record a reply" has a form), an agenda item
        // and a proposal: each the first of its kind, so the {id} routes of their forms open too.
        var contact = (await Invitations.InvitationTestData.AddContactsAsync(app, organisation, 1, primaries: 1)).Single();
        var (invitationId, proposalId) = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var invitation = new Core.Invitations.Invitation { RoundtableId = roundtable.Id, OrganisationId = organisation.Id, CreatedUtc = now };
            invitation.Recipients.Add(new Core.Invitations.InvitationRecipient
            {
                ContactId = contact.Id, Email = contact.Email, Name = contact.FullName, TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                TokenIssuedUtc = now, CreatedUtc = now,
            });
            db.Invitations.Add(invitation);
            var proposal = db.Proposals.Add(new Core.Agenda.Proposal
            {
                RoundtableId = roundtable.Id, OrganisationId = organisation.Id, SubmittedByUserId = organiser.Id, SubmittedByName = "Fuzz", Text = "Fuzz topic", CreatedUtc = now,
            });
            await db.SaveChangesAsync();
            return (invitation.Id, proposal.Entity.Id);
        });
        var itemId = await Agenda.AgendaTestData.AddItemAsync(app, client, roundtable.Id, Agenda.AgendaTestData.ItemFields("Fuzz item"));
        Assert.All(new[] { contact.Id, invitationId, proposalId, itemId }, id => Assert.Equal(organisation.Id, id));
        return new Setup(organisation.Id, organiser, await PortalSeeds.CreateAsync(app, client, "Fuzz Supplier Ltd"));
    }

    // The forms, fetched once for the sweeps that follow: every page of the app is asked for, and nothing a sweep posts is
    // kept (a sweep that kept something fails), except in the text-area sweep, which drops them.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestApp, Task<List<FormUnderTest>>> Forms = [];

    private Task<List<FormUnderTest>> FormsAsync() => Forms.GetValue(_app, _ => FetchFormsAsync());

    /// <summary>Every form on every page an organiser (ids: this fixture's first rows) or a supplier (ids: its own things) can open.</summary>
    private async Task<List<FormUnderTest>> FetchFormsAsync()
    {
        var (id, organiserUser, seeds) = await Setups.GetValue(_app, SetUpAsync);
        var organiser = await _app.SignedInClientAsync(organiserUser);
        var supplier = await _app.SignedInClientAsync(seeds.Supplier);

        var gets = AppRoute.All(_app).Where(r => r.Method == "GET" && !r.Anonymous && !r.Template.StartsWith("hangfire", StringComparison.Ordinal)).ToList();
        var pages = gets.Where(r => r.Policy != Policies.Supplier)
            .Select(r => (organiser, "/" + Parameter().Replace(r.Template, _ => id.ToString(CultureInfo.InvariantCulture))))
            .Concat(gets.Where(r => r.Policy == Policies.Supplier).Select(r => (supplier, seeds.Fill(r.Template).Path ?? "")))
            .Where(p => p.Item2.Length > 0)
            .Distinct()
            .ToList();

        var forms = new List<FormUnderTest>();
        foreach (var (client, path) in pages)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await response.ToDocumentAsync();
            foreach (var form in page.QuerySelectorAll<IHtmlFormElement>("main form[method=post]"))
            {
                var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? path : form.GetAttribute("action")!;
                forms.Add(new FormUnderTest(client, $"{path} -> POST {action}", action, form));
            }
        }

        return forms;
    }

    private static async Task ExpectRefusedAsync(FormUnderTest form, HttpResponseMessage result, List<string> typed, Func<string, bool> isWhatWasTyped, List<string> problems)
    {
        if ((int)result.StatusCode >= 500)
        {
            problems.Add($"{form.Where}: {(int)result.StatusCode}");
        }
        else if (result.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
        {
            problems.Add($"{form.Where}: accepted the bad input and redirected to {result.Headers.Location}");
        }
        else if (result.StatusCode == HttpStatusCode.OK)
        {
            var after = await result.ToDocumentAsync();
            if (after.QuerySelector(".govuk-error-summary") is null)
            {
                problems.Add($"{form.Where}: no error summary");
            }

            if (typed.Count > 0 && !typed.Any(n => after.QuerySelector($"[name='{n}']") is IElement e && isWhatWasTyped((e as IHtmlInputElement)?.Value ?? e.TextContent)))
            {
                problems.Add($"{form.Where}: what was typed was lost");
            }
        }
    }

    /// <summary>Text boxes (not text areas, numbers, passwords or security codes): where a line break has no business.</summary>
    private static List<string> SingleLineFields(IHtmlFormElement form) =>
        form.QuerySelectorAll("input[type=text]:not([inputmode=numeric]), input[type=email], input[type=tel], input[type=url], input[type=search], input:not([type])")
            .Select(e => e.GetAttribute("name")).OfType<string>().Where(n => n.Length > 0).Distinct().ToList();

    /// <summary>"table.column" for every text column of every table holding <paramref name="value"/>.</summary>
    internal static async Task<List<string>> TextColumnsContainingAsync(TestApp app, string value)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var found = new List<string>();
        foreach (var table in tables)
        {
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name, type FROM pragma_table_info('{table}')";
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (reader.GetString(1).Contains("TEXT", StringComparison.OrdinalIgnoreCase) || reader.GetString(1).Length == 0)
                    {
                        columns.Add(reader.GetString(0));
                    }
                }
            }

            foreach (var column in columns)
            {
                await using var query = connection.CreateCommand();
                query.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS TEXT), $value) > 0";
                query.Parameters.AddWithValue("$value", value);
                if (Convert.ToInt64(await query.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
                {
                    found.Add($"{table}.{column}");
                }
            }
        }

        return found;
    }

    private static List<KeyValuePair<string, string>> Hidden(IHtmlFormElement form) =>
        form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
