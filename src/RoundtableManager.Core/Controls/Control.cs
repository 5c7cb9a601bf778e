namespace RoundtableManager.Core.Controls;

/// <summary>
/// One control of a set: its id within the set ("A1", "CE1", "Clause 4.2"), title, guidance and source. Retired, it
/// is asked about no more but keeps its answers and their history.
/// </summary>
public class Control : Entity
{
    public const int CodeMaxLength = 20;
    public const int TitleMaxLength = 200;
    public const int GuidanceMaxLength = 4000;

    public int ControlSetId { get; set; }

    public ControlSet ControlSet { get; set; } = null!;

    public string Code { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Guidance { get; set; }

    public string Source { get; set; } = "";

    /// <summary>The agenda reference it sits under: for the CAF principles, their objective (CAF A to D).</summary>
    public int? ReferenceId { get; set; }

    public Reference? Reference { get; set; }

    /// <summary>Order within the set, from 1.</summary>
    public int Position { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? RetiredUtc { get; set; }

    public string? RetiredByName { get; set; }

    public string Display => $"{Code} {Title}";
}

internal sealed class ControlConfiguration : IEntityTypeConfiguration<Control>
{
    public void Configure(EntityTypeBuilder<Control> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(Control.CodeMaxLength).IsRequired();
        builder.Property(c => c.Title).HasMaxLength(Control.TitleMaxLength).IsRequired();
        builder.Property(c => c.Guidance).HasMaxLength(Control.GuidanceMaxLength);
        builder.Property(c => c.Source).HasMaxLength(ControlSet.SourceMaxLength).IsRequired();
        builder.Property(c => c.RetiredByName).HasMaxLength(200);
        builder.Ignore(c => c.Display);
        builder.HasIndex(c => new { c.ControlSetId, c.Code }).IsUnique();
        builder.HasOne(c => c.ControlSet).WithMany(s => s.Controls).HasForeignKey(c => c.ControlSetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Reference).WithMany().HasForeignKey(c => c.ReferenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasData(ControlSeeds.Controls);
    }
}
