namespace RoundtableManager.Core.Invitations;

/// <summary>
/// One contact an invitation went to, with their personal link. Only the SHA-256 hash of the link's token is
/// stored; the token itself exists only in the email.
/// </summary>
public class InvitationRecipient : Entity
{
    public const int TokenHashLength = 64;

    public int InvitationId { get; set; }

    public Invitation Invitation { get; set; } = null!;

    /// <summary>Null only if the contact was later deleted from the directory; the copies below remain.</summary>
    public int? ContactId { get; set; }

    public Contact? Contact { get; set; }

    /// <summary>The address the link was issued to: the link is bound to it, even if the contact's address changes.</summary>
    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the current token. A resend replaces it, so older links stop working.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime TokenIssuedUtc { get; set; }

    /// <summary>First time the link was opened (mail scanners open links too, so this is not proof a person read it).</summary>
    public DateTime? LinkOpenedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    /// <summary>When the name and address were anonymised (retention or a request); the link was revoked with it.</summary>
    public DateTime? ErasedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<OutboxMessage> Messages { get; set; } = [];
}

internal sealed class InvitationRecipientConfiguration : IEntityTypeConfiguration<InvitationRecipient>
{
    public void Configure(EntityTypeBuilder<InvitationRecipient> builder)
    {
        builder.Property(r => r.Email).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        builder.Property(r => r.Name).HasMaxLength(Contact.NameMaxLength).IsRequired();
        builder.Property(r => r.TokenHash).HasMaxLength(InvitationRecipient.TokenHashLength).IsFixedLength().IsUnicode(false).IsRequired();
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => new { r.InvitationId, r.ContactId }).IsUnique().HasFilter("[ContactId] IS NOT NULL");
        // The filtered index above cannot serve joins from an invitation to all its recipients (the reminder sweep's).
        builder.HasIndex(r => r.InvitationId);
        builder.HasOne(r => r.Invitation).WithMany(i => i.Recipients).HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Contact).WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.SetNull);
        // The navigation lets one SaveChanges write a recipient and its email together: EF fills in the new id.
        builder.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.InvitationRecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}
