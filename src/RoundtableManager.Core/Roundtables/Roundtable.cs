namespace RoundtableManager.Core.Roundtables;

public class Roundtable : Entity
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int VenueMaxLength = 1000;
    public const int JoiningDetailsMaxLength = 2000;

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public DateTime StartsUtc { get; set; }

    public DateTime EndsUtc { get; set; }

    public string? VenueAddress { get; set; }

    /// <summary>Shown only to accepted delegates.</summary>
    public string? OnlineJoiningDetails { get; set; }

    public int Capacity { get; set; }

    public int DelegatesPerOrganisation { get; set; } = 2;

    public DateTime RsvpDeadlineUtc { get; set; }

    public RoundtableStatus Status { get; set; }

    /// <summary>
    /// How many times the start, end or venue changed (or the roundtable was cancelled). Each person's calendar entry
    /// keeps its own SEQUENCE (<see cref="Invitations.CalendarEntry"/>); this row is also written first by every change
    /// to seats, to take the roundtable's lock.
    /// </summary>
    public int CalendarSequence { get; set; }

    /// <summary>When an organiser marked it held (feedback links go out then).</summary>
    public DateTime? HeldUtc { get; set; }

    /// <summary>Feedback links work until this time (the end of the closing date the organiser chose, UK time).</summary>
    public DateTime? FeedbackClosesUtc { get; set; }

    /// <summary>The roundtable this one follows up, making the two a series.</summary>
    public int? PreviousRoundtableId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class RoundtableConfiguration : IEntityTypeConfiguration<Roundtable>
{
    public void Configure(EntityTypeBuilder<Roundtable> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(Roundtable.TitleMaxLength).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(Roundtable.DescriptionMaxLength);
        builder.Property(r => r.VenueAddress).HasMaxLength(Roundtable.VenueMaxLength);
        builder.Property(r => r.OnlineJoiningDetails).HasMaxLength(Roundtable.JoiningDetailsMaxLength);
        builder.HasIndex(r => r.StartsUtc);
        builder.HasIndex(r => r.EndsUtc); // the dashboard: roundtables not yet ended, counted and paged
        builder.HasIndex(r => r.RsvpDeadlineUtc);
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(r => r.PreviousRoundtableId).OnDelete(DeleteBehavior.NoAction);
    }
}
