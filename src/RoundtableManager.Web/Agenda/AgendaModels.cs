namespace RoundtableManager.Web.Agenda;

/// <summary>The agenda item form, kept as typed so a mistake is shown back exactly as entered.</summary>
public sealed class AgendaItemForm
{
    public static readonly IReadOnlyList<SelectListItem> KindOptions =
    [
        new("An agenda item", nameof(AgendaItemKind.Item)),
        new("A break", nameof(AgendaItemKind.Break)),
    ];

    public static readonly IReadOnlyList<SelectListItem> CategoryOptions =
        AgendaNames.Categories.Select(c => new SelectListItem(c.DisplayName(), c.ToString())).ToList();

    public static readonly IReadOnlyList<SelectListItem> MarkingOptions =
        AgendaNames.Markings.Select(m => new SelectListItem($"{m.Label()}: {m.Meaning()}", m.ToString())).ToList();

    public string? Kind { get; set; } = nameof(AgendaItemKind.Item);

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Category { get; set; } = nameof(AgendaCategory.SecurityControls);

    public string? LeadUserId { get; set; }

    public string? LeadName { get; set; }

    public string? LeadOrganisation { get; set; }

    public string? Duration { get; set; } = "30";

    public string? Marking { get; set; } = nameof(TlpMarking.Amber);

    public string? ContractClauses { get; set; }

    public List<int> ReferenceIds { get; set; } = [];

    public static AgendaItemForm From(AgendaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new()
        {
            Kind = item.Kind.ToString(),
            Title = item.Title,
            Description = item.Description,
            Category = item.Category.ToString(),
            LeadUserId = item.LeadUserId,
            LeadName = item.LeadUserId is null ? item.LeadName : null,
            LeadOrganisation = item.LeadUserId is null ? item.LeadOrganisation : null,
            Duration = item.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            Marking = item.Marking.ToString(),
            ContractClauses = item.ContractClauses,
            ReferenceIds = item.References.Select(r => r.ReferenceId).ToList(),
        };
    }

    /// <summary>
    /// Reads what was typed, adding a GOV.UK error message for anything missing or not understood; returns the details
    /// only if everything was read (Core's <see cref="AgendaRules"/> then decide). When something was not read, the
    /// rules are checked on what was, so every problem shows at once.
    /// </summary>
    public AgendaItemDetails? Parse(ModelStateDictionary errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Enum.TryParse<AgendaItemKind>(Kind, out var kind) || !Enum.IsDefined(kind))
        {
            errors.AddModelError(nameof(Kind), "Select whether this is an agenda item or a break");
        }

        if (!Enum.TryParse<AgendaCategory>(Category, out var category) || !Enum.IsDefined(category))
        {
            errors.AddModelError(nameof(Category), "Select the category");
        }

        int? duration = null;
        if (string.IsNullOrWhiteSpace(Duration))
        {
            errors.AddModelError(nameof(Duration), "Enter the duration in minutes");
        }
        else if (!int.TryParse(Duration.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            errors.AddModelError(nameof(Duration), "Duration must be a whole number of minutes, like 30");
        }
        else
        {
            duration = minutes;
        }

        if (!Enum.TryParse<TlpMarking>(Marking, out var marking) || !Enum.IsDefined(marking))
        {
            errors.AddModelError(nameof(Marking), "Select the sensitivity marking");
        }

        if (errors.ErrorCount > 0)
        {
            errors.AddFieldErrors(AgendaRules.CheckItem(kind, Title, Description, LeadUserId, LeadName, LeadOrganisation, ContractClauses, duration));
            return null;
        }

        return new AgendaItemDetails(kind, Title ?? "", Description, category, AgendaRules.Clean(LeadUserId), AgendaRules.Clean(LeadName),
            AgendaRules.Clean(LeadOrganisation), duration!.Value, marking, ContractClauses, ReferenceIds);
    }
}

/// <summary>Context for the item form (in ViewData["Page"]); the form itself is the view's model so errors match its fields.</summary>
public sealed record AgendaItemPage(int RoundtableId, string RoundtableTitle, int? ItemId, IReadOnlyList<SelectListItem> LeadOptions, IReadOnlyList<CheckboxItem> ReferenceOptions);

public sealed record AgendaPage(AgendaView Agenda, bool CanChange, int ProposalsWaiting);

/// <summary>What the shared agenda table partial shows: links and reorder buttons only where the reader may use them.</summary>
public sealed record AgendaTable(AgendaView Agenda, bool CanReorder, string? ItemLinkBase, bool ShowMinutes);

public sealed record AgendaItemDetailPage(AgendaView Agenda, AgendaItemView Item, IReadOnlyList<MinutesRevision> Revisions, bool IsOrganiser)
{
    /// <summary>The decision being typed, shown back when it was refused.</summary>
    public string? Decision { get; init; }
}

public sealed class MinutesForm
{
    public string? Minutes { get; set; }
}

public sealed record MinutesPage(AgendaView Agenda, AgendaItemView Item);

public sealed record RevisionPage(AgendaView Agenda, AgendaItemView Item, MinutesRevision Revision, MinutesRevision? Previous);

public sealed class DecisionForm
{
    public string? Decision { get; set; }
}

public sealed class ReferenceForm
{
    public static readonly IReadOnlyList<SelectListItem> KindOptions =
        Enum.GetValues<ReferenceKind>().Select(k => new SelectListItem(k.DisplayName(), k.ToString())).ToList();

    public string? Kind { get; set; } = nameof(ReferenceKind.Other);

    public string? Code { get; set; }

    public string? Title { get; set; }
}

public sealed record PublishAgendaPage(AgendaView Agenda, int People);
