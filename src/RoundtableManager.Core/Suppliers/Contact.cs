namespace RoundtableManager.Core.Suppliers;

public class Contact : Entity
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;

    public string FullName { get; set; } = "";

    /// <summary>As entered, for display and sending.</summary>
    public string Email { get; set; } = "";

    /// <summary>Upper-cased email: unique across the directory ignoring case.</summary>
    public string NormalisedEmail { get; set; } = "";

    public string? JobTitle { get; set; }

    public string? Phone { get; set; }

    public bool IsPrimary { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>When the contact was anonymised (retention or a request); the row stays so history still adds up.</summary>
    public DateTime? ErasedUtc { get; set; }

    public static string Normalise(string email) => email.Trim().ToUpperInvariant();
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.FullName).HasMaxLength(Contact.NameMaxLength).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        builder.Property(c => c.NormalisedEmail).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        builder.HasIndex(c => c.NormalisedEmail).IsUnique();
        builder.Property(c => c.JobTitle).HasMaxLength(200);
        builder.Property(c => c.Phone).HasMaxLength(50);
        builder.HasOne(c => c.Organisation).WithMany(o => o.Contacts).HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
