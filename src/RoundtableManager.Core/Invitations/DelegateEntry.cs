namespace RoundtableManager.Core.Invitations;

public enum DelegateStatus
{
    Confirmed = 1,
    Waitlisted = 2,
}

/// <summary>A person attending for an invited organisation. Each confirmed delegate takes one of the roundtable's seats.</summary>
public class DelegateEntry : Person
{
    public const int TextMaxLength = 500;

    public int InvitationId { get; set; }

    public Invitation Invitation { get; set; } = null!;

    /// <summary>Kept so the count of seats can be checked with one query per roundtable.</summary>
    public int RoundtableId { get; set; }

    public int? ContactId { get; set; }

    public string? AccessNeeds { get; set; }

    public string? DietaryRequirements { get; set; }

    public DelegateStatus Status { get; set; }

    /// <summary>When the delegate joined the waitlist (or was confirmed): the waitlist is served in this order.</summary>
    public DateTime QueuedUtc { get; set; }

    public string TermsVersion { get; set; } = "";

    public DateTime TermsAgreedUtc { get; set; }

    public DateTime? AttendedUtc { get; set; }

    /// <summary>When the access needs and dietary requirements were erased (retention or a request).</summary>
    public DateTime? NeedsErasedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }
}

internal sealed class DelegateEntryConfiguration : IEntityTypeConfiguration<DelegateEntry>
{
    public void Configure(EntityTypeBuilder<DelegateEntry> builder)
    {
        builder.HasPersonColumns();
        builder.Property(d => d.AccessNeeds).HasMaxLength(DelegateEntry.TextMaxLength);
        builder.Property(d => d.DietaryRequirements).HasMaxLength(DelegateEntry.TextMaxLength);
        builder.Property(d => d.TermsVersion).HasMaxLength(40).IsRequired();
        builder.HasIndex(d => new { d.InvitationId, d.NormalisedEmail }).IsUnique();
        builder.HasIndex(d => new { d.RoundtableId, d.Status, d.QueuedUtc });
        builder.HasOne(d => d.Invitation).WithMany(i => i.Delegates).HasForeignKey(d => d.InvitationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(d => d.RoundtableId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Contact>().WithMany().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.SetNull);
    }
}
