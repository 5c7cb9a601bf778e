using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

    public DateTime CreatedUtc { get; set; }

    public DateTime? ExpiresUtc { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(UserSession.IdLength);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresUtc);
    }
}
