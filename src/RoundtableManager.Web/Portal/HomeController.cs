using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Rsvp;
using RoundtableManager.Web.Infrastructure.Authorization;

namespace RoundtableManager.Web.Portal;

[Area("Portal")]
[Authorize(Policy = Policies.Supplier)]
public sealed class HomeController(AppDbContext db, ResponsesService responses) : Controller
{
    [HttpGet("portal")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var organisationId = User.OrganisationId();
        var name = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == organisationId)
            .Select(o => o.Name)
            .SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        return View(new PortalHomeModel(name, await responses.AnswersAsync(null, organisationId, null, cancellationToken)));
    }
}

public sealed record PortalHomeModel(string OrganisationName, IReadOnlyList<AnswerView> Invitations);
