namespace RoundtableManager.Web.Engagement.Record;

/// <summary>
/// The organisation record: its whole timeline, filtered by kind and period and paged from a cursor, and the
/// interactions staff log. Organisers and staff only; supplier accounts are refused by the policy.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[Route("suppliers/{id:int}")]
public sealed class OrganisationRecordController(TimelineService timeline, InteractionQueries interactions, InteractionCommands changes) : Controller
{
    [HttpGet("record")]
    public async Task<IActionResult> Record(int id, TimelineFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (await interactions.OrganisationNameAsync(id, cancellationToken) is not { } name)
        {
            return NotFound();
        }

        var from = ReadDate(filter.From, nameof(TimelineFilter.From), "From date");
        var to = ReadDate(filter.To, nameof(TimelineFilter.To), "To date");
        if (from is { } f && to is { } t && t < f)
        {
            ModelState.AddModelError(nameof(TimelineFilter.To), "To date must be the same as or after the from date");
            to = null;
        }

        var organiser = User.IsInRole(Roles.Organiser);
        var known = timeline.KindsFor(organiser).Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        filter.Kind = filter.Kind.Where(known.Contains).Distinct(StringComparer.Ordinal).ToList();
        var after = TimelineService.Parse(filter.After);
        var page = await timeline.PageAsync(new TimelineRequest(id, filter.Kind, Start(from), to is { } end ? Start(end.AddDays(1))!.Value.AddTicks(-1) : null, after, organiser), cancellationToken);
        return View(new RecordPage(id, name, filter, page, after is null));
    }

    [HttpGet("interactions/new")]
    public async Task<IActionResult> New(int id, CancellationToken cancellationToken) =>
        await interactions.OrganisationNameAsync(id, cancellationToken) is { } name ? Form(id, name, new InteractionForm()) : NotFound();

    [HttpPost("interactions/new")]
    public async Task<IActionResult> New(int id, InteractionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await interactions.OrganisationNameAsync(id, cancellationToken) is not { } name)
        {
            return NotFound();
        }

        var result = await changes.LogAsync(id, form.ToInput(ModelState), Actor(), cancellationToken);
        return Saved(result, "Interaction logged") ? Redirect($"/suppliers/{id}/record") : Form(id, name, form);
    }

    [HttpGet("interactions/{interactionId:int}/edit")]
    public async Task<IActionResult> Edit(int id, int interactionId, CancellationToken cancellationToken)
    {
        var interaction = await interactions.GetAsync(id, interactionId, cancellationToken);
        var name = interaction is null ? null : await interactions.OrganisationNameAsync(id, cancellationToken);
        return interaction is null || name is null ? NotFound() : Form(id, name, InteractionForm.From(interaction));
    }

    [HttpPost("interactions/{interactionId:int}/edit")]
    public async Task<IActionResult> Edit(int id, int interactionId, InteractionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Id = interactionId;
        var result = await changes.UpdateAsync(id, interactionId, form.Version, form.ToInput(ModelState), Actor(), cancellationToken);
        if (result.Status == CommandStatus.NotFound || await interactions.OrganisationNameAsync(id, cancellationToken) is not { } name)
        {
            return NotFound();
        }

        return Saved(result, result.Status == CommandStatus.Unchanged ? "Nothing changed" : "Interaction saved") ? Redirect($"/suppliers/{id}/record") : Form(id, name, form);
    }

    /// <summary>Like ShowResult, but a date the form could not read keeps its own message instead of Core's "Enter the date".</summary>
    private bool Saved(CommandResult result, string banner)
    {
        var dateUnreadable = ModelState.ContainsKey(nameof(InteractionForm.OccurredOn));
        if (result.Succeeded)
        {
            this.ShowSuccess(banner);
            return true;
        }

        ModelState.AddFieldErrors(result.Errors.Where(e => !(dateUnreadable && e.Field == nameof(InteractionInput.OccurredOn))));
        return false;
    }

    private ViewResult Form(int id, string organisationName, InteractionForm form)
    {
        ViewData["OrganisationId"] = id;
        ViewData["OrganisationName"] = organisationName;
        return View("InteractionForm", form);
    }

    private DateOnly? ReadDate(DateInput input, string field, string label)
    {
        if (input.IsEmpty)
        {
            return null;
        }

        if (input.TryRead(label, out var date, out var error))
        {
            return date;
        }

        ModelState.AddModelError(field, error!);
        return null;
    }

    private static DateTime? Start(DateOnly? day) => day is { } d ? UkTime.ToUtc(d.ToDateTime(TimeOnly.MinValue)) : null;

    private InteractionActor Actor() => new(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, User.DisplayName());
}
