namespace RoundtableManager.Core.Invitations;

public enum InvitationResponse
{
    None,
    Accepted,
    Declined,
}

/// <summary>A roundtable's invitation to one organisation, sent to one or more of its contacts. The organisation answers once.</summary>
public class Invitation : Entity
{
    public int RoundtableId { get; set; }

    public Roundtable Roundtable { get; set; } = null!;

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;

    public InvitationResponse Response { get; set; }

    public DateTime? RespondedUtc { get; set; }

    /// <summary>When the organisation first answered (<see cref="RespondedUtc"/> moves with every change): time to reply counts to this.</summary>
    public DateTime? FirstRespondedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<InvitationRecipient> Recipients { get; set; } = [];

    /// <summary>Why the organisation declined, if it said.</summary>
    public string? DeclineReason { get; set; }

    /// <summary>Who gave the current answer (a supplier account's name, or the organiser who took it by phone).</summary>
    public string? RespondedByName { get; set; }

    public string? RespondedByUserId { get; set; }

    /// <summary>True when an organiser recorded the answer on the organisation's behalf.</summary>
    public bool RecordedByOrganiser { get; set; }

    public List<DelegateEntry> Delegates { get; set; } = [];
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasIndex(i => new { i.RoundtableId, i.OrganisationId }).IsUnique();
        builder.Property(i => i.DeclineReason).HasMaxLength(DelegateEntry.TextMaxLength);
        builder.Property(i => i.RespondedByName).HasMaxLength(200);
        builder.Property(i => i.RespondedByUserId).HasMaxLength(450);
        builder.HasOne(i => i.Roundtable).WithMany().HasForeignKey(i => i.RoundtableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Organisation).WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
