using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.Rendering;
using RoundtableManager.Core.Invitations;
using RoundtableManager.Core.Roundtables;
using RoundtableManager.Core.Suppliers;
using RoundtableManager.Web.Infrastructure.TagHelpers;

namespace RoundtableManager.Web.Controllers;

/// <summary>Step 1 of inviting: which organisations.</summary>
public sealed class ChooseOrganisationsPage
{
    public static readonly IReadOnlyList<SelectListItem> TypeOptions =
    [
        new("All types", ""),
        .. Enum.GetValues<OrganisationType>().Select(t => new SelectListItem(t.DisplayName(), t.ToString())),
    ];

    [BindNever]
    [ValidateNever]
    public Roundtable Roundtable { get; set; } = null!;

    public string? Type { get; set; }

    public List<int> OrganisationIds { get; set; } = [];

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<CheckboxItem> Choices { get; set; } = [];

    [BindNever]
    [ValidateNever]
    public int SelectableCount { get; set; }

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<(string Name, string Reason)> Unavailable { get; set; } = [];
}

/// <summary>The contacts chosen at one organisation. OrganisationId is always posted, so an empty choice is kept as empty.</summary>
public sealed class RecipientGroup
{
    public int OrganisationId { get; set; }

    public List<int> ContactIds { get; set; } = [];
}

public sealed record OrganisationContacts(int OrganisationId, string OrganisationName, IReadOnlyList<Contact> Contacts);

/// <summary>Steps 2 (who at each organisation) and 3 (check and send) of inviting.</summary>
public sealed class ChooseRecipientsPage
{
    public List<int> OrganisationIds { get; set; } = [];

    public List<RecipientGroup> Groups { get; set; } = [];

    [BindNever]
    [ValidateNever]
    public Roundtable Roundtable { get; set; } = null!;

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<OrganisationContacts> Organisations { get; set; } = [];

    [BindNever]
    [ValidateNever]
    public EmailPreview? Preview { get; set; }

    public int PeopleCount => Groups.Sum(g => g.ContactIds.Count);

    public IEnumerable<Contact> Chosen(OrganisationContacts organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var ids = Groups.FirstOrDefault(g => g.OrganisationId == organisation.OrganisationId)?.ContactIds ?? [];
        return organisation.Contacts.Where(c => ids.Contains(c.Id));
    }

    public IReadOnlyList<CheckboxItem> Choices(int groupIndex)
    {
        var organisation = Organisations[groupIndex];
        var ticked = Groups[groupIndex].ContactIds;
        return organisation.Contacts
            .Select(c => new CheckboxItem(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{c.FullName} ({c.Email})",
                string.Join(", ", new[] { c.JobTitle, c.IsPrimary ? "Primary contact" : null }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } hint ? hint : null,
                ticked.Contains(c.Id)))
            .ToList();
    }
}

public sealed record CannotInvitePage(Roundtable Roundtable, string Reason);

public sealed record InvitationPage(InvitationView Invitation, Roundtable Roundtable, bool CanChange);

public sealed class AddRecipientsPage
{
    public List<int> ContactIds { get; set; } = [];

    [BindNever]
    [ValidateNever]
    public InvitationView Invitation { get; set; } = null!;

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<CheckboxItem> Choices { get; set; } = [];
}

public sealed record RevokePage(InvitationView Invitation, RecipientView? Recipient);

