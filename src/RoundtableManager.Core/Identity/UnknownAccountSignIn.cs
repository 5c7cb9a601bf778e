namespace RoundtableManager.Core.Identity;

/// <summary>
/// Failed sign-ins for an address with no account (or a disabled one), counted like Identity counts a real account's,
/// so after the same number of failures both get the same "locked" answer.
/// </summary>
public class UnknownAccountSignIn
{
    public const int KeyLength = 64;

    /// <summary>SHA-256 of the normalised address (hex): the address itself is never stored.</summary>
    public string Key { get; set; } = "";

    public int FailedCount { get; set; }

    public DateTime? LockoutEndUtc { get; set; }

    public DateTime LastFailureUtc { get; set; }
}

internal sealed class UnknownAccountSignInConfiguration : IEntityTypeConfiguration<UnknownAccountSignIn>
{
    public void Configure(EntityTypeBuilder<UnknownAccountSignIn> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(UnknownAccountSignIn.KeyLength);
        builder.HasIndex(s => s.LastFailureUtc);
    }
}
