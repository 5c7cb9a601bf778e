using RoundtableManager.Core.Agenda;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Roundtables;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Core.Actions;

public enum ActionOwnerKind
{
    Staff = 0,
    Organisation = 1,
}

public enum ActionPriority
{
    Low = 0,
    Medium = 1,
    High = 2,
}

public enum ActionStatus
{
    Open = 0,
    InProgress = 1,
    Blocked = 2,

    /// <summary>The owning supplier says it is done; staff confirm (Done) or return it (Open).</summary>
    AwaitingConfirmation = 3,
    Done = 4,
    Cancelled = 5,
}

public enum ActionHistoryKind
{
    Created = 0,
    StatusChanged = 1,
    DueDateChanged = 2,
    OwnerChanged = 3,
    StaffLeadChanged = 4,
    PriorityChanged = 5,
    TitleChanged = 6,
    DescriptionChanged = 7,
    SourceChanged = 8,
    Commented = 9,
    EvidenceAdded = 10,
    EvidenceRemoved = 11,
}

public enum ActionEvidenceKind
{
    Link = 0,
    File = 1,
}

/// <summary>A follow-up action agreed at a roundtable, owned by a staff member or a supplier organisation.</summary>
public class FollowUpAction
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    public int Id { get; set; }

    public int RoundtableId { get; set; }

    public Roundtable Roundtable { get; set; } = null!;

    public int? AgendaItemId { get; set; }

    public AgendaItem? AgendaItem { get; set; }

    public int? DecisionId { get; set; }

    public Decision? Decision { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public ActionOwnerKind OwnerKind { get; set; }

    /// <summary>Set when <see cref="OwnerKind"/> is Staff: an organiser or staff account.</summary>
    public string? OwnerUserId { get; set; }

    public ApplicationUser? OwnerUser { get; set; }

    /// <summary>Set when <see cref="OwnerKind"/> is Organisation, with <see cref="OwnerContactId"/> (one of its contacts).</summary>
    public int? OwnerOrganisationId { get; set; }

    public Organisation? OwnerOrganisation { get; set; }

    public int? OwnerContactId { get; set; }

    public Contact? OwnerContact { get; set; }

    public string StaffLeadUserId { get; set; } = "";

    public ApplicationUser StaffLead { get; set; } = null!;

    /// <summary>A day in the UK, not an instant: overdue from the day after.</summary>
    public DateOnly DueDate { get; set; }

    public ActionPriority Priority { get; set; } = ActionPriority.Medium;

    public ActionStatus Status { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>When it became Done or Cancelled; cleared if it is opened again.</summary>
    public DateTime? ClosedUtc { get; set; }

    /// <summary>
    /// Concurrency token, raised by <see cref="ActionService"/> on every change: an edit made from an older copy
    /// is refused rather than silently overwriting someone else's.
    /// </summary>
    public int Version { get; set; } = 1;

    public List<ActionHistoryEntry> History { get; set; } = [];

    public List<ActionEvidence> Evidence { get; set; } = [];
}

/// <summary>One change or comment on an action. Append-only: never updated or removed.</summary>
public class ActionHistoryEntry : Data.IAppendOnly
{
    public const int ValueMaxLength = 500;
    public const int CommentMaxLength = 4000;

    public long Id { get; set; }

    public int ActionId { get; set; }

    public DateTime AtUtc { get; set; }

    public string? ActorUserId { get; set; }

    /// <summary>The actor's name as it was then, so the history survives the account.</summary>
    public string ActorName { get; set; } = "";

    /// <summary>Set when a supplier account acted (from the portal).</summary>
    public int? ActorOrganisationId { get; set; }

    public ActionHistoryKind Kind { get; set; }

    public string? FromValue { get; set; }

    public string? ToValue { get; set; }

    public string? Comment { get; set; }

    /// <summary>A staff-only note: never shown to the owning supplier.</summary>
    public bool StaffOnly { get; set; }
}

/// <summary>A link or a file showing progress on an action.</summary>
public class ActionEvidence
{
    public const int TitleMaxLength = 200;
    public const int UrlMaxLength = 2000;
    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 100;

    public int Id { get; set; }

    public int ActionId { get; set; }

    public ActionEvidenceKind Kind { get; set; }

    /// <summary>For links: an absolute https address.</summary>
    public string? Url { get; set; }

    public string Title { get; set; } = "";

    /// <summary>For files: the generated name under the evidence folder (outside wwwroot), never what was uploaded.</summary>
    public string? StoredFileName { get; set; }

    public string? OriginalFileName { get; set; }

    public string? ContentType { get; set; }

    public long? SizeBytes { get; set; }

    public string AddedByUserId { get; set; } = "";

    public string AddedByName { get; set; } = "";

    public int? AddedByOrganisationId { get; set; }

    public DateTime AddedUtc { get; set; }

    public static bool IsHttpsUrl(string? url) =>
        url is { Length: > 0 and <= UrlMaxLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && !string.IsNullOrEmpty(uri.Host)
        && !url.Any(char.IsWhiteSpace);
}
