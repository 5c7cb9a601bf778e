namespace RoundtableManager.Core.Engagement;

/// <summary>Whom a message to a roundtable's people goes to, by where they stand. One or more.</summary>
[Flags]
public enum MessageGroups
{
    None = 0,

    /// <summary>The invitation recipients of organisations that accepted.</summary>
    AcceptedRecipients = 1,

    /// <summary>Delegates with a confirmed seat.</summary>
    ConfirmedDelegates = 2,

    /// <summary>Delegates on the waitlist.</summary>
    Waitlisted = 4,

    /// <summary>The invitation recipients of organisations that have not replied.</summary>
    NoReply = 8,
}

/// <summary>
/// A message an organiser writes to a roundtable's people, chosen by status. Saved as a draft first (for the check
/// page), then sent once: one email per person through the outbox, and a row per person in <see cref="RoundtableMessageRecipient"/>.
/// </summary>
public class RoundtableMessage : Entity
{
    public const int SubjectMaxLength = 150;
    public const int BodyMaxLength = 10_000;

    public int RoundtableId { get; set; }

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public MessageGroups Groups { get; set; }

    public string? CreatedByUserId { get; set; }

    public string CreatedByName { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>Null while a draft; set once, when it is sent (a second send is refused).</summary>
    public DateTime? SentUtc { get; set; }

    public string? SentByName { get; set; }

    public int RecipientCount { get; set; }
}

/// <summary>One person a sent message went to, with their organisation (for its timeline) and why they got it.</summary>
public class RoundtableMessageRecipient : Entity
{
    public int MessageId { get; set; }

    public int OrganisationId { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public MessageGroups Groups { get; set; }
}

internal sealed class RoundtableMessageConfiguration : IEntityTypeConfiguration<RoundtableMessage>
{
    public void Configure(EntityTypeBuilder<RoundtableMessage> builder)
    {
        builder.Property(m => m.Subject).HasMaxLength(RoundtableMessage.SubjectMaxLength).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(RoundtableMessage.BodyMaxLength).IsRequired();
        builder.Property(m => m.CreatedByUserId).HasMaxLength(450);
        builder.Property(m => m.CreatedByName).HasMaxLength(200).IsRequired();
        builder.Property(m => m.SentByName).HasMaxLength(200);
        builder.HasIndex(m => new { m.RoundtableId, m.SentUtc });
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(m => m.RoundtableId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoundtableMessageRecipientConfiguration : IEntityTypeConfiguration<RoundtableMessageRecipient>
{
    public void Configure(EntityTypeBuilder<RoundtableMessageRecipient> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(Contact.NameMaxLength).IsRequired();
        builder.Property(r => r.Email).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        builder.HasIndex(r => new { r.MessageId, r.Email }).IsUnique();
        builder.HasIndex(r => new { r.OrganisationId, r.MessageId });
        builder.HasOne<RoundtableMessage>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.NoAction);
    }
}
