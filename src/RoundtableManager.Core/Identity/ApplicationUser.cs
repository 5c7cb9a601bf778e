using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

public class ApplicationUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>Set for supplier accounts: the one organisation this account may see.</summary>
    public int? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastSignInUtc { get; set; }

    /// <summary>Set when an organiser disables the account: it cannot sign in and its sessions end within a minute.</summary>
    public DateTime? DisabledUtc { get; set; }

    /// <summary>
    /// Set when an organiser resets the account's two-factor sign-in: the person must set up an authenticator app again
    /// before anything else, whatever their role. Cleared when they do.
    /// </summary>
    public bool MustSetUpTwoFactor { get; set; }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasOne(u => u.Organisation).WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
