namespace RoundtableManager.Web.Agenda.Portal;

[Area("Portal")]
[Authorize(Policy = Policies.Supplier)]
public sealed class AgendaController(AgendaService agenda) : Controller
{
    /// <summary>Only for an organisation that accepted, once published; anyone else gets the same 404.</summary>
    [HttpGet("portal/roundtables/{roundtableId:int}/agenda")]
    public async Task<IActionResult> Index(int roundtableId, CancellationToken cancellationToken)
    {
        if (User.OrganisationId() is not { } organisationId || !await agenda.CanOrganisationSeeAsync(roundtableId, organisationId, cancellationToken))
        {
            return NotFound();
        }

        var view = await agenda.GetAsync(roundtableId, AgendaAudience.Supplier, cancellationToken);
        return this.ViewOrNotFound(view);
    }
}
