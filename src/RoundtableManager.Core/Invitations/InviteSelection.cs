namespace RoundtableManager.Core.Invitations;

/// <summary>
/// An organiser's choice of whom to invite to a roundtable, kept on the server between the steps of inviting. A
/// programme invites thousands of organisations: carried in the pages, the choice grew the form by two values an
/// organisation until it passed the server's limit. Each step now posts only what its own page shows.
/// </summary>
public class InviteSelection : Entity
{
    public int RoundtableId { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>The chosen organisations' ids, comma-separated.</summary>
    public string OrganisationIds { get; set; } = "";

    /// <summary>
    /// The people chosen by hand, as JSON (organisation id to contact ids). An organisation not in it gets its
    /// primary contacts, as the "who should get it" page ticks them to start with.
    /// </summary>
    public string? ChosenContacts { get; set; }

    /// <summary>Raised by every change, so "Send" sends only what the check page showed.</summary>
    public int Version { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class InviteSelectionConfiguration : IEntityTypeConfiguration<InviteSelection>
{
    public void Configure(EntityTypeBuilder<InviteSelection> builder)
    {
        builder.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.OrganisationIds).IsRequired();
        builder.HasIndex(s => new { s.RoundtableId, s.UserId }).IsUnique();
        builder.HasIndex(s => s.UpdatedUtc);
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(s => s.RoundtableId).OnDelete(DeleteBehavior.Cascade);
    }
}
