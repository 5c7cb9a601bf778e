namespace RoundtableManager.Core.Agenda;

/// <summary>Who is reading: suppliers never get a RED item's description, lead, references or minutes.</summary>
public enum AgendaAudience
{
    Government,
    Supplier,
}

public sealed record AgendaItemDetails(
    AgendaItemKind Kind,
    string Title,
    string? Description,
    AgendaCategory Category,
    string? LeadUserId,
    string? LeadName,
    string? LeadOrganisation,
    int DurationMinutes,
    TlpMarking Marking,
    string? ContractClauses,
    IReadOnlyCollection<int> ReferenceIds);

public sealed record DecisionView(string Text, string RecordedBy, DateTime RecordedUtc);

public sealed record AgendaItemView(
    int Id,
    int Position,
    AgendaItemKind Kind,
    string Title,
    string? Description,
    AgendaCategory Category,
    string? LeadName,
    string? LeadOrganisation,
    int DurationMinutes,
    TlpMarking Marking,
    string? ContractClauses,
    IReadOnlyList<string> References,
    DateTime StartsUtc,
    DateTime EndsUtc,
    DateTime? UpdatedAfterPublishUtc,
    string? Minutes,
    DateTime? MinutesPublishedUtc,
    DateTime? MinutesRevisedUtc,
    IReadOnlyList<DecisionView> Decisions,
    IReadOnlyList<string> SuggestedBy,
    bool Redacted)
{
    public bool IsBreak => Kind == AgendaItemKind.Break;

    public string Lead => LeadName is null ? "" : LeadOrganisation is null ? LeadName : $"{LeadName} ({LeadOrganisation})";
}

public sealed record AgendaView(
    int RoundtableId,
    string RoundtableTitle,
    DateTime StartsUtc,
    DateTime EndsUtc,
    DateTime? PublishedUtc,
    IReadOnlyList<AgendaItemView> Items)
{
    public DateTime AgendaEndsUtc => Items.Count == 0 ? StartsUtc : Items[^1].EndsUtc;

    public bool RunsOver => AgendaEndsUtc > EndsUtc;

    public int OverrunMinutes => (int)Math.Ceiling((AgendaEndsUtc - EndsUtc).TotalMinutes);
}

public sealed record LeadOption(string UserId, string Name);

/// <summary>Someone who gets the published agenda.</summary>
public sealed record AgendaRecipient(string Email, string Name, int OrganisationId);

public sealed record AgendaItemTitle(int Id, string Title);
