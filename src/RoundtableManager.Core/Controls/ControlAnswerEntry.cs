namespace RoundtableManager.Core.Controls;

public enum ControlEntryKind
{
    Answered,
    EvidenceAdded,
    Verified,
    Returned,
}

/// <summary>
/// One change to an answer, append-only: who, when, and the answer as it stood afterwards (status, verification,
/// target date), so the state at any date is the latest entry before it. The organisation and control are copied in so
/// the trend reads this table alone.
/// </summary>
public class ControlAnswerEntry : Entity<long>, IAppendOnly
{
    public int AnswerId { get; set; }

    public int OrganisationId { get; set; }

    public int ControlId { get; set; }

    public ControlEntryKind Kind { get; set; }

    public ControlStatus Status { get; set; }

    public ControlVerification Verification { get; set; }

    public DateOnly? TargetDate { get; set; }

    /// <summary>The comment, the reason for Not applicable or for returning, or the evidence's title.</summary>
    public string? Text { get; set; }

    public string ByUserId { get; set; } = "";

    public string ByName { get; set; } = "";

    /// <summary>Set when a supplier made the change.</summary>
    public int? ByOrganisationId { get; set; }

    public DateTime AtUtc { get; set; }
}

internal sealed class ControlAnswerEntryConfiguration : IEntityTypeConfiguration<ControlAnswerEntry>
{
    public void Configure(EntityTypeBuilder<ControlAnswerEntry> builder)
    {
        builder.ToTable("ControlAnswerHistory");
        builder.Property(e => e.Text).HasMaxLength(ControlAnswer.TextMaxLength * 2);
        builder.Property(e => e.ByUserId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.ByName).HasMaxLength(200).IsRequired();
        builder.HasIndex(e => new { e.ControlId, e.AtUtc });
        builder.HasIndex(e => new { e.AnswerId, e.AtUtc });
        builder.HasOne<ControlAnswer>().WithMany(a => a.History).HasForeignKey(e => e.AnswerId).OnDelete(DeleteBehavior.Restrict);
    }
}
