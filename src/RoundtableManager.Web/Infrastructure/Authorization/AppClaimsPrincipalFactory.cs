namespace RoundtableManager.Web.Infrastructure.Authorization;

/// <summary>Adds the display name and, for supplier accounts, the organisation the account belongs to.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    public const string DisplayNameClaim = "rtm:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorRequirement.Claim, "true"));
        }
        else if (user.MustSetUpTwoFactor)
        {
            identity.AddClaim(new Claim(TwoFactorRequirement.SetUpRequiredClaim, "true"));
        }

        if (user.OrganisationId is { } organisationId)
        {
            identity.AddClaim(new Claim(AuthorizationSetup.OrganisationClaim, organisationId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
