namespace RoundtableManager.Core.Actions;

/// <summary>A link or a file showing progress on an action.</summary>
public class ActionEvidence : EvidenceItem
{
    public int ActionId { get; set; }
}

internal sealed class ActionEvidenceConfiguration : IEntityTypeConfiguration<ActionEvidence>
{
    public void Configure(EntityTypeBuilder<ActionEvidence> builder)
    {
        builder.ToTable("ActionEvidence");
        EvidenceItem.ConfigureColumns(builder);
    }
}
