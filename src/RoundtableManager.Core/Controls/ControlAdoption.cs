namespace RoundtableManager.Core.Controls;

/// <summary>A set adopted for an organisation: it is asked to assess itself against the set's controls (once per set).</summary>
public class ControlAdoption : Entity
{
    public int ControlSetId { get; set; }

    public int OrganisationId { get; set; }

    /// <summary>The roundtable the set was adopted for, if any (its reminders then follow that roundtable's settings).</summary>
    public int? RoundtableId { get; set; }

    public DateTime AdoptedUtc { get; set; }

    public string AdoptedByName { get; set; } = "";
}

internal sealed class ControlAdoptionConfiguration : IEntityTypeConfiguration<ControlAdoption>
{
    public void Configure(EntityTypeBuilder<ControlAdoption> builder)
    {
        builder.HasIndex(a => new { a.ControlSetId, a.OrganisationId }).IsUnique();
        builder.HasIndex(a => a.AdoptedUtc);
        builder.HasIndex(a => a.OrganisationId);
        builder.Property(a => a.AdoptedByName).HasMaxLength(200).IsRequired();
        builder.HasOne<ControlSet>().WithMany().HasForeignKey(a => a.ControlSetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(a => a.RoundtableId).OnDelete(DeleteBehavior.Restrict);
    }
}
