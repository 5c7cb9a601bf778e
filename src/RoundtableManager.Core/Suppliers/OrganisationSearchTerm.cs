namespace RoundtableManager.Core.Suppliers;

/// <summary>
/// One word of an organisation's name or of its contacts' email addresses, upper-cased, held once per organisation
/// however many of its names and addresses share it, so the directory's search finds organisations by the start of any
/// word with an index seek instead of reading every name and address (a contains-search cannot use an index). Keyed by
/// (word, organisation), which is the search's own range, with nothing else to keep: a 10,000-contact import writes a
/// third fewer rows, each into two B-trees instead of four, than when each word row named its contact. Kept by
/// <see cref="SearchTermsInterceptor"/> whenever a name or an email is saved (it works out the organisation's words
/// again), and by the import's bulk inserts; an erased contact's address gives none.
/// </summary>
public class OrganisationSearchTerm
{
    public const int TermMaxLength = 64;

    /// <summary>Binary collation on SQL Server, so prefix ranges compare code points as SQLite does.</summary>
    public const string SqlServerCollation = "Latin1_General_100_BIN2";

    public string Term { get; set; } = "";

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;
}

internal sealed class OrganisationSearchTermConfiguration : IEntityTypeConfiguration<OrganisationSearchTerm>
{
    public void Configure(EntityTypeBuilder<OrganisationSearchTerm> builder)
    {
        builder.HasKey(t => new { t.Term, t.OrganisationId });
        builder.Property(t => t.Term).HasMaxLength(OrganisationSearchTerm.TermMaxLength).IsRequired();
        builder.HasIndex(t => t.OrganisationId);
        builder.HasOne(t => t.Organisation).WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
