namespace RoundtableManager.Web.Roundtables;

/// <summary>"Create follow-up roundtable": a new roundtable from a previous one, the two shown as a series.</summary>
[Authorize(Policy = Policies.Organiser)]
[Route("roundtables/{id:int}/follow-up")]
public sealed class FollowUpsController(RoundtableQueries queries, FollowUpService followUps) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> New(int id, CancellationToken cancellationToken) =>
        await this.ViewOrNotFoundAsync(await queries.FindAsync(id, cancellationToken), async previous =>
        {
            var invitees = await followUps.PreviousInviteesAsync(id, cancellationToken);
            return new FollowUpPage(previous, RoundtableForm.FollowUpOf(previous), invitees,
                [.. invitees.Where(i => i.AttendedAny).Select(i => i.OrganisationId)], await followUps.AgendaItemsAsync(id, cancellationToken));
        });

    [HttpPost("")]
    public async Task<IActionResult> New(int id, RoundtableForm form, [FromForm] List<int> organisationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var previous = await queries.FindAsync(id, cancellationToken);
        if (previous is null)
        {
            return NotFound();
        }

        var details = form.Parse(ModelState);
        if (details is not null)
        {
            var created = await followUps.CreateAsync(id, details, organisationIds ?? [], User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
            var banner = $"Follow-up roundtable created: {form.Title?.Trim()}. "
                + (organisationIds is { Count: > 0 }
                    ? $"{Plural.Count(organisationIds.Count, "organisation")} from the previous roundtable {(organisationIds.Count == 1 ? "is" : "are")} chosen for you to invite once it is open for responses."
                    : "Nobody from the previous roundtable was chosen to invite.");
            if (this.ShowResult(created, banner))
            {
                return Redirect($"/roundtables/{created.Value}");
            }
        }

        var invitees = await followUps.PreviousInviteesAsync(id, cancellationToken);
        return View(new FollowUpPage(previous, form, invitees, organisationIds ?? [], await followUps.AgendaItemsAsync(id, cancellationToken)));
    }
}

/// <summary>The follow-up form: the new roundtable's details, and the previous invite list to choose from.</summary>
public sealed record FollowUpPage(Roundtable Previous, RoundtableForm Form, IReadOnlyList<PreviousInvitee> Invitees, IReadOnlyCollection<int> OrganisationIds, int AgendaItems)
{
    public IEnumerable<Infrastructure.TagHelpers.CheckboxItem> Choices => Invitees.Select(i => new Infrastructure.TagHelpers.CheckboxItem(
        i.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        i.OrganisationName,
        i.AttendedAny ? "Attended: " + string.Join(", ", i.Attended) : i.Response switch
        {
            Core.Invitations.InvitationResponse.Accepted => "Accepted, but nobody was checked in",
            Core.Invitations.InvitationResponse.Declined => "Declined",
            _ => "Did not reply",
        },
        OrganisationIds.Contains(i.OrganisationId)));
}
