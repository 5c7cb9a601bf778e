namespace RoundtableManager.Web.Roundtables;

[Authorize(Policy = Policies.Staff)]
[Route("roundtables")]
public sealed class RoundtablesController(RoundtableQueries queries, RoundtableService roundtables, InvitationService invitations) : Controller
{
    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("new")]
    public IActionResult New() => View(new RoundtableForm());

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("new")]
    public async Task<IActionResult> New(RoundtableForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var details = form.Parse(ModelState);
        if (details is null)
        {
            return View(form);
        }

        var created = await roundtables.CreateAsync(details, cancellationToken);
        return this.ShowResult(created, $"Roundtable created: {form.Title?.Trim()}")
            ? RedirectToAction(nameof(Show), new { id = created.Value })
            : View(form);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        await this.ViewOrNotFoundAsync(await queries.FindAsync(id, cancellationToken), async roundtable =>
        {
            var emailCounts = await queries.EmailCountsAsync(id, cancellationToken);
            var list = await invitations.ListAsync(id, null, cancellationToken);
            var series = await queries.SeriesAsync(roundtable, cancellationToken);
            return new RoundtablePage(roundtable, list, emailCounts, User.IsInRole(Roles.Organiser), series);
        });

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var roundtable = await queries.FindAsync(id, cancellationToken);
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
        var details = form.Parse(ModelState);
        if (details is null)
        {
            return View(form);
        }

        var result = await roundtables.UpdateAsync(id, details, cancellationToken);
        var banner = result.Value > 0
            ? $"Roundtable updated. An updated calendar entry is on its way to {Plural.Count(result.Value, "person")}."
            : "Roundtable updated";
        return this.ShowResult(result, banner, () => RedirectToAction(nameof(Show), new { id }), () => View(form));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("{id:int}/cancel")]
    public async Task<IActionResult> Cancel(int id, CancellationToken cancellationToken) =>
        await this.ViewOrNotFoundAsync(await queries.FindAsync(id, cancellationToken), async roundtable =>
            new CancelRoundtablePage(roundtable, await queries.PeopleInvitedAsync(id, cancellationToken)));

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/cancel")]
    [ActionName(nameof(Cancel))]
    public async Task<IActionResult> CancelConfirmed(int id, CancellationToken cancellationToken)
    {
        var result = await roundtables.CancelAsync(id, cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        this.ShowSuccess(result.Status == CommandStatus.Unchanged
            ? "This roundtable was already cancelled"
            : $"Roundtable cancelled. A cancellation is on its way to {Plural.Count(result.Value, "person")}.");
        return RedirectToAction(nameof(Show), new { id });
    }
}

public sealed record CancelRoundtablePage(Roundtable Roundtable, int PeopleInvited);
