namespace RoundtableManager.Core.Actions;

public static class ActionNames
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static readonly IReadOnlyList<ActionStatus> Statuses = Enum.GetValues<ActionStatus>();

    public static readonly IReadOnlyList<ActionPriority> Priorities = [ActionPriority.High, ActionPriority.Medium, ActionPriority.Low];

    /// <summary>Not Done and not Cancelled: still someone's to do (or to confirm).</summary>
    public static bool IsActive(this ActionStatus status) => status is not (ActionStatus.Done or ActionStatus.Cancelled);

    public static string DisplayName(this ActionStatus status) => status switch
    {
        ActionStatus.InProgress => "In progress",
        ActionStatus.AwaitingConfirmation => "Awaiting confirmation",
        _ => status.ToString(),
    };

    public static string DisplayName(this ActionPriority priority) => priority.ToString();

    public static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", British);

    public static string Owner(ActionOwnerKind kind, string? userName, string? organisationName, string? contactName) =>
        kind == ActionOwnerKind.Staff
            ? userName ?? "Unknown staff member"
            : contactName is null ? organisationName ?? "Unknown organisation" : $"{organisationName} ({contactName})";

    public static string Describe(this ActionHistoryKind kind) => kind switch
    {
        ActionHistoryKind.Created => "Created",
        ActionHistoryKind.StatusChanged => "Status changed",
        ActionHistoryKind.DueDateChanged => "Due date changed",
        ActionHistoryKind.OwnerChanged => "Owner changed",
        ActionHistoryKind.StaffLeadChanged => "Staff lead changed",
        ActionHistoryKind.PriorityChanged => "Priority changed",
        ActionHistoryKind.TitleChanged => "Title changed",
        ActionHistoryKind.DescriptionChanged => "Description changed",
        ActionHistoryKind.SourceChanged => "Agenda item or decision changed",
        ActionHistoryKind.Commented => "Comment",
        ActionHistoryKind.EvidenceAdded => "Evidence added",
        ActionHistoryKind.EvidenceRemoved => "Evidence removed",
        _ => kind.ToString(),
    };
}
