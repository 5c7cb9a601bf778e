namespace RoundtableManager.Core.Actions;

/// <summary>Who is changing an action: a staff account, or a supplier account of <see cref="OrganisationId"/>.</summary>
public sealed record ActionActor(string UserId, string Name, int? OrganisationId = null);

/// <summary>
/// An action as a form gives it, already parsed (the due date is a date, the enums are values). Field errors come back
/// under these names, so a form with properties of the same names shows each beside its field.
/// </summary>
public sealed record ActionInput(
    int RoundtableId,
    int? AgendaItemId,
    int? DecisionId,
    string? Title,
    string? Description,
    ActionOwnerKind OwnerKind,
    string? OwnerUserId,
    int? OwnerOrganisationId,
    int? OwnerContactId,
    string? StaffLeadUserId,
    DateOnly DueDate,
    ActionPriority Priority);

public sealed record ActionHistoryView(
    long Id,
    DateTime AtUtc,
    string ActorName,
    bool BySupplier,
    ActionHistoryKind Kind,
    string? FromValue,
    string? ToValue,
    string? Comment,
    bool StaffOnly);

public sealed record ActionEvidenceView(
    int Id,
    ActionEvidenceKind Kind,
    string Title,
    string? Url,
    string? OriginalFileName,
    string? ContentType,
    long? SizeBytes,
    string AddedByName,
    DateTime AddedUtc);

public sealed record ActionDetails(
    int Id,
    int RoundtableId,
    string RoundtableTitle,
    int? AgendaItemId,
    string? AgendaItemTitle,
    int? DecisionId,
    string? DecisionText,
    string Title,
    string? Description,
    ActionOwnerKind OwnerKind,
    string? OwnerUserId,
    string? OwnerUserName,
    int? OwnerOrganisationId,
    string? OwnerOrganisationName,
    int? OwnerContactId,
    string? OwnerContactName,
    string? OwnerContactEmail,
    string StaffLeadUserId,
    string StaffLeadName,
    DateOnly DueDate,
    ActionPriority Priority,
    ActionStatus Status,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    DateTime? ClosedUtc,
    int Version,
    IReadOnlyList<ActionHistoryView> History,
    IReadOnlyList<ActionEvidenceView> Evidence)
{
    public string Owner => ActionNames.Owner(OwnerKind, OwnerUserName, OwnerOrganisationName, OwnerContactName);

    public ActionInput ToInput() => new(RoundtableId, AgendaItemId, DecisionId, Title, Description, OwnerKind, OwnerUserId, OwnerOrganisationId, OwnerContactId, StaffLeadUserId, DueDate, Priority);
}

/// <summary>The register's filters. Null means "not filtered"; <see cref="Status"/> null with <see cref="ActiveOnly"/> means not closed.</summary>
public sealed record ActionQuery
{
    public const int PageSize = 25;

    public int? RoundtableId { get; init; }

    public int? AgendaItemId { get; init; }

    public string? OwnerUserId { get; init; }

    public int? OrganisationId { get; init; }

    public ActionStatus? Status { get; init; }

    /// <summary>Leave out Done and Cancelled (the register's default).</summary>
    public bool ActiveOnly { get; init; }

    public bool Overdue { get; init; }

    public bool DueThisWeek { get; init; }

    /// <summary>Only actions this user owns or leads.</summary>
    public string? MineUserId { get; init; }

    public int Page { get; init; } = 1;
}

public sealed record ActionListItem(
    int Id,
    string Title,
    int RoundtableId,
    string RoundtableTitle,
    ActionOwnerKind OwnerKind,
    string? OwnerUserName,
    string? OwnerOrganisationName,
    string? OwnerContactName,
    string StaffLeadName,
    DateOnly DueDate,
    ActionPriority Priority,
    ActionStatus Status,
    bool IsOverdue)
{
    public string Owner => ActionNames.Owner(OwnerKind, OwnerUserName, OwnerOrganisationName, OwnerContactName);
}

/// <summary>Counts over the register's scope (roundtable, owner, organisation, "mine"), whatever status filter is chosen.</summary>
public sealed record ActionCounts(int Open, int Overdue, int DueThisWeek, int AwaitingConfirmation);

public sealed record ActionRegisterPage(IReadOnlyList<ActionListItem> Items, int Page, int TotalCount, ActionCounts Counts, DateOnly Today, DateOnly WeekEnds)
{
    public int TotalPages => Math.Max(1, (TotalCount + ActionQuery.PageSize - 1) / ActionQuery.PageSize);
}

/// <summary>One point of the progress picture: the state of a roundtable's actions at the end of <see cref="Date"/>.</summary>
public sealed record ActionProgressPoint(DateOnly Date, int Open, int Done, int Overdue);

public sealed record ActionChoice(string Value, string Text);

/// <summary>Where an action comes from when added from an agenda item: the item, its roundtable and its decisions.</summary>
public sealed record ActionSource(int RoundtableId, string RoundtableTitle, int AgendaItemId, string AgendaItemTitle, IReadOnlyList<ActionChoice> Decisions);
