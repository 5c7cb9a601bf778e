using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NetEscapades.AspNetCore.SecurityHeaders;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Invitations;
using RoundtableManager.Core.Roundtables;
using RoundtableManager.Core.Suppliers;
using RoundtableManager.Web.Infrastructure;
using RoundtableManager.Web.Infrastructure.TagHelpers;

namespace RoundtableManager.Web.Controllers;

public sealed class InvitationsController(AppDbContext db, InvitationService invitations, TimeProvider time) : Controller
{
    [Authorize(Policy = Policies.Organiser)]
    [HttpGet("roundtables/{id:int}/invite")]
    public async Task<IActionResult> Invite(int id, string? type, bool all, CancellationToken cancellationToken)
    {
        var (roundtable, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var page = new ChooseOrganisationsPage { Roundtable = roundtable, Type = Enum.TryParse<OrganisationType>(type, out var parsed) ? parsed.ToString() : null };
        await FillOrganisationChoicesAsync(page, all, cancellationToken);
        return View(page);
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("roundtables/{id:int}/invite/recipients")]
    public async Task<IActionResult> Recipients(int id, ChooseOrganisationsPage organisations, ChooseRecipientsPage recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(recipients);
        var (roundtable, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        // Coming back from the check page, the groups say what was ticked; from step 1, primary contacts are ticked.
        var returning = recipients.Groups.Count > 0;
        var organisationIds = returning ? recipients.Groups.Select(g => g.OrganisationId).ToList() : organisations.OrganisationIds;
        recipients.Roundtable = roundtable;
        recipients.Organisations = await LoadOrganisationsAsync(id, organisationIds, cancellationToken);
        if (recipients.Organisations.Count == 0)
        {
            organisations.Roundtable = roundtable;
            ModelState.AddModelError(nameof(ChooseOrganisationsPage.OrganisationIds), "Select at least one organisation to invite");
            await FillOrganisationChoicesAsync(organisations, false, cancellationToken);
            return View(nameof(Invite), organisations);
        }

        recipients.Groups = recipients.Organisations.Select(o => new RecipientGroup
        {
            OrganisationId = o.OrganisationId,
            ContactIds = returning
                ? recipients.Groups.First(g => g.OrganisationId == o.OrganisationId).ContactIds
                : o.Contacts.Where(c => c.IsPrimary).Select(c => c.Id).ToList(),
        }).ToList();
        return View(recipients);
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("roundtables/{id:int}/invite/check")]
    public async Task<IActionResult> Check(int id, ChooseRecipientsPage page, CancellationToken cancellationToken)
    {
        var (roundtable, refusal) = await CheckedRecipientsAsync(id, page, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var first = page.Organisations[0];
        page.Preview = invitations.Preview(roundtable, first.OrganisationName, page.Chosen(first).First().FullName);
        return View(page);
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("roundtables/{id:int}/invite/send")]
    public async Task<IActionResult> Send(int id, ChooseRecipientsPage page, CancellationToken cancellationToken)
    {
        var (roundtable, refusal) = await CheckedRecipientsAsync(id, page, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var contactIds = page.Organisations.SelectMany(page.Chosen).Select(c => c.Id).ToList();
        var result = await invitations.SendInvitationsAsync(id, contactIds, cancellationToken);
        TempData["Success"] = result.Outcome == InviteOutcome.Sent
            ? $"{Organisations(result.Organisations)} invited. {Plural.Count(result.Recipients, "email")} {(result.Recipients == 1 ? "is" : "are")} queued to send."
            : "Everyone you chose had already been invited, so nothing new was sent";
        return Redirect($"/roundtables/{id}");
    }

    /// <summary>The roundtable if it can take invitations and the chosen recipients are valid; otherwise the page to show.</summary>
    private async Task<(Roundtable Roundtable, IActionResult? Refusal)> CheckedRecipientsAsync(int id, ChooseRecipientsPage page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (roundtable, refusal) = await InvitableAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return (roundtable, refusal);
        }

        return await ValidateRecipientsAsync(roundtable, page, cancellationToken) ? (roundtable, null) : (roundtable, View(nameof(Recipients), page));
    }

    [Authorize(Policy = Policies.Staff)]
    [HttpGet("invitations/{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var invitation = (await invitations.ListAsync(null, id, cancellationToken)).SingleOrDefault();
        if (invitation is null)
        {
            return NotFound();
        }

        var roundtable = await db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == invitation.RoundtableId, cancellationToken);
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
        TempData["Success"] = $"{Plural.Count(result.Recipients, "person")} added. Their invitations are queued to send.";
        return Redirect($"/invitations/{id}");
    }

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("invitations/{id:int}/recipients/{recipientId:int}/resend")]
    public async Task<IActionResult> Resend(int id, int recipientId, CancellationToken cancellationToken)
    {
        var result = await invitations.ResendAsync(id, recipientId, cancellationToken);
        switch (result.Outcome)
        {
            case InviteOutcome.NotFound:
                return NotFound();
            case InviteOutcome.Sent:
                TempData["Success"] = "Invitation queued to send again with a new link. The old link no longer works.";
                return Redirect($"/invitations/{id}");
            default:
                var roundtable = await db.Invitations.AsNoTracking().Where(i => i.Id == id).Select(i => i.Roundtable).SingleAsync(cancellationToken);
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
        if (!await invitations.RevokeInvitationAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = "Invitation revoked. Its links no longer work.";
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
        if (!await invitations.RevokeRecipientAsync(id, recipientId, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = "Link revoked. It no longer works.";
        return Redirect($"/invitations/{id}");
    }

    /// <summary>
    /// Where a personal link lands. Only the opened time changes (mail scanners fetch links). A good token is moved into
    /// a protected cookie and the browser sent on to a clean address, so the token never reaches another page, a
    /// Referer header or a cache. A wrong, expired or revoked token gets the same "not valid" page and status.
    /// </summary>
    [AllowAnonymous]
    [HttpGet("invitation/{token}")]
    [SecurityHeadersPolicy(SecurityHeaders.NoReferrerPolicy)]
    [RateLimit(RateLimits.InvitationLink)]
    public async Task<IActionResult> Open(string token, [FromServices] PendingInvitationCookie pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        Response.Headers.CacheControl = "no-store";
        var landing = await invitations.OpenLinkAsync(token, cancellationToken);
        if (landing is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View(InvitationLinksController.NotValidView, new NewLinkModel());
        }

        pending.Set(HttpContext, InvitationToken.Hash(token));
        return Redirect("/invitation");
    }

    private async Task<(Roundtable Roundtable, IActionResult? Refusal)> InvitableAsync(int id, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return roundtable is null ? (null!, NotFound()) : (roundtable, CannotInvite(roundtable));
    }

    private ViewResult? CannotInvite(Roundtable roundtable)
    {
        var reason = roundtable.Status != RoundtableStatus.OpenForResponses
            ? "Organisations can only be invited while the roundtable is open for responses. Change its status first."
            : time.GetUtcNow().UtcDateTime >= roundtable.RsvpDeadlineUtc
                ? $"The reply-by time ({UkTime.Format(roundtable.RsvpDeadlineUtc)}) has passed, so new invitation links would not work. Move the reply-by date first."
                : null;
        return reason is null ? null : View("CannotInvite", new CannotInvitePage(roundtable, reason));
    }

    private async Task FillOrganisationChoicesAsync(ChooseOrganisationsPage page, bool selectAll, CancellationToken cancellationToken)
    {
        OrganisationType? type = Enum.TryParse<OrganisationType>(page.Type, out var parsed) ? parsed : null;
        var roundtableId = page.Roundtable.Id;
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => !o.IsArchived && (type == null || o.Type == type))
            .OrderBy(o => o.Name)
            .Select(o => new
            {
                o.Id,
                o.Name,
                o.Type,
                Contacts = o.Contacts.Count(c => c.ErasedUtc == null),
                Invited = db.Invitations.Any(i => i.RoundtableId == roundtableId && i.OrganisationId == o.Id && i.RevokedUtc == null),
            })
            .ToListAsync(cancellationToken);
        var selectable = organisations.Where(o => o.Contacts > 0 && !o.Invited).ToList();
        page.SelectableCount = selectable.Count;
        page.Choices = selectable.Select(o => new CheckboxItem(
            o.Id.ToString(CultureInfo.InvariantCulture),
            o.Name,
            $"{o.Type.DisplayName()}, {Plural.Count(o.Contacts, "contact")}",
            selectAll || page.OrganisationIds.Contains(o.Id))).ToList();
        // Disabled checkboxes are hard to read and to reach, so organisations that cannot be chosen are listed instead.
        page.Unavailable = organisations.Where(o => o.Contacts == 0 || o.Invited)
            .Select(o => (o.Name, o.Invited ? "already invited: add people on its invitation page" : "no contacts yet: add one in the supplier directory"))
            .ToList();
    }

    private async Task<IReadOnlyList<OrganisationContacts>> LoadOrganisationsAsync(int roundtableId, List<int> organisationIds, CancellationToken cancellationToken)
    {
        var ids = organisationIds.Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => ids.Contains(o.Id) && !o.IsArchived)
            .Where(o => !db.Invitations.Any(i => i.RoundtableId == roundtableId && i.OrganisationId == o.Id && i.RevokedUtc == null))
            .OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, Contacts = o.Contacts.Where(c => c.ErasedUtc == null).OrderByDescending(c => c.IsPrimary).ThenBy(c => c.FullName).ToList() })
            .ToListAsync(cancellationToken);
        return organisations.Where(o => o.Contacts.Count > 0).Select(o => new OrganisationContacts(o.Id, o.Name, o.Contacts)).ToList();
    }

    private async Task<bool> ValidateRecipientsAsync(Roundtable roundtable, ChooseRecipientsPage page, CancellationToken cancellationToken)
    {
        page.Roundtable = roundtable;
        page.Organisations = await LoadOrganisationsAsync(roundtable.Id, page.Groups.Select(g => g.OrganisationId).ToList(), cancellationToken);
        // Keep only groups for organisations that can still be invited, each with only its own contacts.
        page.Groups = page.Organisations.Select(o => new RecipientGroup
        {
            OrganisationId = o.OrganisationId,
            ContactIds = page.Groups.First(g => g.OrganisationId == o.OrganisationId).ContactIds.Where(c => o.Contacts.Any(x => x.Id == c)).Distinct().ToList(),
        }).ToList();
        if (page.Organisations.Count == 0)
        {
            ModelState.AddModelError("", "Select at least one organisation to invite");
            return false;
        }

        for (var i = 0; i < page.Groups.Count; i++)
        {
            if (page.Groups[i].ContactIds.Count == 0)
            {
                ModelState.AddModelError($"Groups[{i}].ContactIds", $"Select at least one person at {page.Organisations[i].OrganisationName}");
            }
        }

        return ModelState.ErrorCount == 0;
    }

    private async Task<IActionResult?> AddRecipientsPageAsync(int id, AddRecipientsPage page, CancellationToken cancellationToken)
    {
        var invitation = (await invitations.ListAsync(null, id, cancellationToken)).SingleOrDefault();
        if (invitation is null || invitation.RevokedUtc is not null)
        {
            return NotFound();
        }

        var roundtable = await db.Roundtables.AsNoTracking().SingleAsync(r => r.Id == invitation.RoundtableId, cancellationToken);
        if (CannotInvite(roundtable) is { } refusal)
        {
            return refusal;
        }

        var current = invitation.Recipients.Where(r => r.State != InvitationState.Revoked && r.ContactId is not null).Select(r => r.ContactId!.Value).ToHashSet();
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.OrganisationId == invitation.OrganisationId && c.ErasedUtc == null)
            .OrderBy(c => c.FullName)
            .ToListAsync(cancellationToken);
        page.Invitation = invitation;
        page.Choices = contacts.Where(c => !current.Contains(c.Id))
            .Select(c => new CheckboxItem(c.Id.ToString(CultureInfo.InvariantCulture), $"{c.FullName} ({c.Email})", c.JobTitle, page.ContactIds.Contains(c.Id)))
            .ToList();
        return null;
    }

    private static string Organisations(int count) => Plural.Count(count, "organisation");
}
