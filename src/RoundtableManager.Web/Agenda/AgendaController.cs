namespace RoundtableManager.Web.Agenda;

[Authorize(Policy = Policies.Staff)]
[Route("roundtables/{roundtableId:int}/agenda")]
public sealed class AgendaController(AgendaService agenda, MinutesService minutes, ProposalService proposals, RoundtableQueries roundtables) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int roundtableId, CancellationToken cancellationToken) =>
        await this.ViewOrNotFoundAsync(await agenda.GetAsync(roundtableId, AgendaAudience.Government, cancellationToken), async view =>
            new AgendaPage(view, User.IsInRole(Roles.Organiser), await proposals.CountWaitingAsync(roundtableId, cancellationToken)));

    [HttpGet("print")]
    public async Task<IActionResult> Print(int roundtableId, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await agenda.GetAsync(roundtableId, AgendaAudience.Government, cancellationToken));

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("items/new")]
    public async Task<IActionResult> New(int roundtableId, CancellationToken cancellationToken) =>
        await FormPageAsync(roundtableId, null, new AgendaItemForm(), cancellationToken);

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("items/new")]
    public async Task<IActionResult> New(int roundtableId, AgendaItemForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var details = form.Parse(ModelState);
        if (details is null)
        {
            return await FormPageAsync(roundtableId, null, form, cancellationToken);
        }

        var added = await agenda.AddItemAsync(roundtableId, details, cancellationToken);
        return await this.ShowResultAsync(added, $"Added to the agenda: {details.Title.Trim()}",
            () => RedirectToAction(nameof(Index), new { roundtableId }), () => FormPageAsync(roundtableId, null, form, cancellationToken));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("items/{itemId:int}/edit")]
    public async Task<IActionResult> Edit(int roundtableId, int itemId, CancellationToken cancellationToken)
    {
        var item = await agenda.FindItemAsync(itemId, cancellationToken);
        if (item is null || item.RoundtableId != roundtableId)
        {
            return NotFound();
        }

        return await FormPageAsync(roundtableId, itemId, AgendaItemForm.From(item), cancellationToken);
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("items/{itemId:int}/edit")]
    public async Task<IActionResult> Edit(int roundtableId, int itemId, AgendaItemForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await ItemBelongsAsync(roundtableId, itemId, cancellationToken))
        {
            return NotFound();
        }

        var details = form.Parse(ModelState);
        if (details is null)
        {
            return await FormPageAsync(roundtableId, itemId, form, cancellationToken);
        }

        var updated = await agenda.UpdateItemAsync(itemId, details, cancellationToken);
        if (updated.Status is CommandStatus.Invalid)
        {
            ModelState.AddFieldErrors(updated.Errors);
            return await FormPageAsync(roundtableId, itemId, form, cancellationToken);
        }

        this.ShowSuccess($"Agenda item updated: {details.Title.Trim()}");
        return RedirectToAction(nameof(Index), new { roundtableId });
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("items/{itemId:int}/move")]
    public async Task<IActionResult> Move(int roundtableId, int itemId, string? direction, CancellationToken cancellationToken)
    {
        if (!await ItemBelongsAsync(roundtableId, itemId, cancellationToken))
        {
            return NotFound();
        }

        await agenda.MoveAsync(itemId, direction == "up", cancellationToken);
        return Redirect($"/roundtables/{roundtableId}/agenda#item-{itemId}");
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("publish")]
    public async Task<IActionResult> Publish(int roundtableId, CancellationToken cancellationToken) =>
        await this.ViewOrNotFoundAsync(await agenda.GetAsync(roundtableId, AgendaAudience.Supplier, cancellationToken), async view =>
            new PublishAgendaPage(view, (await agenda.ListAttendeeRecipientsAsync(roundtableId, cancellationToken)).Count));

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("publish")]
    [ActionName(nameof(Publish))]
    public async Task<IActionResult> PublishConfirmed(int roundtableId, CancellationToken cancellationToken)
    {
        var result = await agenda.PublishAsync(roundtableId, User.DisplayName(), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        this.ShowSuccess(result.Status switch
        {
            CommandStatus.Done => $"Agenda published. An email with a link is on its way to {Plural.Count(result.Value, "person")}.",
            CommandStatus.Unchanged => "The agenda was already published",
            _ => result.Problem!,
        });
        return RedirectToAction(nameof(Index), new { roundtableId });
    }

    [HttpGet("items/{itemId:int}")]
    public async Task<IActionResult> Item(int roundtableId, int itemId, CancellationToken cancellationToken)
    {
        var (view, item) = await LoadItemAsync(roundtableId, itemId, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var revisions = await minutes.ListRevisionsAsync(itemId, cancellationToken);
        return View(new AgendaItemDetailPage(view!, item, revisions, User.IsInRole(Roles.Organiser)));
    }

    [HttpGet("items/{itemId:int}/minutes")]
    public async Task<IActionResult> Minutes(int roundtableId, int itemId, CancellationToken cancellationToken)
    {
        var (view, item) = await LoadItemAsync(roundtableId, itemId, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        ViewData["Page"] = new MinutesPage(view!, item);
        return View(new MinutesForm { Minutes = item.Minutes });
    }

    [HttpPost("items/{itemId:int}/minutes")]
    public async Task<IActionResult> Minutes(int roundtableId, int itemId, MinutesForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (view, item) = await LoadItemAsync(roundtableId, itemId, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        ModelState.AddFieldErrors(AgendaRules.CheckMinutes(form.Minutes));
        if (!ModelState.IsValid)
        {
            ViewData["Page"] = new MinutesPage(view!, item);
            return View(form);
        }

        var result = await minutes.SaveAsync(itemId, form.Minutes!, (User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", User.DisplayName()), cancellationToken);
        this.ShowSuccess(result == MinutesChange.Unchanged ? "The minutes were not changed"
            : item.MinutesPublishedUtc is null ? "Draft minutes saved" : "Minutes revised. Readers see that they were revised and when.");
        return RedirectToAction(nameof(Item), new { roundtableId, itemId });
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("items/{itemId:int}/minutes/publish")]
    public async Task<IActionResult> PublishMinutes(int roundtableId, int itemId, CancellationToken cancellationToken)
    {
        if (!await ItemBelongsAsync(roundtableId, itemId, cancellationToken))
        {
            return NotFound();
        }

        var result = await minutes.PublishAsync(itemId, cancellationToken);
        this.ShowSuccess(result == MinutesChange.Saved ? "Minutes published to the organisations attending" : "There were no draft minutes to publish");
        return RedirectToAction(nameof(Item), new { roundtableId, itemId });
    }

    [HttpGet("items/{itemId:int}/minutes/revisions/{revisionId:int}")]
    public async Task<IActionResult> Revision(int roundtableId, int itemId, int revisionId, CancellationToken cancellationToken)
    {
        var (view, item) = await LoadItemAsync(roundtableId, itemId, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var revisions = await minutes.ListRevisionsAsync(itemId, cancellationToken);
        var revision = revisions.FirstOrDefault(r => r.Id == revisionId);
        if (revision is null)
        {
            return NotFound();
        }

        var previous = revisions.Where(r => r.Id < revisionId).MaxBy(r => r.Id);
        return View(new RevisionPage(view!, item, revision, previous));
    }

    [HttpPost("items/{itemId:int}/decisions")]
    public async Task<IActionResult> AddDecision(int roundtableId, int itemId, DecisionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await ItemBelongsAsync(roundtableId, itemId, cancellationToken))
        {
            return NotFound();
        }

        var added = await minutes.AddDecisionAsync(itemId, form.Decision, User.DisplayName(), cancellationToken);
        if (added.Status is CommandStatus.Invalid)
        {
            ModelState.AddFieldErrors(added.Errors);
            var (view, item) = await LoadItemAsync(roundtableId, itemId, cancellationToken);
            var revisions = await minutes.ListRevisionsAsync(itemId, cancellationToken);
            return View(nameof(Item), new AgendaItemDetailPage(view!, item!, revisions, User.IsInRole(Roles.Organiser)) { Decision = form.Decision });
        }

        this.ShowSuccess("Decision recorded");
        return RedirectToAction(nameof(Item), new { roundtableId, itemId });
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("~/agenda-references")]
    public async Task<IActionResult> References(CancellationToken cancellationToken) =>
        await ReferencesPageAsync(new ReferenceForm(), cancellationToken);

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("~/agenda-references")]
    public async Task<IActionResult> References(ReferenceForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!Enum.TryParse<ReferenceKind>(form.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            ModelState.AddModelError(nameof(ReferenceForm.Kind), "Select the kind of reference");
        }

        ModelState.AddFieldErrors(AgendaRules.CheckReference(form.Code, form.Title));
        if (!ModelState.IsValid)
        {
            return await ReferencesPageAsync(form, cancellationToken);
        }

        await agenda.AddReferenceAsync(kind, form.Code, form.Title, cancellationToken);
        this.ShowSuccess($"Reference added: {form.Title!.Trim()}");
        return RedirectToAction(nameof(References));
    }

    private async Task<IActionResult> ReferencesPageAsync(ReferenceForm form, CancellationToken cancellationToken)
    {
        ViewData["References"] = await agenda.ListReferencesAsync(cancellationToken);
        return View(nameof(References), form);
    }

    private async Task<(AgendaView? View, AgendaItemView? Item)> LoadItemAsync(int roundtableId, int itemId, CancellationToken cancellationToken)
    {
        var view = await agenda.GetAsync(roundtableId, AgendaAudience.Government, cancellationToken);
        return (view, view?.Items.SingleOrDefault(i => i.Id == itemId));
    }

    private Task<bool> ItemBelongsAsync(int roundtableId, int itemId, CancellationToken cancellationToken) =>
        agenda.ItemBelongsAsync(roundtableId, itemId, cancellationToken);

    private async Task<IActionResult> FormPageAsync(int roundtableId, int? itemId, AgendaItemForm form, CancellationToken cancellationToken)
    {
        var title = await roundtables.TitleAsync(roundtableId, cancellationToken);
        if (title is null)
        {
            return NotFound();
        }

        var leads = (await agenda.ListLeadsAsync(cancellationToken))
            .Select(l => new SelectListItem(l.Name, l.UserId))
            .Prepend(new SelectListItem("No staff lead", ""))
            .ToList();
        var references = (await agenda.ListReferencesAsync(cancellationToken))
            .Select(r => new CheckboxItem(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Display, r.Kind.DisplayName(), form.ReferenceIds.Contains(r.Id)))
            .ToList();
        ViewData["Page"] = new AgendaItemPage(roundtableId, title, itemId, leads, references);
        return View("ItemForm", form);
    }
}
