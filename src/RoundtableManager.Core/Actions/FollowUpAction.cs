namespace RoundtableManager.Core.Actions;

public enum ActionOwnerKind
{
    Staff,
    Organisation,
}

public enum ActionPriority
{
    Low,
    Medium,
    High,
}

public enum ActionStatus
{
    Open,
    InProgress,
    Blocked,

    /// <summary>The owning supplier says it is done; staff confirm (Done) or return it (Open).</summary>
    AwaitingConfirmation,
    Done,
    Cancelled,
}

/// <summary>A follow-up action agreed at a roundtable, owned by a staff member or a supplier organisation.</summary>
public class FollowUpAction : Entity
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

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
    /// Concurrency token, raised by <see cref="ActionCommands"/> on every change: an edit made from an older copy
    /// is refused rather than silently overwriting someone else's.
    /// </summary>
    public int Version { get; set; } = 1;

    public List<ActionHistoryEntry> History { get; set; } = [];

    public List<ActionEvidence> Evidence { get; set; } = [];
}

internal sealed class FollowUpActionConfiguration : IEntityTypeConfiguration<FollowUpAction>
{
    public void Configure(EntityTypeBuilder<FollowUpAction> builder)
    {
        builder.ToTable("FollowUpActions");
        builder.Property(a => a.Title).HasMaxLength(FollowUpAction.TitleMaxLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(FollowUpAction.DescriptionMaxLength);
        builder.Property(a => a.OwnerUserId).HasMaxLength(450);
        builder.Property(a => a.StaffLeadUserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.Version).IsConcurrencyToken();

        // The register filters and sorts on these; with thousands of actions each must be an index seek.
        builder.HasIndex(a => new { a.Status, a.DueDate });
        builder.HasIndex(a => a.DueDate); // the register: the first page of open actions by due date without sorting them all
        builder.HasIndex(a => a.RoundtableId);
        builder.HasIndex(a => a.OwnerOrganisationId);
        builder.HasIndex(a => a.StaffLeadUserId);
        builder.HasIndex(a => a.OwnerUserId);
        // The programme report counts the actions opened in the days of a month its period cuts by status, due date, owner
        // and agenda item: read from this index, without a lookup of each action's row.
        builder.HasIndex(a => new { a.CreatedUtc, a.Status, a.DueDate, a.OwnerOrganisationId, a.AgendaItemId, a.ClosedUtc });
        // Its medians of days to close read only the done actions opened in the period (a seek of Status and a range of
        // CreatedUtc), not every action done since the programme began.
        builder.HasIndex(a => new { a.Status, a.CreatedUtc, a.ClosedUtc, a.OwnerOrganisationId, a.AgendaItemId });

        // Restrict everywhere: SQL Server refuses several cascade paths to one table, and an action outlives nothing it points at.
        builder.HasOne(a => a.Roundtable).WithMany().HasForeignKey(a => a.RoundtableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.AgendaItem).WithMany().HasForeignKey(a => a.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Decision).WithMany().HasForeignKey(a => a.DecisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.OwnerUser).WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.StaffLead).WithMany().HasForeignKey(a => a.StaffLeadUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.OwnerOrganisation).WithMany().HasForeignKey(a => a.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.OwnerContact).WithMany().HasForeignKey(a => a.OwnerContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ActionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => e.ActionId).OnDelete(DeleteBehavior.Restrict);
    }
}
