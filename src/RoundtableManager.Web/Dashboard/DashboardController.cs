using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Roundtables;

namespace RoundtableManager.Web.Dashboard;

[Authorize(Policy = Policies.Staff)]
public sealed class DashboardController(RoundtableQueries roundtables, TimeProvider time) : Controller
{
    [HttpGet("dashboard")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var all = await roundtables.SummariesAsync(cancellationToken);
        return View(new DashboardModel(
            all.Where(r => r.EndsUtc >= now).ToList(),
            all.Where(r => r.EndsUtc < now).OrderByDescending(r => r.StartsUtc).ToList()));
    }
}

public sealed record DashboardModel(IReadOnlyList<RoundtableSummary> Upcoming, IReadOnlyList<RoundtableSummary> Past);
