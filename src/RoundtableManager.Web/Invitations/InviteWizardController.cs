namespace RoundtableManager.Web.Invitations;

/// <summary>The invite wizard: choose organisations, then who at each gets it, check, send. The choices are kept on the server per organiser.</summary>
[Authorize(Policy = Policies.Organiser)]
public sealed class InviteWizardController(InvitationQueries queries, InvitationService invitations, InviteSelectionService selections, TagQueries tags, TimeProvider time) : Controller
{
    [HttpGet("roundtables/{id:int}/invite")]
    public async Task<IActionResult> Invite(int id, string? type, int? tag, int page, CancellationToken cancellationToken)
    {
        var (roundtable, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = new ChooseOrganisationsPage { Roundtable = roundtable, Type = type, Tag = tag, Page = page };
        form.Type = form.TypeFilter?.ToString();
        return await OrganisationsViewAsync(form, cancellationToken);
    }

    /// <summary>Step 1 posted: the page's ticks are kept, then on to another page of organisations or to step 2.</summary>
    [HttpPost("roundtables/{id:int}/invite")]
    public async Task<IActionResult> Invite(int id, ChooseOrganisationsPage form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (roundtable, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await selections.SetOrganisationsAsync(id, UserId, form.Shown, form.OrganisationIds, cancellationToken);
        if (form.Go is "previous" or "next")
        {
            return Redirect(InviteUrl(id, form.TypeFilter, form.Page + (form.Go == "next" ? 1 : -1), form.Tag));
        }

        form.Roundtable = roundtable;
        form.Type = form.TypeFilter?.ToString();
        var page = await OrganisationsViewAsync(form, cancellationToken);
        if (form.View.Selected == 0)
        {
            ModelState.AddModelError(nameof(ChooseOrganisationsPage.OrganisationIds), "Select at least one organisation to invite");
            return page;
        }

        return Redirect($"/roundtables/{id}/invite/recipients");
    }

    /// <summary>"Select all": every organisation the filter shows, worked out here rather than sent by the page.</summary>
    [HttpPost("roundtables/{id:int}/invite/select-all")]
    public async Task<IActionResult> SelectAll(int id, string? type, int? tag, CancellationToken cancellationToken)
    {
        var (_, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var filter = new ChooseOrganisationsPage { Type = type }.TypeFilter;
        await selections.SelectAllAsync(id, UserId, filter, cancellationToken, tag);
        return Redirect(InviteUrl(id, filter, 1, tag));
    }

    [HttpPost("roundtables/{id:int}/invite/clear")]
    public async Task<IActionResult> ClearSelection(int id, string? type, int? tag, CancellationToken cancellationToken)
    {
        if (!await queries.RoundtableExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await selections.ClearAsync(id, UserId, cancellationToken);
        return Redirect(InviteUrl(id, new ChooseOrganisationsPage { Type = type }.TypeFilter, 1, tag));
    }

    [HttpGet("roundtables/{id:int}/invite/recipients")]
    public async Task<IActionResult> Recipients(int id, int page, CancellationToken cancellationToken)
    {
        var (roundtable, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = new ChooseRecipientsPage { Roundtable = roundtable, Page = page };
        return (IActionResult?)await RecipientsViewAsync(form, cancellationToken) ?? Redirect($"/roundtables/{id}/invite");
    }

    /// <summary>Step 2 posted: who gets it at each organisation on the page is kept, then another page or the check.</summary>
    [HttpPost("roundtables/{id:int}/invite/recipients")]
    public async Task<IActionResult> Recipients(int id, ChooseRecipientsPage form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (roundtable, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await selections.SetPeopleAsync(id, UserId, form.Groups.GroupBy(g => g.OrganisationId)
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<int>)g.SelectMany(x => x.ContactIds).ToList()), cancellationToken);
        if (form.Go is "previous" or "next")
        {
            return Redirect($"/roundtables/{id}/invite/recipients?page={form.Page + (form.Go == "next" ? 1 : -1)}");
        }

        // Organisations with nobody chosen come first, so they are on the first page, where their errors are shown.
        var check = new ChooseRecipientsPage { Roundtable = roundtable, Page = 1 };
        if (await RecipientsViewAsync(check, cancellationToken) is not { } shown)
        {
            return Redirect($"/roundtables/{id}/invite");
        }

        if (check.View.WithoutPeople == 0)
        {
            return Redirect($"/roundtables/{id}/invite/check");
        }

        for (var i = 0; i < check.View.Groups.Count; i++)
        {
            if (check.View.Groups[i].Chosen.Count == 0)
            {
                ModelState.AddModelError($"Groups[{i}].ContactIds", $"Select at least one person at {check.View.Groups[i].OrganisationName}");
            }
        }

        return shown;
    }

    [HttpGet("roundtables/{id:int}/invite/check")]
    public async Task<IActionResult> Check(int id, CancellationToken cancellationToken)
    {
        var (roundtable, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var summary = await selections.SummaryAsync(id, UserId, CheckInvitationsPage.Listed, cancellationToken);
        if (summary.Organisations == 0)
        {
            return Redirect($"/roundtables/{id}/invite");
        }

        if (summary.WithoutPeople > 0)
        {
            return Redirect($"/roundtables/{id}/invite/recipients");
        }

        var first = summary.Listed[0];
        var preview = invitations.Preview(roundtable, first.OrganisationName, first.Contacts.First(c => first.Chosen.Contains(c.Id)).FullName);
        return View(new CheckInvitationsPage(roundtable, summary, preview));
    }

    [HttpPost("roundtables/{id:int}/invite/send")]
    public async Task<IActionResult> Send(int id, int version, CancellationToken cancellationToken)
    {
        var (roundtable, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = await selections.SendAsync(id, UserId, version, cancellationToken);
        switch (result.Status)
        {
            case CommandStatus.Done or CommandStatus.Unchanged:
                var sent = result.Value;
                this.ShowSuccess(result.Status == CommandStatus.Done
                    ? $"{Plural.Count(sent.Organisations, "organisation")} invited. {(sent.Recipients == 1 ? "1 email is" : $"{Plural.Count(sent.Recipients, "email")} are")} queued to send."
                    : "Everyone you chose had already been invited, so nothing new was sent");
                return Redirect($"/roundtables/{id}");
            case CommandStatus.Conflict:
                this.ShowProblem(result);
                return Redirect($"/roundtables/{id}/invite/check");
            case CommandStatus.Invalid:
                return Redirect($"/roundtables/{id}/invite/recipients");
            case CommandStatus.NotAllowed:
                return (IActionResult?)CannotInvite(roundtable) ?? Redirect($"/roundtables/{id}");
            default:
                return Redirect($"/roundtables/{id}/invite");
        }
    }

    private async Task<(Roundtable Roundtable, IActionResult? Refusal)> InvitableAsync(int id, CancellationToken cancellationToken)
    {
        var roundtable = await queries.FindRoundtableAsync(id, cancellationToken);
        return roundtable is null ? (null!, NotFound()) : (roundtable, CannotInvite(roundtable));
    }

    private ViewResult? CannotInvite(Roundtable roundtable) => this.CannotInvite(roundtable, time);

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static string InviteUrl(int id, OrganisationType? type, int page, int? tag = null) =>
        $"/roundtables/{id}/invite?type={type}" + (tag is { } t ? $"&tag={t.ToString(CultureInfo.InvariantCulture)}" : "")
        + (page > 1 ? $"&page={page.ToString(CultureInfo.InvariantCulture)}" : "");

    private async Task<ViewResult> OrganisationsViewAsync(ChooseOrganisationsPage form, CancellationToken cancellationToken)
    {
        form.Tags = await tags.NamesAsync(cancellationToken);
        if (form.Tag is { } tag && form.Tags.All(t => t.Id != tag))
        {
            form.Tag = null;
        }

        form.View = await selections.ChooseOrganisationsAsync(form.Roundtable.Id, UserId, form.TypeFilter, form.Page, cancellationToken, form.Tag);
        form.Page = form.View.Page;
        return View(nameof(Invite), form);
    }

    /// <summary>The page of step 2, ticked as the selection says (what was posted is saved first); null when nothing is chosen.</summary>
    private async Task<ViewResult?> RecipientsViewAsync(ChooseRecipientsPage form, CancellationToken cancellationToken)
    {
        form.View = await selections.ChoosePeopleAsync(form.Roundtable.Id, UserId, form.Page, cancellationToken);
        if (form.View.Organisations == 0)
        {
            return null;
        }

        form.Page = form.View.Page;
        form.Groups = form.View.Groups.Select(g => new RecipientGroup { OrganisationId = g.OrganisationId, ContactIds = [.. g.Chosen] }).ToList();
        return View(nameof(Recipients), form);
    }

}
