using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Invitations;
using RoundtableManager.Core.Roundtables;

namespace RoundtableManager.Web.Dashboard;

[Authorize(Policy = Policies.Staff)]
public sealed class DashboardController(AppDbContext db, TimeProvider time) : Controller
{
    [HttpGet("dashboard")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var roundtables = await db.Roundtables.AsNoTracking()
            .OrderBy(r => r.StartsUtc)
            .Select(r => new DashboardRoundtable(r.Id, r.Title, r.StartsUtc, r.EndsUtc, r.Status,
                db.Invitations.Count(i => i.RoundtableId == r.Id && i.RevokedUtc == null),
                db.Invitations.Count(i => i.RoundtableId == r.Id && i.RevokedUtc == null && i.Response == InvitationResponse.Accepted),
                db.Invitations.Count(i => i.RoundtableId == r.Id && i.RevokedUtc == null && i.Response == InvitationResponse.Declined)))
            .ToListAsync(cancellationToken);
        return View(new DashboardModel(
            roundtables.Where(r => r.EndsUtc >= now).ToList(),
            roundtables.Where(r => r.EndsUtc < now).OrderByDescending(r => r.StartsUtc).ToList()));
    }
}

public sealed record DashboardRoundtable(int Id, string Title, DateTime StartsUtc, DateTime EndsUtc, RoundtableStatus Status, int Invited, int Accepted, int Declined)
{
    public int NoReply => Invited - Accepted - Declined;
}

public sealed record DashboardModel(IReadOnlyList<DashboardRoundtable> Upcoming, IReadOnlyList<DashboardRoundtable> Past);
