namespace RoundtableManager.Core.Engagement;

public enum InteractionKind
{
    Meeting,
    Call,
    Email,
    Letter,
    Other,
}

/// <summary>A contact with an organisation outside the app (a meeting, a call, a letter), logged by staff. Suppliers never see it.</summary>
public class Interaction : Entity
{
    public const int SummaryMaxLength = 4000;
    public const int ParticipantsMaxLength = 500;

    public int OrganisationId { get; set; }

    public InteractionKind Kind { get; set; }

    /// <summary>The day it happened (UK date).</summary>
    public DateOnly OccurredOn { get; set; }

    /// <summary>The start of that UK day in UTC, kept so the timeline orders and filters on one indexed column.</summary>
    public DateTime OccurredUtc { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>Who took part, on one line ("Priya Shah (Northgate), Alex Organiser").</summary>
    public string? Participants { get; set; }

    public TlpMarking Marking { get; set; } = TlpMarking.Amber;

    public string? CreatedByUserId { get; set; }

    public string CreatedByName { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public string? UpdatedByName { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>Raised by every change, so an edit made from an out-of-date page is refused rather than overwriting.</summary>
    public int Version { get; set; } = 1;
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.Property(i => i.Summary).HasMaxLength(Interaction.SummaryMaxLength).IsRequired();
        builder.Property(i => i.Participants).HasMaxLength(Interaction.ParticipantsMaxLength);
        builder.Property(i => i.CreatedByUserId).HasMaxLength(450);
        builder.Property(i => i.CreatedByName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.UpdatedByName).HasMaxLength(200);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.OrganisationId, i.OccurredUtc });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
