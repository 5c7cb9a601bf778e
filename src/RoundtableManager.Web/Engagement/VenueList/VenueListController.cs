using RoundtableManager.Core.Engagement.VenueList;

namespace RoundtableManager.Web.Engagement.VenueList;

/// <summary>
/// For the day: the list of confirmed delegates to send to the venue (page, CSV and XLSX) and the sign-in sheet. Organisers
/// may include the delegates' access needs; staff get the list without them.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class VenueListController(VenueListQueries venue) : Controller
{
    [HttpGet("roundtables/{id:int}/venue-list")]
    public async Task<IActionResult> Index(int id, bool needs, CancellationToken cancellationToken)
    {
        var list = await venue.ListAsync(id, needs && User.IsInRole(Roles.Organiser), cancellationToken);
        if (list is null)
        {
            return NotFound();
        }

        if (list.IncludesNeeds)
        {
            await venue.RecordNeedsDisclosedAsync(list, "shown", cancellationToken);
        }

        return View(new VenueListPage(list, User.IsInRole(Roles.Organiser)));
    }

    [HttpGet("roundtables/{id:int}/venue-list.{format}")]
    public async Task<IActionResult> Download(int id, string format, bool needs, CancellationToken cancellationToken)
    {
        if (!TableDownload.IsFormat(format) || await venue.ListAsync(id, needs && User.IsInRole(Roles.Organiser), cancellationToken) is not { } list)
        {
            return NotFound();
        }

        if (list.IncludesNeeds)
        {
            await venue.RecordNeedsDisclosedAsync(list, $"downloaded as {format.ToUpperInvariant()}", cancellationToken);
        }

        return TableDownload.File(VenueListQueries.Table(list), format, $"roundtable-{id}-venue-list{(list.IncludesNeeds ? "-with-access-needs" : "")}")!;
    }

    [HttpGet("roundtables/{id:int}/sign-in-sheet")]
    public async Task<IActionResult> SignInSheet(int id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await venue.ListAsync(id, includeNeeds: false, cancellationToken));
}

public sealed record VenueListPage(Core.Engagement.VenueList.VenueList List, bool CanIncludeNeeds)
{
    public string Query => List.IncludesNeeds ? "?needs=true" : "";
}
