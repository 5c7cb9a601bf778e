namespace RoundtableManager.Web.Controls;

/// <summary>Control sets: organisers and staff read them; organisers create sets, add and retire controls, and adopt a set for organisations.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("controls")]
public sealed class ControlSetsController(ControlQueries controls, ControlSetCommands sets, ControlAdoptionService adoption, ActionQueries choices, TagQueries tags) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await controls.SetsAsync(cancellationToken));

    [HttpGet("sets/new")]
    [Authorize(Policy = Policies.Organiser)]
    public IActionResult New() => View(new ControlSetForm());

    [HttpPost("sets/new")]
    [Authorize(Policy = Policies.Organiser)]
    public async Task<IActionResult> New(ControlSetForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await sets.CreateSetAsync(form.ToInput(), Actor(), cancellationToken);
        return this.ShowResult(result, $"Control set {TextRules.SingleLine(form.Name)} created. Add its controls next")
            ? RedirectToAction(nameof(Show), new { id = result.Value })
            : View(form);
    }

    [HttpGet("sets/{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await controls.SetAsync(id, cancellationToken));

    [HttpGet("sets/{id:int}/controls/new")]
    [Authorize(Policy = Policies.Organiser)]
    public async Task<IActionResult> NewControl(int id, CancellationToken cancellationToken) =>
        await controls.SetAsync(id, cancellationToken) is { ReadOnly: false } set ? View(new ControlForm { Set = set }) : NotFound();

    [HttpPost("sets/{id:int}/controls/new")]
    [Authorize(Policy = Policies.Organiser)]
    public async Task<IActionResult> NewControl(int id, ControlForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await sets.AddControlAsync(id, form.ToInput(), Actor(), cancellationToken);
        if (result.Status is CommandStatus.NotFound or CommandStatus.NotAllowed || await controls.SetAsync(id, cancellationToken) is not { } set)
        {
            return NotFound();
        }

        if (this.ShowResult(result, $"Control {TextRules.SingleLine(form.Code)} added"))
        {
            return RedirectToAction(nameof(Show), new { id });
        }

        form.Set = set;
        return View(form);
    }

    [HttpPost("sets/{id:int}/controls/{controlId:int}/retire")]
    [Authorize(Policy = Policies.Organiser)]
    public async Task<IActionResult> Retire(int id, int controlId, CancellationToken cancellationToken)
    {
        var result = await sets.RetireAsync(controlId, Actor(), cancellationToken);
        if (result.Status is CommandStatus.NotFound or CommandStatus.NotAllowed || result.Value != id)
        {
            return NotFound();
        }

        this.ShowSuccess(result.Status == CommandStatus.Unchanged ? "That control was already retired" : "Control retired. Its answers and their history are kept");
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpGet("sets/{id:int}/adopt")]
    [Authorize(Policy = Policies.Organiser)]
    public async Task<IActionResult> Adopt(int id, CancellationToken cancellationToken) => await AdoptPageAsync(id, new AdoptForm { Which = "invited" }, cancellationToken);

    [HttpPost("sets/{id:int}/adopt")]
    [Authorize(Policy = Policies.Organiser)]
    public async Task<IActionResult> Adopt(int id, AdoptForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (target, error) = form.Parse();
        if (error is not null)
        {
            ModelState.AddFieldErrors([error]);
            return await AdoptPageAsync(id, form, cancellationToken);
        }

        var result = await adoption.AdoptAsync(id, target!, Actor(), cancellationToken);
        return await this.ShowResultAsync(result, result.Succeeded ? AdoptForm.Banner(result.Value) : null,
            () => RedirectToAction(nameof(Show), new { id }), () => AdoptPageAsync(id, form, cancellationToken));
    }

    private async Task<IActionResult> AdoptPageAsync(int id, AdoptForm form, CancellationToken cancellationToken)
    {
        if (await controls.SetAsync(id, cancellationToken) is not { } set)
        {
            return NotFound();
        }

        form.Set = set;
        form.Roundtables = (await choices.ListRoundtablesAsync(cancellationToken)).Select(c => new SelectListItem(c.Text, c.Value)).Prepend(new SelectListItem("Select a roundtable", "")).ToList();
        form.Organisations = (await choices.ListOrganisationsAsync(cancellationToken))
            .Select(c => new Infrastructure.TagHelpers.CheckboxItem(c.Value, c.Text, Checked: form.OrganisationIds.Contains(int.Parse(c.Value, CultureInfo.InvariantCulture)))).ToList();
        form.Tags = (await tags.NamesAsync(cancellationToken)).Select(t => new SelectListItem(t.Name, t.Id.ToString(CultureInfo.InvariantCulture))).Prepend(new SelectListItem("Select a tag", "")).ToList();
        return View("Adopt", form);
    }

    private ControlActor Actor() => new(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", User.DisplayName());
}
