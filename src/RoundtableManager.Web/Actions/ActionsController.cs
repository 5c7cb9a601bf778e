namespace RoundtableManager.Web.Actions;

/// <summary>The follow-up action register for organisers and staff: list, add, change, comment, confirm.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("actions")]
public sealed class ActionsController(ActionCommands commands, ActionQueries actions, ActionRules rules, ActionEvidenceService evidence, ActionExportService export, TimeProvider time) : Controller
{
    private const string ConflictMessage = "Someone else changed this action while you were editing it. Check its current details below, then make your change again";

    [HttpGet("")]
    public async Task<IActionResult> Index(ActionRegisterModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Result = await actions.ListAsync(model.ToQuery(UserId()), cancellationToken);
        model.RoundtableOptions = Options(await actions.ListFilterRoundtablesAsync(ActionForm.Number(model.Roundtable), cancellationToken), "All roundtables");
        model.OwnerOptions = Options(await actions.ListStaffAsync(cancellationToken), "Any staff member");
        model.OrganisationOptions = Options(await actions.ListOwningOrganisationsAsync(ActionForm.Number(model.Organisation), cancellationToken), "Any organisation");
        return View(model);
    }

    [HttpGet("export")]
    public async Task<IActionResult> Export(ActionRegisterModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var csv = await export.ExportCsvAsync(model.ToQuery(UserId()), Actor(), cancellationToken);
        var date = UkTime.ToUk(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(csv, "text/csv; charset=utf-8", $"actions-{date}.csv");
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(int? agendaItemId, int? roundtableId, CancellationToken cancellationToken)
    {
        var form = new ActionForm { StaffLeadUserId = UserId(), RoundtableId = roundtableId?.ToString(CultureInfo.InvariantCulture) };
        if (agendaItemId is { } itemId)
        {
            var source = await actions.GetSourceAsync(itemId, cancellationToken);
            if (source is null)
            {
                return NotFound();
            }

            form.AgendaItemId = itemId.ToString(CultureInfo.InvariantCulture);
            form.RoundtableId = source.RoundtableId.ToString(CultureInfo.InvariantCulture);
        }

        return await FormViewAsync(form, cancellationToken);
    }

    [HttpPost("new")]
    public async Task<IActionResult> New(ActionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.ShowingContacts())
        {
            ModelState.Clear();
            return await FormViewAsync(form, cancellationToken);
        }

        var (input, dueError) = form.Parse();
        var result = dueError is null ? await commands.CreateAsync(input, Actor(), cancellationToken) : null;
        if (result is not { Succeeded: true })
        {
            await AddErrorsAsync(input, null, dueError, result, cancellationToken);
            return await FormViewAsync(form, cancellationToken);
        }

        this.ShowSuccess($"Action added: {input.Title!.Trim()}");
        return RedirectToAction(nameof(Show), new { id = result.Value });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        this.ActionPageView(new ActionPage(), await actions.GetAsync(id, cancellationToken), actions, evidence);

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var action = await actions.GetAsync(id, cancellationToken);
        return action is null ? NotFound() : await FormViewAsync(ActionForm.From(action), cancellationToken);
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, ActionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var current = await actions.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.RoundtableId = current.RoundtableId.ToString(CultureInfo.InvariantCulture);
        form.AgendaItemId = current.AgendaItemId?.ToString(CultureInfo.InvariantCulture);
        if (form.ShowingContacts())
        {
            ModelState.Clear();
            return await FormViewAsync(form, cancellationToken);
        }

        var (input, dueError) = form.Parse();
        var result = dueError is null ? await commands.UpdateAsync(id, form.Version, input, Actor(), cancellationToken) : null;
        if (result?.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (result is not { Succeeded: true })
        {
            await AddErrorsAsync(input, id, dueError, result, cancellationToken);
            return await FormViewAsync(form, cancellationToken);
        }

        this.ShowSuccess(result.Status == CommandStatus.Unchanged ? "Nothing was changed" : "Action updated");
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("{id:int}/comments")]
    public Task<IActionResult> Comment(int id, ActionPage form, CancellationToken cancellationToken) =>
        ChangeAsync(id, form, nameof(ActionPage.Comment), "Comment added", a => commands.AddCommentAsync(id, form.Comment, form.StaffOnly, a, cancellationToken), cancellationToken);

    [HttpPost("{id:int}/status")]
    public Task<IActionResult> Status(int id, ActionPage form, CancellationToken cancellationToken) =>
        ChangeAsync(id, form, nameof(ActionPage.StatusComment), "Status changed", a =>
        {
            var status = ActionForm.EnumValue<ActionStatus>(form.Status);
            return commands.ChangeStatusAsync(id, status, form.StatusComment, a, cancellationToken);
        }, cancellationToken);

    [HttpPost("{id:int}/confirm")]
    public Task<IActionResult> Confirm(int id, ActionPage form, CancellationToken cancellationToken) =>
        ChangeAsync(id, form, nameof(ActionPage.ConfirmComment), "Action confirmed as done", a => commands.ConfirmDoneAsync(id, form.ConfirmComment, a, cancellationToken), cancellationToken);

    [HttpPost("{id:int}/return")]
    public Task<IActionResult> Return(int id, ActionPage form, CancellationToken cancellationToken) =>
        ChangeAsync(id, form, nameof(ActionPage.Reason), "Action returned to the owner as open", a => commands.ReturnToOpenAsync(id, form.Reason, a, cancellationToken), cancellationToken);

    [HttpPost("{id:int}/evidence")]
    [RequestSizeLimit(ActionOptions.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = ActionOptions.MaxRequestBytes)]
    public async Task<IActionResult> Evidence(int id, ActionPage form, CancellationToken cancellationToken)
    {
        var file = this.PostedEvidence(form);
        return await ChangeAsync(id, form, nameof(ActionPage.EvidenceTitle), "Evidence added", a => evidence.AddAsync(id, null, form.EvidenceTitle, form.EvidenceUrl, file, a, cancellationToken), cancellationToken);
    }

    [HttpGet("{id:int}/evidence/{evidenceId:int}")]
    public async Task<IActionResult> Download(int id, int evidenceId, CancellationToken cancellationToken) =>
        this.EvidenceFile(await evidence.OpenAsync(id, evidenceId, null, cancellationToken));

    [HttpGet("~/roundtables/{roundtableId:int}/actions/progress")]
    public async Task<IActionResult> Progress(int roundtableId, CancellationToken cancellationToken)
    {
        var roundtable = (await actions.ListRoundtablesAsync(cancellationToken)).SingleOrDefault(r => r.Value == roundtableId.ToString(CultureInfo.InvariantCulture));
        if (roundtable is null)
        {
            return NotFound();
        }

        var points = await actions.ProgressAsync(roundtableId, cancellationToken);
        return View(new ActionProgressPage(roundtableId, roundtable.Text, points));
    }

    private async Task<IActionResult> ChangeAsync(int id, ActionPage form, string commentField, string success, Func<ActionActor, Task<CommandResult<int>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await change(Actor());
        if (this.Outcome(result, commentField, success, ConflictMessage) is { } done)
        {
            return done;
        }

        return this.ActionPageView(form, await actions.GetAsync(id, cancellationToken), actions, evidence);
    }

    private async Task AddErrorsAsync(ActionInput input, int? id, FieldError? dueError, CommandResult? result, CancellationToken cancellationToken)
    {
        if (result?.Status == CommandStatus.Conflict)
        {
            ModelState.AddModelError(nameof(ActionForm.Title), ConflictMessage);
        }

        var errors = result is { Status: CommandStatus.Invalid } ? result.Errors : result is null ? await rules.CheckAsync(input, id, cancellationToken) : [];
        if (dueError is not null)
        {
            errors = errors.Where(e => e.Field != dueError.Field).Append(dueError).ToList();
        }

        // In the order the fields appear on the form, so the summary reads top to bottom.
        string[] order = ["RoundtableId", "AgendaItemId", "DecisionId", "Title", "Description", "OwnerKind", "OwnerUserId", "OwnerOrganisationId", "OwnerContactId", "StaffLeadUserId", "DueDate", "Priority"];
        foreach (var error in errors.OrderBy(e => Array.IndexOf(order, e.Field)))
        {
            ModelState.AddModelError(error.Field, error.Message);
        }
    }

    private async Task<IActionResult> FormViewAsync(ActionForm form, CancellationToken cancellationToken)
    {
        var source = ActionForm.Number(form.AgendaItemId) is { } itemId ? await actions.GetSourceAsync(itemId, cancellationToken) : null;
        var organisations = await actions.ListOrganisationsAsync(cancellationToken);
        // Only the chosen organisation's people: with none chosen yet there is nobody to offer (no script needed:
        // "Show its contacts" posts the form back with everything typed kept).
        var chosen = ActionForm.Number(form.OwnerOrganisationId) is { } organisationId && organisations.Any(o => o.Value == organisationId.ToString(CultureInfo.InvariantCulture))
            ? organisationId : (int?)null;
        var contacts = chosen is { } id
            ? Options(await actions.ListContactsAsync(id, cancellationToken), "Select a contact")
            : [new SelectListItem("Choose the organisation first", "")];

        form.Choices = new ActionFormChoices(
            Options(await actions.ListRoundtablesAsync(cancellationToken), "Select a roundtable"),
            source,
            Options(source?.Decisions ?? [], "No particular decision"),
            Options(await actions.ListStaffAsync(cancellationToken), "Select a staff member"),
            Options(organisations, "Select an organisation"),
            contacts,
            chosen is not null);
        return View("Form", form);
    }

    private static List<SelectListItem> Options(IEnumerable<ActionChoice> choices, string none) =>
        choices.Select(c => new SelectListItem(c.Text, c.Value)).Prepend(new SelectListItem(none, "")).ToList();

    private string UserId() => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private ActionActor Actor() => new(UserId(), User.DisplayName());
}
