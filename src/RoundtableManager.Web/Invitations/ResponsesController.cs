namespace RoundtableManager.Web.Invitations;

/// <summary>Organisers' and staff's view of a roundtable's replies, the delegates, and the check-in list on the day.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ResponsesController(InvitationQueries queries, ResponsesService responses, RsvpService rsvp) : Controller
{
    [HttpGet("roundtables/{id:int}/responses")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var summary = await responses.SummaryAsync(id, cancellationToken);
        return summary is null ? NotFound() : View(new ResponsesPage(summary, User.IsInRole(Roles.Organiser)));
    }

    [HttpGet("roundtables/{id:int}/responses/delegates.csv")]
    public async Task<IActionResult> Export(int id, CancellationToken cancellationToken)
    {
        if (!await queries.RoundtableExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return File(await responses.ExportDelegatesCsvAsync(id, includeNeeds: User.IsInRole(Roles.Organiser), cancellationToken), "text/csv; charset=utf-8", $"roundtable-{id}-delegates.csv");
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("roundtables/{id:int}/responses/{invitationId:int}/record")]
    public async Task<IActionResult> Record(int id, int invitationId, CancellationToken cancellationToken)
    {
        var form = await RecordFormAsync(id, invitationId, null, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        form.PadSlots();
        return View(form);
    }

    /// <summary>An answer taken by phone. It is marked as recorded by an organiser wherever it is shown.</summary>
    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("roundtables/{id:int}/responses/{invitationId:int}/record")]
    public async Task<IActionResult> Record(int id, int invitationId, ReplyForm posted, CancellationToken cancellationToken)
    {
        var form = await RecordFormAsync(id, invitationId, posted, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        form.Validate(ModelState);
        if (form.Response != InvitationResponse.Accepted)
        {
            foreach (var key in ModelState.Keys.Where(k => k.StartsWith(nameof(ReplyForm.Delegates), StringComparison.Ordinal)).ToList())
            {
                ModelState.Remove(key);
            }
        }

        if (ModelState.IsValid)
        {
            var responder = new Responder(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, User.DisplayName(), null, IsOrganiser: true);
            var result = await rsvp.AnswerAsync(invitationId, null, form.ToAnswer(), responder, cancellationToken);
            if (result.Status is CommandStatus.Invalid or CommandStatus.NotFound)
            {
                form.ExplainRefusal(ModelState);
            }
            else if (this.ShowResult(result, $"Reply recorded for {form.Invitation.OrganisationName}"))
            {
                return Redirect($"/roundtables/{id}/responses");
            }
        }

        form.PadSlots();
        return View(form);
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("roundtables/{id:int}/responses/delegates/{delegateId:int}/remove")]
    public async Task<IActionResult> Remove(int id, int delegateId, CancellationToken cancellationToken)
    {
        if (!this.ShowResult(await rsvp.RemoveDelegateAsync(id, delegateId, cancellationToken), "Delegate removed. If anyone was waiting, the first on the waitlist has the seat"))
        {
            return NotFound();
        }

        return Redirect($"/roundtables/{id}/responses");
    }

    [HttpGet("roundtables/{id:int}/check-in")]
    public async Task<IActionResult> CheckIn(int id, string? q, CancellationToken cancellationToken)
    {
        var summary = await responses.SummaryAsync(id, cancellationToken);
        if (summary is null)
        {
            return NotFound();
        }

        var search = q?.Trim() ?? "";
        var people = summary.Answers.SelectMany(a => a.Delegates)
            .Where(d => d.Status == DelegateStatus.Confirmed)
            .Where(d => search.Length == 0 || d.FullName.Contains(search, StringComparison.OrdinalIgnoreCase) || d.OrganisationName.Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.FullName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return View(new CheckInPage(summary, people, search));
    }

    [HttpPost("roundtables/{id:int}/check-in/{delegateId:int}")]
    public async Task<IActionResult> MarkAttended(int id, int delegateId, bool attended, string? q, CancellationToken cancellationToken)
    {
        if (!this.ShowResult(await rsvp.MarkAttendedAsync(id, delegateId, attended, cancellationToken), attended ? "Marked as attended" : "Attendance removed"))
        {
            return NotFound();
        }

        return Redirect($"/roundtables/{id}/check-in" + (string.IsNullOrWhiteSpace(q) ? "" : "?q=" + Uri.EscapeDataString(q)));
    }

    private async Task<ReplyForm?> RecordFormAsync(int id, int invitationId, ReplyForm? posted, CancellationToken cancellationToken)
    {
        var invitation = (await responses.AnswersAsync(id, null, invitationId, cancellationToken)).SingleOrDefault();
        if (invitation is null)
        {
            return null;
        }

        var form = posted ?? ReplyForm.From(invitation);
        form.Invitation = invitation;
        form.ByOrganiser = true;
        form.Contacts = await queries.ContactsAsync(invitation.OrganisationId, includeErased: true, cancellationToken);
        return form;
    }
}

public sealed record ResponsesPage(ResponsesSummary Summary, bool CanChange)
{
    public int Total => Summary.Answers.Count;
}

public sealed record CheckInPage(ResponsesSummary Summary, IReadOnlyList<DelegateView> People, string Search);
