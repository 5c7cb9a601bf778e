using System.Globalization;

namespace RoundtableManager.Tests.Data;

/// <summary>
/// Enums the database stores are stored as their numbers, and the members are written without numbers (they count
/// from 0 in order) unless they start elsewhere. Reordering, removing or inserting a member would silently change
/// what every stored row means; this pins each stored enum's numbers. A new member goes at the end, and its line here.
/// </summary>
public sealed class StoredEnumTests
{
    private static readonly string[] Expected =
    [
        "ActionEvidenceKind: Link=0, File=1",
        "ActionHistoryKind: Created=0, StatusChanged=1, DueDateChanged=2, OwnerChanged=3, StaffLeadChanged=4, PriorityChanged=5, TitleChanged=6, DescriptionChanged=7, SourceChanged=8, Commented=9, EvidenceAdded=10, EvidenceRemoved=11",
        "ActionOwnerKind: Staff=0, Organisation=1",
        "ActionPriority: Low=0, Medium=1, High=2",
        "ActionStatus: Open=0, InProgress=1, Blocked=2, AwaitingConfirmation=3, Done=4, Cancelled=5",
        "AgendaCategory: Contracting=0, SecurityControls=1, ThreatBriefing=2, Other=3",
        "AgendaItemKind: Item=0, Break=1",
        "CalendarEntryState: Removed=0, Invited=1, Attending=2",
        "ControlEntryKind: Answered=0, EvidenceAdded=1, Verified=2, Returned=3",
        "ControlStatus: NotStarted=0, PartlyInPlace=1, InPlace=2, NotApplicable=3",
        "ControlVerification: Unverified=0, Verified=1, Returned=2",
        "DelegateStatus: Confirmed=1, Waitlisted=2",
        "InteractionKind: Meeting=0, Call=1, Email=2, Letter=3, Other=4",
        "InvitationResponse: None=0, Accepted=1, Declined=2",
        "MessageGroups: None=0, AcceptedRecipients=1, ConfirmedDelegates=2, Waitlisted=4, NoReply=8",
        "OrganisationType: ManagedServiceProvider=1, SystemsIntegrator=2, Other=3",
        "OutboxAttemptOutcome: Delivered=1, WillRetry=2, Failed=3",
        "OutboxStatus: Queued=0, Sending=1, Sent=2, Failed=3, Cancelled=4",
        "ProposalStatus: Submitted=0, Accepted=1, Merged=2, Declined=3",
        "ReferenceKind: CafObjective=0, CyberEssentials=1, Other=2",
        "ReminderOutcome: Sent=0, Skipped=1, Missed=2",
        "ReplyGroupKind: Type=0, Tag=1, NoTag=2",
        "RoundtableStatus: Draft=0, OpenForResponses=1, Closed=2, Held=3, Cancelled=4",
        "TlpMarking: Clear=0, Green=1, Amber=2, AmberStrict=3, Red=4",
    ];

    [Fact]
    public void StoredEnums_EveryMember_KeepsTheNumberRowsAlreadyHold()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { ConnectionString = "Data Source=unused.db", UseCompiledModel = false });
        using var db = new AppDbContext(builder.Options);

        var stored = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Select(p => Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)
            .Where(t => t.IsEnum)
            .Distinct()
            .Select(t => $"{t.Name}: {string.Join(", ", Enum.GetValues(t).Cast<object>().Select(v => $"{v}={Convert.ToInt64(v, CultureInfo.InvariantCulture)}"))}")
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(Expected, stored);
    }
}
