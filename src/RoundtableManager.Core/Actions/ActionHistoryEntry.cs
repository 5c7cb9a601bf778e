namespace RoundtableManager.Core.Actions;

public enum ActionHistoryKind
{
    Created,
    StatusChanged,
    DueDateChanged,
    OwnerChanged,
    StaffLeadChanged,
    PriorityChanged,
    TitleChanged,
    DescriptionChanged,
    SourceChanged,
    Commented,
    EvidenceAdded,
    EvidenceRemoved,
}

/// <summary>One change or comment on an action. Append-only: never updated or removed.</summary>
public class ActionHistoryEntry : Entity<long>, IAppendOnly
{
    public const int ValueMaxLength = 500;
    public const int CommentMaxLength = 4000;

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

internal sealed class ActionHistoryEntryConfiguration : IEntityTypeConfiguration<ActionHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ActionHistoryEntry> builder)
    {
        builder.ToTable("ActionHistory");
        builder.Property(h => h.ActorUserId).HasMaxLength(450);
        builder.Property(h => h.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(h => h.FromValue).HasMaxLength(ActionHistoryEntry.ValueMaxLength);
        builder.Property(h => h.ToValue).HasMaxLength(ActionHistoryEntry.ValueMaxLength);
        builder.Property(h => h.Comment).HasMaxLength(ActionHistoryEntry.CommentMaxLength);
        builder.HasIndex(h => new { h.ActionId, h.AtUtc });
    }
}
