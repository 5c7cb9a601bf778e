using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Invitations;
using RoundtableManager.Core.Roundtables;
using RoundtableManager.Web.Infrastructure;

namespace RoundtableManager.Web.Roundtables;

[Route("roundtables")]
public sealed class RoundtablesController(AppDbContext db, RoundtableService roundtables, InvitationService invitations) : Controller
{
    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("new")]
    public IActionResult New() => View(new RoundtableForm());

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("new")]
    public async Task<IActionResult> New(RoundtableForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var details = form.Validate(ModelState);
        if (details is null)
        {
            return View(form);
        }

        var created = await roundtables.CreateAsync(details, cancellationToken);
        if (created.Outcome == RoundtableChange.Invalid)
        {
            ModelState.AddFieldErrors(created.Errors);
            return View(form);
        }

        this.ShowSuccess($"Roundtable created: {form.Title!.Trim()}");
        return RedirectToAction(nameof(Show), new { id = created.Id });
    }

    [Authorize(Policy = Policies.Staff)]
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (roundtable is null)
        {
            return NotFound();
        }

        var emailCounts = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.RoundtableId == id)
            .GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var list = await invitations.ListAsync(id, null, cancellationToken);
        return View(new RoundtablePage(roundtable, list, emailCounts, User.IsInRole(Roles.Organiser)));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (roundtable is null)
        {
            return NotFound();
        }

        if (roundtable.Status == RoundtableStatus.Cancelled)
        {
            return RedirectToAction(nameof(Show), new { id });
        }

        ViewData["RoundtableId"] = id;
        return View(RoundtableForm.From(roundtable));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, RoundtableForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ViewData["RoundtableId"] = id;
        var details = form.Validate(ModelState);
        if (details is null)
        {
            return View(form);
        }

        var result = await roundtables.UpdateAsync(id, details, cancellationToken);
        switch (result.Outcome)
        {
            case RoundtableChange.NotFound:
                return NotFound();
            case RoundtableChange.Cancelled:
                ModelState.AddModelError("", "This roundtable has been cancelled, so it cannot be changed");
                return View(form);
            case RoundtableChange.Invalid:
                ModelState.AddFieldErrors(result.Errors);
                return View(form);
        }

        this.ShowSuccess(result.EmailsQueued > 0
            ? $"Roundtable updated. An updated calendar entry is on its way to {Plural.Count(result.EmailsQueued, "person")}."
            : "Roundtable updated");
        return RedirectToAction(nameof(Show), new { id });
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("{id:int}/cancel")]
    public async Task<IActionResult> Cancel(int id, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (roundtable is null)
        {
            return NotFound();
        }

        var people = await db.InvitationRecipients.CountAsync(r => r.Invitation.RoundtableId == id && r.RevokedUtc == null && r.Invitation.RevokedUtc == null, cancellationToken);
        return View(new CancelRoundtablePage(roundtable, people));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/cancel")]
    [ActionName(nameof(Cancel))]
    public async Task<IActionResult> CancelConfirmed(int id, CancellationToken cancellationToken)
    {
        var result = await roundtables.CancelAsync(id, cancellationToken);
        if (result.Outcome == RoundtableChange.NotFound)
        {
            return NotFound();
        }

        this.ShowSuccess(result.Outcome == RoundtableChange.Cancelled
            ? "This roundtable was already cancelled"
            : $"Roundtable cancelled. A cancellation is on its way to {Plural.Count(result.EmailsQueued, "person")}.");
        return RedirectToAction(nameof(Show), new { id });
    }
}

public sealed record CancelRoundtablePage(Roundtable Roundtable, int PeopleInvited);
