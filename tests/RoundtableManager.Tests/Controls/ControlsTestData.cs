using System.Globalization;

namespace RoundtableManager.Tests.Controls;

/// <summary>The tests of supplier security controls (issue #20) share one host: each makes its own roundtable, organisations and sets.</summary>
[CollectionDefinition(ControlsTestData.Host)]
public sealed class ControlsHost : ICollectionFixture<TestApp>;

/// <summary>A supplier organisation asked to assess itself against a set for a roundtable, and its answers by control id.</summary>
internal sealed record AssessedSupplier(Roundtable Roundtable, Organisation Organisation, TestUser User, string RecipientEmail, IReadOnlyDictionary<string, int> Answers);

internal static class ControlsTestData
{
    public const string Host = "Shared host: security controls";

    public static async Task<HttpClient> OrganiserAsync(TestApp app) => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    /// <summary>Creates a set through the page and returns its id.</summary>
    public static async Task<int> CreateSetAsync(TestApp app, HttpClient organiser, string name, string marking = "", params (string Code, string Title)[] controls)
    {
        using var created = await organiser.PostFormAsync("/controls/sets/new", "/controls/sets/new", new Dictionary<string, string>
        {
            ["Name"] = name, ["Source"] = "Our contract schedule 7", ["Description"] = "", ["Marking"] = marking,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var normalised = ControlSet.Normalise(name);
        var id = await app.WithDbAsync(db => db.ControlSets.Where(s => s.NormalisedName == normalised).Select(s => s.Id).SingleAsync());
        foreach (var (code, title) in controls)
        {
            var path = $"/controls/sets/{id}/controls/new";
            using var added = await organiser.PostFormAsync(path, path, new Dictionary<string, string> { ["Code"] = code, ["Title"] = title, ["Guidance"] = "", ["Source"] = "" });
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        return id;
    }

    /// <summary>Adopts a set for the organisations of a roundtable that accepted, through the page.</summary>
    public static async Task<HttpResponseMessage> AdoptForRoundtableAsync(HttpClient organiser, int setId, int roundtableId, bool acceptedOnly = true)
    {
        var path = $"/controls/sets/{setId}/adopt";
        return await organiser.PostFormAsync(path, path, new Dictionary<string, string>
        {
            ["Target"] = "roundtable",
            ["RoundtableId"] = roundtableId.ToString(CultureInfo.InvariantCulture),
            ["Which"] = acceptedOnly ? "accepted" : "invited",
        });
    }

    /// <summary>A new roundtable, an organisation that accepted it (with a supplier account), and the set adopted for it.</summary>
    public static async Task<AssessedSupplier> AssessedSupplierAsync(TestApp app, HttpClient organiser, int setId, string name = "Assessed Ltd")
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var (organisation, user, email) = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Accepted, name);
        using var adopted = await AdoptForRoundtableAsync(organiser, setId, roundtable.Id);
        Assert.Equal(HttpStatusCode.Redirect, adopted.StatusCode);
        return new AssessedSupplier(roundtable, organisation, user, email, await AnswersAsync(app, organisation.Id));
    }

    public static async Task<IReadOnlyDictionary<string, int>> AnswersAsync(TestApp app, int organisationId) =>
        await app.WithDbAsync(db => db.ControlAnswers.Where(a => a.OrganisationId == organisationId)
            .Select(a => new { a.Control.Code, a.Id }).ToDictionaryAsync(a => a.Code, a => a.Id));

    /// <summary>The supplier's answer form fields; the version is read from the page.</summary>
    public static async Task<HttpResponseMessage> AnswerAsync(HttpClient supplier, int answerId, string status, DateOnly? target = null, string reason = "", string comment = "")
    {
        var path = $"/portal/controls/{answerId}";
        var page = await supplier.GetDocumentAsync(path);
        var version = page.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        return await supplier.PostFormAsync(path, path, new Dictionary<string, string>
        {
            ["Version"] = version,
            ["Status"] = status,
            ["TargetDate.Day"] = target?.Day.ToString(CultureInfo.InvariantCulture) ?? "",
            ["TargetDate.Month"] = target?.Month.ToString(CultureInfo.InvariantCulture) ?? "",
            ["TargetDate.Year"] = target?.Year.ToString(CultureInfo.InvariantCulture) ?? "",
            ["NotApplicableReason"] = reason,
            ["Comment"] = comment,
        });
    }

    /// <summary>Posts a staff form on the answer page (verify or return) with the version the page shows.</summary>
    public static async Task<HttpResponseMessage> StaffAsync(HttpClient staff, int answerId, string action, string reason = "")
    {
        var path = $"/controls/answers/{answerId}";
        var page = await staff.GetDocumentAsync(path);
        var version = page.QuerySelector("input[name=Version]")?.GetAttribute("value") ?? "0";
        return await staff.PostFormAsync(path, $"{path}/{action}", new Dictionary<string, string> { ["Version"] = version, ["ReturnReason"] = reason });
    }

    public static DateOnly Today(TestApp app) => DateOnly.FromDateTime(Core.Common.UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime));
}
