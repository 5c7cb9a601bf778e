namespace RoundtableManager.Web.Agenda;

[Authorize(Policy = Policies.Staff)]
[Route("roundtables/{roundtableId:int}/proposals")]
public sealed class ProposalsController(ProposalService proposals, AgendaService agenda, RoundtableQueries roundtables) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int roundtableId, CancellationToken cancellationToken)
    {
        if (!this.NameRoundtable(roundtableId, await roundtables.TitleAsync(roundtableId, cancellationToken)))
        {
            return NotFound();
        }

        return View(await proposals.ListForRoundtableAsync(roundtableId, cancellationToken));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int roundtableId, int id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await PageAsync(roundtableId, id, cancellationToken));

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/accept")]
    public Task<IActionResult> Accept(int roundtableId, int id, int? agendaItemId, CancellationToken cancellationToken) =>
        TriageAsync(roundtableId, id, () => proposals.AcceptAsync(id, agendaItemId, cancellationToken),
            agendaItemId is null ? "Proposal accepted as a new agenda item" : "Proposal accepted into an agenda item", cancellationToken);

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/merge")]
    public Task<IActionResult> Merge(int roundtableId, int id, int duplicateOfId, CancellationToken cancellationToken) =>
        TriageAsync(roundtableId, id, () => proposals.MergeAsync(id, duplicateOfId, cancellationToken), "Proposal marked as a duplicate", cancellationToken);

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("{id:int}/decline")]
    public async Task<IActionResult> Decline(int roundtableId, int id, string? reason, CancellationToken cancellationToken)
    {
        ModelState.AddFieldErrors(AgendaRules.CheckDeclineReason(reason));
        if (!ModelState.IsValid)
        {
            return await ShowAgainAsync(roundtableId, id, cancellationToken);
        }

        return await TriageAsync(roundtableId, id, () => proposals.DeclineAsync(id, reason, cancellationToken), "Proposal declined. The supplier can see your reason.", cancellationToken);
    }

    private async Task<ProposalPage?> PageAsync(int roundtableId, int id, CancellationToken cancellationToken)
    {
        var proposal = await proposals.FindAsync(id, cancellationToken);
        if (proposal is null || proposal.RoundtableId != roundtableId)
        {
            return null;
        }

        var items = await agenda.ListItemTitlesAsync(roundtableId, cancellationToken);
        var others = (await proposals.ListForRoundtableAsync(roundtableId, cancellationToken))
            .Where(p => p.Id != id && p.Status is ProposalStatus.Submitted or ProposalStatus.Accepted)
            .Select(p => new SelectListItem($"{p.OrganisationName}: {Shorten(p.Text)}", p.Id.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        return new ProposalPage
        {
            Proposal = proposal,
            Items = [new SelectListItem("A new agenda item made from this proposal", ""), .. items.Select(i => new SelectListItem(i.Title, i.Id.ToString(CultureInfo.InvariantCulture)))],
            Others = others,
            CanTriage = User.IsInRole(Roles.Organiser),
        };
    }

    /// <summary>The proposal page again with the errors in ModelState and what was typed kept (the tag helpers read it back).</summary>
    private async Task<IActionResult> ShowAgainAsync(int roundtableId, int id, CancellationToken cancellationToken)
    {
        var page = await PageAsync(roundtableId, id, cancellationToken);
        return page is null ? NotFound() : View(nameof(Show), page);
    }

    private async Task<IActionResult> TriageAsync(int roundtableId, int id, Func<Task<CommandResult>> action, string success, CancellationToken cancellationToken)
    {
        if (!await proposals.BelongsAsync(roundtableId, id, cancellationToken))
        {
            return NotFound();
        }

        return this.ShowResult(await action(), success)
            ? RedirectToAction(nameof(Index), new { roundtableId })
            : await ShowAgainAsync(roundtableId, id, cancellationToken);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}

/// <summary>A proposal and the organiser's triage forms; the three form fields are bound back when a choice is refused.</summary>
public sealed class ProposalPage
{
    public required ProposalView Proposal { get; init; }

    public required IReadOnlyList<SelectListItem> Items { get; init; }

    public required IReadOnlyList<SelectListItem> Others { get; init; }

    public bool CanTriage { get; init; }

    public int? AgendaItemId { get; set; }

    public int? DuplicateOfId { get; set; }

    public string? Reason { get; set; }
}
