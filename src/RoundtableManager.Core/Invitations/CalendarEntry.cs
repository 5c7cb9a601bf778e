namespace RoundtableManager.Core.Invitations;

/// <summary>What a person's calendar entry for a roundtable says, as far as we last told them.</summary>
public enum CalendarEntryState
{
    /// <summary>Cancelled (or never sent): the roundtable is not in their calendar.</summary>
    Removed,

    /// <summary>Invited: their organisation has not answered yet.</summary>
    Invited,

    /// <summary>A confirmed delegate: they are attending.</summary>
    Attending,
}

/// <summary>
/// The one calendar entry a person has for a roundtable, whatever their roles (invitation recipient, delegate, both):
/// its UID comes from the roundtable and the person's normalised address (see <see cref="PersonalCalendars.Uid"/>), and
/// every REQUEST or CANCEL sent for it takes the next SEQUENCE. Only a hash of the address is kept here.
/// </summary>
public class CalendarEntry : Entity
{
    public const int PersonKeyLength = 64;

    public int RoundtableId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the normalised email address.</summary>
    public string PersonKey { get; set; } = "";

    /// <summary>The SEQUENCE of the last REQUEST or CANCEL sent for this entry.</summary>
    public int Sequence { get; set; }

    public CalendarEntryState State { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class CalendarEntryConfiguration : IEntityTypeConfiguration<CalendarEntry>
{
    public void Configure(EntityTypeBuilder<CalendarEntry> builder)
    {
        builder.Property(e => e.PersonKey).HasMaxLength(CalendarEntry.PersonKeyLength).IsFixedLength().IsUnicode(false).IsRequired();
        builder.HasIndex(e => new { e.RoundtableId, e.PersonKey }).IsUnique();
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(e => e.RoundtableId).OnDelete(DeleteBehavior.Restrict);
    }
}
