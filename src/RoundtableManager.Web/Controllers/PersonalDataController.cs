using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Privacy;

namespace RoundtableManager.Web.Controllers;

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
    public async Task<IActionResult> Find(PersonSearchModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), model);
        }

        var found = await privacy.FindAsync(model.Email!, cancellationToken);
        if (found.IsEmpty)
        {
            model.NothingFound = true;
            return View(nameof(Index), model);
        }

        return View("Person", found);
    }

    [HttpPost("personal-data/export")]
    public async Task<IActionResult> Export(PersonSearchModel model, string? format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), model);
        }

        var export = await privacy.ExportAsync(model.Email!, cancellationToken);
        if (export.IsEmpty)
        {
            model.NothingFound = true;
            return View(nameof(Index), model);
        }

        if (format == "html")
        {
            return View(export);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"personal-data-{time.GetUtcNow():yyyyMMdd-HHmmss}.json");
        return File(JsonSerializer.SerializeToUtf8Bytes(export, ExportJson), "application/json", name);
    }

    [HttpPost("personal-data/erase/check")]
    public async Task<IActionResult> CheckErase(PersonSearchModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), model);
        }

        var found = await privacy.FindAsync(model.Email!, cancellationToken);
        if (found.IsEmpty)
        {
            model.NothingFound = true;
            return View(nameof(Index), model);
        }

        var now = time.GetUtcNow().UtcDateTime;
        ViewData["Upcoming"] = found.InvitationsReceived.Any(r => r.RoundtableStartsUtc > now && r.RevokedUtc is null);
        return View(found.Account is null ? "Erase" : "CannotErase", found);
    }

    [HttpPost("personal-data/erase")]
    public async Task<IActionResult> Erase(PersonSearchModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), model);
        }

        var result = await privacy.EraseAsync(model.Email!, cancellationToken);
        switch (result.Outcome)
        {
            case ErasureOutcome.IsUserAccount:
                return View("CannotErase", await privacy.FindAsync(model.Email!, cancellationToken));
            case ErasureOutcome.NotFound:
                model.NothingFound = true;
                return View(nameof(Index), model);
            default:
                var c = result.Counts;
                TempData["Success"] = $"Personal data erased: {c.Contacts} contact records, {c.Recipients} invitation recipients, {c.Delegates} delegate entries and {c.Emails} emails anonymised";
                return Redirect("/personal-data");
        }
    }
}

public sealed class PersonSearchModel
{
    [Required(ErrorMessage = "Enter the person’s email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
    [StringLength(254, ErrorMessage = "Email address must be 254 characters or fewer")]
    public string? Email { get; set; }

    public bool NothingFound { get; set; }
}
