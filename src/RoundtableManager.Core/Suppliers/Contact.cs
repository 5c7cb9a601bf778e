namespace RoundtableManager.Core.Suppliers;

public class Contact : Person
{
    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;

    public string? Phone { get; set; }

    public bool IsPrimary { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.HasPersonColumns();
        // Unique across the directory ignoring case.
        builder.HasIndex(c => c.NormalisedEmail).IsUnique();
        builder.Property(c => c.Phone).HasMaxLength(50);
        builder.HasOne(c => c.Organisation).WithMany(o => o.Contacts).HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
