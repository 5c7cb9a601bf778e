namespace RoundtableManager.Core.Agenda;

public enum AgendaCategory
{
    Contracting,
    SecurityControls,
    ThreatBriefing,
    Other,
}

public enum AgendaItemKind
{
    Item,
    Break,
}

/// <summary>Traffic Light Protocol 2.0 markings. Suppliers see only the title of a RED item.</summary>
public enum TlpMarking
{
    Clear,
    Green,
    Amber,
    AmberStrict,
    Red,
}

public enum ReferenceKind
{
    CafObjective,
    CyberEssentials,
    Other,
}

public enum ProposalStatus
{
    Submitted,
    Accepted,
    Merged,
    Declined,
}

public class AgendaItem : Entity
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int NameMaxLength = 200;
    public const int ClausesMaxLength = 500;
    public const int MinutesMaxLength = 50_000;

    public int RoundtableId { get; set; }

    /// <summary>Order within the roundtable's agenda, from 1; start times follow from it.</summary>
    public int Position { get; set; }

    public AgendaItemKind Kind { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public AgendaCategory Category { get; set; }

    /// <summary>A staff member or organiser leading the item, or null.</summary>
    public string? LeadUserId { get; set; }

    /// <summary>The lead's name as shown: the staff member's name when chosen, or a supplier delegate typed in.</summary>
    public string? LeadName { get; set; }

    public string? LeadOrganisation { get; set; }

    public int DurationMinutes { get; set; }

    public TlpMarking Marking { get; set; } = TlpMarking.Amber;

    /// <summary>Free-text contract clause references, such as "Schedule 2.4, clause 14".</summary>
    public string? ContractClauses { get; set; }

    /// <summary>Set when the item changes after the agenda was published, so readers see it was updated.</summary>
    public DateTime? UpdatedAfterPublishUtc { get; set; }

    /// <summary>The current minutes (Markdown); every version is kept in <see cref="MinutesRevisions"/>.</summary>
    public string? Minutes { get; set; }

    public DateTime? MinutesPublishedUtc { get; set; }

    /// <summary>The last edit after the minutes were published: readers see "Revised on ...".</summary>
    public DateTime? MinutesRevisedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public List<AgendaItemReference> References { get; set; } = [];

    public List<MinutesRevision> MinutesRevisions { get; set; } = [];

    public List<Decision> Decisions { get; set; } = [];
}

/// <summary>When a roundtable's agenda was published to accepted organisations.</summary>
public class AgendaPublication
{
    public int RoundtableId { get; set; }

    public DateTime PublishedUtc { get; set; }

    public string PublishedBy { get; set; } = "";
}

/// <summary>Something an agenda item can cite: a CAF objective, a Cyber Essentials control, or one organisers add.</summary>
public class Reference : Entity
{
    public const int CodeMaxLength = 20;
    public const int TitleMaxLength = 200;

    public ReferenceKind Kind { get; set; }

    public string Code { get; set; } = "";

    public string Title { get; set; } = "";

    public string Display => string.IsNullOrEmpty(Code) ? Title : $"{Code} {Title}";
}

public class AgendaItemReference
{
    public int AgendaItemId { get; set; }

    public int ReferenceId { get; set; }

    public Reference Reference { get; set; } = null!;
}

public class MinutesRevision : Entity
{
    public int AgendaItemId { get; set; }

    public string Text { get; set; } = "";

    public string? AuthorUserId { get; set; }

    public string AuthorName { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>True when the minutes were already published when this revision was saved.</summary>
    public bool AfterPublishing { get; set; }
}

public class Decision : Entity
{
    public const int TextMaxLength = 2000;

    public int AgendaItemId { get; set; }

    public string Text { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedUtc { get; set; }
}

/// <summary>A topic or question an invited organisation proposes for the agenda.</summary>
public class Proposal : Entity
{
    public const int TextMaxLength = 2000;
    public const int ReasonMaxLength = 1000;

    public int RoundtableId { get; set; }

    public int OrganisationId { get; set; }

    public string SubmittedByUserId { get; set; } = "";

    public string SubmittedByName { get; set; } = "";

    public AgendaCategory Category { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Whether other suppliers may see which organisation asked.</summary>
    public bool ShowWhoAsked { get; set; }

    public ProposalStatus Status { get; set; }

    public string? DeclineReason { get; set; }

    public int? AgendaItemId { get; set; }

    public AgendaItem? AgendaItem { get; set; }

    public int? DuplicateOfId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? DecidedUtc { get; set; }
}
