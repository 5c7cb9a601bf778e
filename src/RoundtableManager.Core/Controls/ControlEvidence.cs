namespace RoundtableManager.Core.Controls;

/// <summary>A link or a file a supplier gives for its answer (checked and kept by <see cref="EvidenceStore"/>, as actions' evidence is).</summary>
public class ControlEvidence : EvidenceItem
{
    public int AnswerId { get; set; }
}

internal sealed class ControlEvidenceConfiguration : IEntityTypeConfiguration<ControlEvidence>
{
    public void Configure(EntityTypeBuilder<ControlEvidence> builder)
    {
        builder.ToTable("ControlEvidence");
        EvidenceItem.ConfigureColumns(builder);
        builder.HasOne<ControlAnswer>().WithMany(a => a.Evidence).HasForeignKey(e => e.AnswerId).OnDelete(DeleteBehavior.Restrict);
    }
}
