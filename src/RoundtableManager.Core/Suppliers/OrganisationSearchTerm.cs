namespace RoundtableManager.Core.Suppliers;

/// <summary>
/// One word of an organisation's name or of one of its contacts' email addresses, upper-cased, so the directory's search
/// finds organisations by the start of any word with an index seek instead of reading every name and address
/// (a contains-search cannot use an index). Kept by <see cref="SearchTermsInterceptor"/> whenever a name or an email is
/// saved, and by the import's bulk inserts; an erased contact has none.
/// </summary>
public class OrganisationSearchTerm : Entity
{
    public const int TermMaxLength = 64;

    /// <summary>Binary collation on SQL Server, so prefix ranges compare code points as SQLite does.</summary>
    public const string SqlServerCollation = "Latin1_General_100_BIN2";

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;

    /// <summary>The contact whose email address the word comes from; null for a word of the organisation's name.</summary>
    public int? ContactId { get; set; }

    public Contact? Contact { get; set; }

    public string Term { get; set; } = "";
}

internal sealed class OrganisationSearchTermConfiguration : IEntityTypeConfiguration<OrganisationSearchTerm>
{
    public void Configure(EntityTypeBuilder<OrganisationSearchTerm> builder)
    {
        builder.Property(t => t.Term).HasMaxLength(OrganisationSearchTerm.TermMaxLength).IsRequired();
        builder.HasIndex(t => new { t.Term, t.OrganisationId });
        builder.HasOne(t => t.Organisation).WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Contact).WithMany().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
