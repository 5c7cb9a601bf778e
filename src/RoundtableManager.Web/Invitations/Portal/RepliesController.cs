namespace RoundtableManager.Web.Invitations.Portal;

/// <summary>
/// An organisation's reply to one invitation. Every action looks the invitation up within the signed-in account's
/// organisation, so another organisation's id is simply not found.
/// </summary>
[Area("Portal")]
[Authorize(Policy = Policies.Supplier)]
public sealed class RepliesController(InvitationQueries queries, ResponsesService responses, RsvpService rsvp, IOptions<EmailOptions> email) : Controller
{
    [HttpGet("portal/invitations/{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var organisationId = User.OrganisationId();
        var invitation = organisationId is null ? null : await responses.PortalInvitationAsync(organisationId.Value, id, cancellationToken);
        return invitation is null
            ? NotFound()
            : View(new ReplyPage(invitation, rsvp.CanAnswer(invitation.Status, invitation.Details.RsvpDeadlineUtc, organiser: false), email.Value.FromAddress));
    }

    [HttpGet("portal/invitations/{id:int}/reply")]
    public async Task<IActionResult> Reply(int id, CancellationToken cancellationToken)
    {
        var (form, refusal) = await FormAsync(id, null, cancellationToken);
        return refusal ?? View(form);
    }

    [HttpPost("portal/invitations/{id:int}/reply")]
    public async Task<IActionResult> Answer(int id, ReplyForm posted, CancellationToken cancellationToken)
    {
        var (form, refusal) = await FormAsync(id, posted, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        form.ValidateAnswer(ModelState);
        if (!ModelState.IsValid)
        {
            return View(nameof(Reply), form);
        }

        if (form.Response == InvitationResponse.Declined)
        {
            return View("Check", form);
        }

        ModelState.Clear();
        form.PadSlots();
        return View("Delegates", form);
    }

    [HttpPost("portal/invitations/{id:int}/reply/change")]
    public async Task<IActionResult> ChangeAnswer(int id, ReplyForm posted, CancellationToken cancellationToken)
    {
        var (form, refusal) = await FormAsync(id, posted, cancellationToken);
        ModelState.Clear();
        return refusal ?? View(nameof(Reply), form);
    }

    [HttpPost("portal/invitations/{id:int}/delegates")]
    public async Task<IActionResult> Delegates(int id, ReplyForm posted, CancellationToken cancellationToken)
    {
        var (form, refusal) = await FormAsync(id, posted, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        form.ValidateDelegates(ModelState);
        if (!ModelState.IsValid)
        {
            form.PadSlots();
            return View(form);
        }

        return View("Check", form);
    }

    [HttpPost("portal/invitations/{id:int}/delegates/change")]
    public async Task<IActionResult> ChangeDelegates(int id, ReplyForm posted, CancellationToken cancellationToken)
    {
        var (form, refusal) = await FormAsync(id, posted, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        ModelState.Clear();
        form.PadSlots();
        return View(nameof(Delegates), form);
    }

    [HttpPost("portal/invitations/{id:int}/confirm")]
    public async Task<IActionResult> Confirm(int id, ReplyForm posted, CancellationToken cancellationToken)
    {
        var (form, refusal) = await FormAsync(id, posted, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        form.Validate(ModelState);
        if (!ModelState.IsValid)
        {
            return ShowAgain(form);
        }

        var responder = new Responder(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, User.DisplayName(), User.Identity?.Name, IsOrganiser: false);
        var result = await rsvp.AnswerAsync(id, User.OrganisationId(), form.ToAnswer(), responder, cancellationToken);
        switch (result.Status)
        {
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.NotAllowed:
                return Redirect($"/portal/invitations/{id}");
            case CommandStatus.Invalid:
                form.ExplainRefusal(ModelState);
                return ShowAgain(form);
        }

        this.ShowSuccess(form.Response == InvitationResponse.Declined
            ? "Your reply has been sent: your organisation will not attend"
            : result.Value.Waitlisted == 0
                ? "Your reply has been sent: your delegates have seats"
                : $"Your reply has been sent. The roundtable is full: {result.Value.Waitlisted} of your delegates {(result.Value.Waitlisted == 1 ? "is" : "are")} on the waitlist");
        return Redirect($"/portal/invitations/{id}");
    }

    /// <summary>The step a refused answer was on, again with its errors: the delegates for an acceptance, else the answer.</summary>
    private ViewResult ShowAgain(ReplyForm form)
    {
        form.PadSlots();
        return View(form.Response == InvitationResponse.Accepted ? nameof(Delegates) : nameof(Reply), form);
    }

    private async Task<AnswerView?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var organisationId = User.OrganisationId();
        return organisationId is null ? null : (await responses.AnswersAsync(null, organisationId, id, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The invitation (404 if not this organisation's) and the form, or the page to show instead once replies are closed.</summary>
    private async Task<(ReplyForm Form, IActionResult? Refusal)> FormAsync(int id, ReplyForm? posted, CancellationToken cancellationToken)
    {
        var invitation = await FindAsync(id, cancellationToken);
        if (invitation is null)
        {
            return (null!, NotFound());
        }

        if (!rsvp.CanAnswer(invitation.Roundtable, organiser: false))
        {
            return (null!, Redirect($"/portal/invitations/{id}"));
        }

        var form = posted ?? ReplyForm.From(invitation);
        form.Invitation = invitation;
        form.Contacts = await queries.ContactsAsync(invitation.OrganisationId, includeErased: true, cancellationToken);
        return (form, null);
    }
}

public sealed record ReplyPage(PortalInvitationView Invitation, bool CanAnswer, string ContactAddress);
