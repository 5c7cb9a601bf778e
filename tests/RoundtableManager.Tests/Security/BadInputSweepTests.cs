using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RoundtableManager.Core.Identity;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// Every form an organiser can reach is sent hostile input: text far over any limit, control characters, HTML and
/// script, a right-to-left override. None may fail with a 5xx, echo script unescaped, or accept the input.
/// </summary>
public sealed partial class BadInputSweepTests : IClassFixture<TestApp>
{
    private const string Script = "<script>alert('x')</script>";
    private static readonly string Hostile = Script + "\u0001\u0007\u202E<img src=x onerror=alert(1)>" + new string('W', 10_000);

    private readonly TestApp _app;

    public BadInputSweepTests(TestApp app) => _app = app;

    [Fact]
    public async Task EveryForm_HostileInput_ValidationMessageNoCrashNothingSavedNothingLost()
    {
        // Something to edit behind every {id}: this fixture's database is new, so these are the first rows.
        var organisation = await _app.CreateOrganisationAsync($"Fuzz Ltd {Guid.NewGuid():N}");
        var roundtable = await Invitations.InvitationTestData.CreateRoundtableAsync(_app);
        Assert.Equal(organisation.Id, roundtable.Id);
        var organiser = await _app.CreateUserAsync(Roles.Organiser);
        var fuzzAction = await _app.WithDbAsync(async db =>
        {
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            var added = db.FollowUpActions.Add(new Core.Actions.FollowUpAction
            {
                RoundtableId = roundtable.Id, Title = "Fuzz action", OwnerKind = Core.Actions.ActionOwnerKind.Staff, OwnerUserId = organiser.Id,
                StaffLeadUserId = organiser.Id, DueDate = DateOnly.FromDateTime(now).AddDays(7), CreatedUtc = now, UpdatedUtc = now,
            });
            await db.SaveChangesAsync();
            return added.Entity;
        });
        Assert.Equal(organisation.Id, fuzzAction.Id);
        using var client = await _app.SignedInClientAsync(organiser);
        var pages = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET"))
            .Select(e => "/" + Parameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), _ => organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Where(p => !p.Contains('{', StringComparison.Ordinal) && !p.StartsWith("/error", StringComparison.Ordinal) && !p.StartsWith("/hangfire", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        var problems = new List<string>();
        var formsTried = 0;
        foreach (var path in pages)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await response.ToDocumentAsync();
            foreach (var form in page.QuerySelectorAll<IHtmlFormElement>("main form[method=post]"))
            {
                var texts = form.QuerySelectorAll("input[type=text], input[type=email], input[type=tel], input[type=url], input:not([type]), textarea")
                    .Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n)).Distinct().ToList();
                if (texts.Count == 0)
                {
                    continue;
                }

                formsTried++;
                var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? path : form.GetAttribute("action")!;
                var fields = new List<KeyValuePair<string, string>>();
                foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
                {
                    fields.Add(new(input.GetAttribute("name")!, input.GetAttribute("value") ?? ""));
                }

                fields.AddRange(texts.Select(n => new KeyValuePair<string, string>(n!, Hostile)));
                using var content = new FormUrlEncodedContent(fields);
                using var result = await client.PostAsync(new Uri(action, UriKind.Relative), content);
                var html = await result.Content.ReadAsStringAsync();
                var where = $"{path} -> POST {action}";
                if ((int)result.StatusCode >= 500)
                {
                    problems.Add($"{where}: {(int)result.StatusCode}");
                }
                else if (result.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
                {
                    problems.Add($"{where}: accepted the hostile input and redirected to {result.Headers.Location}");
                }
                else if (html.Contains(Script, StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal))
                {
                    problems.Add($"{where}: echoed script or HTML unescaped");
                }
                else if (result.StatusCode == HttpStatusCode.OK)
                {
                    var after = await result.ToDocumentAsync();
                    if (after.QuerySelector(".govuk-error-summary") is null)
                    {
                        problems.Add($"{where}: no error summary");
                    }

                    var kept = texts.Count(n => after.QuerySelector($"[name='{n}']") is IElement e
                        && ((e as IHtmlInputElement)?.Value ?? e.TextContent).StartsWith(Script, StringComparison.Ordinal));
                    if (kept == 0)
                    {
                        problems.Add($"{where}: what was typed was lost");
                    }
                }
            }
        }

        Assert.True(formsTried >= 8, $"only {formsTried} forms were found to try");
        Assert.Empty(problems);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
