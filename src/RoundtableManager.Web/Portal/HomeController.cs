namespace RoundtableManager.Web.Portal;

[Area("Portal")]
[Authorize(Policy = Policies.Supplier)]
public sealed class HomeController(SupplierDirectoryQueries directory, ResponsesService responses) : Controller
{
    [HttpGet("portal")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var organisationId = User.OrganisationId();
        var name = await directory.OrganisationNameAsync(organisationId, cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        return View(new PortalHomeModel(name, await responses.AnswersAsync(null, organisationId, null, cancellationToken)));
    }
}

public sealed record PortalHomeModel(string OrganisationName, IReadOnlyList<AnswerView> Invitations);
