namespace RoundtableManager.Web.Invitations;

/// <summary>An invitation once sent: who it went to, adding people, sending a link again, revoking.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class InvitationsController(InvitationQueries queries, InvitationService invitations, TimeProvider time) : Controller
{
    [HttpGet("invitations/{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var invitation = (await invitations.ListAsync(null, id, cancellationToken)).SingleOrDefault();
        if (invitation is null)
        {
            return NotFound();
        }

        var roundtable = (await queries.FindRoundtableAsync(invitation.RoundtableId, cancellationToken))!;
        return View(new InvitationPage(invitation, roundtable, User.IsInRole(Roles.Organiser)));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("invitations/{id:int}/recipients/new")]
    public async Task<IActionResult> AddRecipients(int id, CancellationToken cancellationToken)
    {
        var page = new AddRecipientsPage();
        return await AddRecipientsPageAsync(id, page, cancellationToken) ?? View(page);
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("invitations/{id:int}/recipients/new")]
    public async Task<IActionResult> AddRecipients(int id, AddRecipientsPage page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (await AddRecipientsPageAsync(id, page, cancellationToken) is { } early)
        {
            return early;
        }

        var allowed = page.Choices.Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToHashSet();
        var chosen = page.ContactIds.Where(allowed.Contains).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(nameof(AddRecipientsPage.ContactIds), "Select at least one person to invite");
            return View(page);
        }

        var result = await invitations.SendInvitationsAsync(page.Invitation.RoundtableId, chosen, cancellationToken);
        this.ShowSuccess($"{Plural.Count(result.Value?.Recipients ?? 0, "person")} added. Their invitations are queued to send.");
        return Redirect($"/invitations/{id}");
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("invitations/{id:int}/recipients/{recipientId:int}/resend")]
    public async Task<IActionResult> Resend(int id, int recipientId, CancellationToken cancellationToken)
    {
        var result = await invitations.ResendAsync(id, recipientId, cancellationToken);
        switch (result.Status)
        {
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Done:
                this.ShowSuccess("Invitation queued to send again with a new link. The old link no longer works.");
                return Redirect($"/invitations/{id}");
            default:
                var roundtable = (await queries.RoundtableOfInvitationAsync(id, cancellationToken))!;
                return (IActionResult?)CannotInvite(roundtable) ?? NotFound();
        }
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("invitations/{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, CancellationToken cancellationToken)
    {
        var invitation = (await invitations.ListAsync(null, id, cancellationToken)).SingleOrDefault();
        return invitation is null ? NotFound() : View(new RevokePage(invitation, null));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("invitations/{id:int}/revoke")]
    [ActionName(nameof(Revoke))]
    public async Task<IActionResult> RevokeConfirmed(int id, CancellationToken cancellationToken)
    {
        if (!this.ShowResult(await invitations.RevokeInvitationAsync(id, cancellationToken), "Invitation revoked. Its links no longer work."))
        {
            return NotFound();
        }

        return Redirect($"/invitations/{id}");
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("invitations/{id:int}/recipients/{recipientId:int}/revoke")]
    public async Task<IActionResult> RevokeRecipient(int id, int recipientId, CancellationToken cancellationToken)
    {
        var invitation = (await invitations.ListAsync(null, id, cancellationToken)).SingleOrDefault();
        var recipient = invitation?.Recipients.SingleOrDefault(r => r.Id == recipientId);
        return recipient is null ? NotFound() : View("Revoke", new RevokePage(invitation!, recipient));
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("invitations/{id:int}/recipients/{recipientId:int}/revoke")]
    [ActionName(nameof(RevokeRecipient))]
    public async Task<IActionResult> RevokeRecipientConfirmed(int id, int recipientId, CancellationToken cancellationToken)
    {
        if (!this.ShowResult(await invitations.RevokeRecipientAsync(id, recipientId, cancellationToken), "Link revoked. It no longer works."))
        {
            return NotFound();
        }

        return Redirect($"/invitations/{id}");
    }

    private ViewResult? CannotInvite(Roundtable roundtable) => this.CannotInvite(roundtable, time);

    private async Task<IActionResult?> AddRecipientsPageAsync(int id, AddRecipientsPage page, CancellationToken cancellationToken)
    {
        var invitation = (await invitations.ListAsync(null, id, cancellationToken)).SingleOrDefault();
        if (invitation is null || invitation.RevokedUtc is not null)
        {
            return NotFound();
        }

        var roundtable = (await queries.FindRoundtableAsync(invitation.RoundtableId, cancellationToken))!;
        if (CannotInvite(roundtable) is { } refusal)
        {
            return refusal;
        }

        var current = invitation.Recipients.Where(r => r.State != InvitationState.Revoked && r.ContactId is not null).Select(r => r.ContactId!.Value).ToHashSet();
        var contacts = await queries.ContactsAsync(invitation.OrganisationId, includeErased: false, cancellationToken);
        page.Invitation = invitation;
        page.Choices = contacts.Where(c => !current.Contains(c.Id))
            .Select(c => new CheckboxItem(c.Id.ToString(CultureInfo.InvariantCulture), $"{c.FullName} ({c.Email})", c.JobTitle, page.ContactIds.Contains(c.Id)))
            .ToList();
        return null;
    }
}
