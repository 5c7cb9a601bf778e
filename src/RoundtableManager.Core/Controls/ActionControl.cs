namespace RoundtableManager.Core.Controls;

/// <summary>A follow-up action linked to a control it addresses: confirming the action prompts staff to look at the control.</summary>
public class ActionControl
{
    public int ActionId { get; set; }

    public int ControlId { get; set; }

    public DateTime LinkedUtc { get; set; }
}

internal sealed class ActionControlConfiguration : IEntityTypeConfiguration<ActionControl>
{
    public void Configure(EntityTypeBuilder<ActionControl> builder)
    {
        builder.HasKey(l => new { l.ActionId, l.ControlId });
        builder.HasIndex(l => l.ControlId);
        builder.HasOne<FollowUpAction>().WithMany().HasForeignKey(l => l.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Control>().WithMany().HasForeignKey(l => l.ControlId).OnDelete(DeleteBehavior.Restrict);
    }
}
