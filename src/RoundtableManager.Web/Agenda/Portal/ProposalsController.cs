namespace RoundtableManager.Web.Agenda.Portal;

[Area("Portal")]
[Authorize(Policy = Policies.Supplier)]
public sealed class ProposalsController(ProposalService proposals) : Controller
{
    [HttpGet("portal/proposals")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (User.OrganisationId() is not { } organisationId)
        {
            return NotFound();
        }

        var invited = await proposals.ListInvitedAsync(organisationId, cancellationToken);
        var own = await proposals.ListForOrganisationAsync(organisationId, cancellationToken);
        return View(new PortalProposalsPage(invited, own));
    }

    [HttpGet("portal/roundtables/{roundtableId:int}/proposals/new")]
    public async Task<IActionResult> New(int roundtableId, CancellationToken cancellationToken)
    {
        if (!this.NameRoundtable(roundtableId, await RoundtableTitleAsync(roundtableId, cancellationToken)))
        {
            return NotFound();
        }

        return View(new ProposalForm());
    }

    [HttpPost("portal/roundtables/{roundtableId:int}/proposals/new")]
    public async Task<IActionResult> New(int roundtableId, ProposalForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!this.NameRoundtable(roundtableId, await RoundtableTitleAsync(roundtableId, cancellationToken)))
        {
            return NotFound();
        }

        if (!Enum.TryParse<AgendaCategory>(form.Category, out var category) || !Enum.IsDefined(category))
        {
            ModelState.AddModelError(nameof(ProposalForm.Category), "Select the category");
        }

        ModelState.AddFieldErrors(AgendaRules.CheckProposal(form.Text));
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var by = (User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", User.DisplayName());
        var saved = await proposals.SubmitAsync(roundtableId, User.OrganisationId()!.Value, by, category, form.Text, form.ShowWhoAsked, cancellationToken);
        if (saved.Status != CommandStatus.Done)
        {
            return NotFound();
        }

        this.ShowSuccess("Thank you. The organisers will consider your topic or question.");
        return RedirectToAction(nameof(Show), new { id = saved.Value });
    }

    [HttpGet("portal/proposals/{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var proposal = await proposals.FindAsync(id, cancellationToken);
        return proposal is null || proposal.OrganisationId != User.OrganisationId() ? NotFound() : View(proposal);
    }

    private async Task<string?> RoundtableTitleAsync(int roundtableId, CancellationToken cancellationToken)
    {
        if (User.OrganisationId() is not { } organisationId)
        {
            return null;
        }

        var invited = await proposals.ListInvitedAsync(organisationId, cancellationToken);
        return invited.SingleOrDefault(r => r.RoundtableId == roundtableId && r.Response != Core.Invitations.InvitationResponse.Declined)?.Title;
    }
}

public sealed class ProposalForm
{
    public string? Category { get; set; }

    public string? Text { get; set; }

    public bool ShowWhoAsked { get; set; }
}

public sealed record PortalProposalsPage(IReadOnlyList<InvitedRoundtable> Roundtables, IReadOnlyList<ProposalView> Proposals);
