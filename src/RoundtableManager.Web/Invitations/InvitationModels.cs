namespace RoundtableManager.Web.Invitations;

/// <summary>Step 1 of inviting: which organisations, a page at a time; the choice is kept on the server between pages.</summary>
public sealed class ChooseOrganisationsPage
{
    public static readonly IReadOnlyList<SelectListItem> TypeOptions =
    [
        new("All types", ""),
        .. Enum.GetValues<OrganisationType>().Select(t => new SelectListItem(t.DisplayName(), t.ToString())),
    ];

    [ShownOnly]
    public Roundtable Roundtable { get; set; } = null!;

    public string? Type { get; set; }

    /// <summary>The tag the organisations are filtered by (Engagement: "invite everyone tagged X who is not yet invited").</summary>
    public int? Tag { get; set; }

    [ShownOnly]
    public IReadOnlyList<Core.Engagement.TagName> Tags { get; set; } = [];

    public string? TagName => Tags.FirstOrDefault(t => t.Id == Tag)?.Name;

    public IEnumerable<SelectListItem> TagOptions() =>
        new[] { new SelectListItem("All tags", "") }.Concat(Tags.Select(t => new SelectListItem(t.Name, t.Id.ToString(CultureInfo.InvariantCulture))));

    public int Page { get; set; } = 1;

    /// <summary>The organisations the page showed: those not ticked are taken out of the choice.</summary>
    public List<int> Shown { get; set; } = [];

    public List<int> OrganisationIds { get; set; } = [];

    /// <summary>Which button: "continue", "previous" or "next" (page).</summary>
    public string? Go { get; set; }

    [ShownOnly]
    public ChooseOrganisationsView View { get; set; } = null!;

    public OrganisationType? TypeFilter => Enum.TryParse<OrganisationType>(Type, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    public IReadOnlyList<CheckboxItem> Choices() => View.Organisations
        .Select(o => new CheckboxItem(o.Id.ToString(CultureInfo.InvariantCulture), o.Name, $"{o.Type.DisplayName()}, {Plural.Count(o.Contacts, "contact")}", o.Selected))
        .ToList();
}

/// <summary>The contacts chosen at one organisation. OrganisationId is always posted, so an empty choice is kept as empty.</summary>
public sealed class RecipientGroup
{
    public int OrganisationId { get; set; }

    public List<int> ContactIds { get; set; } = [];
}

/// <summary>Step 2 of inviting: who at each chosen organisation, a page of organisations at a time.</summary>
public sealed class ChooseRecipientsPage
{
    public int Page { get; set; } = 1;

    public List<RecipientGroup> Groups { get; set; } = [];

    /// <summary>Which button: "continue", "previous" or "next" (page).</summary>
    public string? Go { get; set; }

    [ShownOnly]
    public Roundtable Roundtable { get; set; } = null!;

    [ShownOnly]
    public ChoosePeopleView View { get; set; } = null!;

    public IReadOnlyList<CheckboxItem> Choices(int groupIndex)
    {
        var organisation = View.Groups[groupIndex];
        var ticked = Groups[groupIndex].ContactIds;
        return organisation.Contacts
            .Select(c => new CheckboxItem(c.Id.ToString(CultureInfo.InvariantCulture), $"{c.FullName} ({c.Email})",
                string.Join(", ", new[] { c.JobTitle, c.IsPrimary ? "Primary contact" : null }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } hint ? hint : null,
                ticked.Contains(c.Id)))
            .ToList();
    }
}

/// <summary>Step 3 of inviting: check and send. Its form carries only the version of the choice it shows.</summary>
public sealed record CheckInvitationsPage(Roundtable Roundtable, SelectionSummary Summary, EmailPreview Preview)
{
    public const int Listed = 50;
}

public sealed record CannotInvitePage(Roundtable Roundtable, string Reason);

public sealed record InvitationPage(InvitationView Invitation, Roundtable Roundtable, bool CanChange);

public sealed class AddRecipientsPage
{
    public List<int> ContactIds { get; set; } = [];

    [ShownOnly]
    public InvitationView Invitation { get; set; } = null!;

    [ShownOnly]
    public IReadOnlyList<CheckboxItem> Choices { get; set; } = [];
}

public sealed record RevokePage(InvitationView Invitation, RecipientView? Recipient);

