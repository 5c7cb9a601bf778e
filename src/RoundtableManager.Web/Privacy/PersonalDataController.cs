using System.Text.Json;

namespace RoundtableManager.Web.Privacy;

/// <summary>
/// Subject access and erasure on request. The email address travels only in POST bodies, never in a URL, so it is
/// not written to logs, browser history or Referer headers.
/// </summary>
[Authorize(Policy = Policies.Organiser)]
public sealed class PersonalDataController(PrivacyService privacy, TimeProvider time) : Controller
{
    private static readonly JsonSerializerOptions ExportJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    [HttpGet("personal-data")]
    public IActionResult Index() => View(new PersonSearchModel());

    [HttpPost("personal-data")]
    public Task<IActionResult> Find(PersonSearchModel model, CancellationToken cancellationToken) =>
        WithPersonAsync(model, privacy.FindAsync, found => View("Person", found), cancellationToken);

    [HttpPost("personal-data/export")]
    public Task<IActionResult> Export(PersonSearchModel model, string? format, CancellationToken cancellationToken) =>
        WithPersonAsync(model, privacy.ExportAsync, export => format == "html"
            ? View(export)
            : File(
                JsonSerializer.SerializeToUtf8Bytes(export, ExportJson),
                "application/json; charset=utf-8",
                string.Create(CultureInfo.InvariantCulture, $"personal-data-{time.GetUtcNow():yyyyMMdd-HHmmss}.json")),
            cancellationToken);

    [HttpPost("personal-data/erase/check")]
    public Task<IActionResult> CheckErase(PersonSearchModel model, CancellationToken cancellationToken) =>
        WithPersonAsync(model, privacy.FindAsync, found =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            ViewData["Upcoming"] = found.InvitationsReceived.Any(r => r.RoundtableStartsUtc > now && r.RevokedUtc is null);
            return View(found.Account is null ? "Erase" : "CannotErase", found);
        }, cancellationToken);

    [HttpPost("personal-data/erase")]
    public async Task<IActionResult> Erase(PersonSearchModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!IsValid(model))
        {
            return View(nameof(Index), model);
        }

        var result = await privacy.EraseAsync(model.Email!, cancellationToken);
        switch (result.Status)
        {
            case CommandStatus.NotAllowed:
                return View("CannotErase", await privacy.FindAsync(model.Email!, cancellationToken));
            case CommandStatus.NotFound:
                return NothingHeld(model);
            default:
                var c = result.Value;
                this.ShowSuccess($"Personal data erased: {Plural.Count(c.Contacts, "contact record")}, {Plural.Count(c.Recipients, "invitation recipient")}, {Plural.Count(c.Delegates, "delegate entry")} and {Plural.Count(c.Emails, "email")} anonymised");
                return Redirect("/personal-data");
        }
    }

    /// <summary>Back to the search form with its errors, or saying nothing is held; otherwise <paramref name="show"/> what was found.</summary>
    private async Task<IActionResult> WithPersonAsync(
        PersonSearchModel model, Func<string, CancellationToken, Task<PersonalDataExport>> find, Func<PersonalDataExport, IActionResult> show, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!IsValid(model))
        {
            return View(nameof(Index), model);
        }

        var found = await find(model.Email!, cancellationToken);
        return found.IsEmpty ? NothingHeld(model) : show(found);
    }

    private bool IsValid(PersonSearchModel model)
    {
        ModelState.AddFieldErrors(AccountRules.CheckEmail(model.Email, nameof(PersonSearchModel.Email), "name@example.com"));
        return ModelState.IsValid;
    }

    private ViewResult NothingHeld(PersonSearchModel model)
    {
        model.NothingFound = true;
        return View(nameof(Index), model);
    }
}

public sealed class PersonSearchModel
{
    /// <summary>Checked by <see cref="AccountRules.CheckEmail"/>.</summary>
    public string? Email { get; set; }

    public bool NothingFound { get; set; }
}
