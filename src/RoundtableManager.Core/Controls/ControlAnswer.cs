namespace RoundtableManager.Core.Controls;

public enum ControlStatus
{
    NotStarted,
    PartlyInPlace,
    InPlace,
    NotApplicable,
}

public enum ControlVerification
{
    /// <summary>Not looked at by staff since the answer last changed.</summary>
    Unverified,
    Verified,
    Returned,
}

/// <summary>
/// An organisation's current answer for one control: created Not started when a set is adopted, changed by the
/// supplier (which makes it Unverified again) and verified or returned by staff. Every change also writes a
/// <see cref="ControlAnswerEntry"/>, which is the history and what the trend is worked out from.
/// </summary>
public class ControlAnswer : Entity
{
    public const int TextMaxLength = 2000;

    public int OrganisationId { get; set; }

    public int ControlId { get; set; }

    public Control Control { get; set; } = null!;

    public ControlStatus Status { get; set; }

    /// <summary>Why the control does not apply (required with Not applicable).</summary>
    public string? NotApplicableReason { get; set; }

    /// <summary>When it will be in place (required while Not started or Partly in place).</summary>
    public DateOnly? TargetDate { get; set; }

    public string? Comment { get; set; }

    public ControlVerification Verification { get; set; }

    /// <summary>Why staff returned it: the supplier sees this.</summary>
    public string? ReturnReason { get; set; }

    public DateTime? VerifiedUtc { get; set; }

    public string? VerifiedByName { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the supplier last answered; null until it first does.</summary>
    public DateTime? AnsweredUtc { get; set; }

    public string? AnsweredByName { get; set; }

    /// <summary>Bumped on every change, so a change made from an out-of-date page is refused.</summary>
    public int Version { get; set; }

    public List<ControlAnswerEntry> History { get; set; } = [];

    public List<ControlEvidence> Evidence { get; set; } = [];
}

internal sealed class ControlAnswerConfiguration : IEntityTypeConfiguration<ControlAnswer>
{
    public void Configure(EntityTypeBuilder<ControlAnswer> builder)
    {
        builder.HasIndex(a => new { a.OrganisationId, a.ControlId }).IsUnique();
        builder.HasIndex(a => new { a.ControlId, a.Status });
        builder.HasIndex(a => new { a.Status, a.TargetDate });
        builder.Property(a => a.NotApplicableReason).HasMaxLength(ControlAnswer.TextMaxLength);
        builder.Property(a => a.Comment).HasMaxLength(ControlAnswer.TextMaxLength);
        builder.Property(a => a.ReturnReason).HasMaxLength(ControlAnswer.TextMaxLength);
        builder.Property(a => a.VerifiedByName).HasMaxLength(200);
        builder.Property(a => a.AnsweredByName).HasMaxLength(200);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Control).WithMany().HasForeignKey(a => a.ControlId).OnDelete(DeleteBehavior.Restrict);
    }
}
