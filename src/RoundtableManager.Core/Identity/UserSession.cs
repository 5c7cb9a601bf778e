namespace RoundtableManager.Core.Identity;

/// <summary>
/// One signed-in session. The cookie carries only a random key; the ticket (claims, expiry) lives here, so signing out
/// deletes the row and every copy of that cookie stops working at once.
/// </summary>
public class UserSession
{
    public const int IdLength = 64;

    /// <summary>SHA-256 of the session key in the cookie (hex): the key itself is never stored.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary>The authentication ticket, serialised and protected with Data Protection.</summary>
    public byte[] Ticket { get; set; } = [];

    /// <summary>When the person signed in: the absolute lifetime counts from here.</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>When the session was last renewed (about once a minute while it is used).</summary>
    public DateTime LastSeenUtc { get; set; }

    /// <summary>The earlier of the idle and the absolute expiry.</summary>
    public DateTime? ExpiresUtc { get; set; }

    /// <summary>"Firefox on Windows": what the person sees in their list of sessions (<see cref="DeviceDescription"/>).</summary>
    public string Device { get; set; } = "";
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(UserSession.IdLength);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Device).HasMaxLength(DeviceDescription.MaxLength);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresUtc);
    }
}
