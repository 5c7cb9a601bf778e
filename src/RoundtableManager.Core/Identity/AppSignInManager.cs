using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace RoundtableManager.Core.Identity;

/// <summary>Identity's sign-in manager, except that a disabled account can never sign in or keep a session.</summary>
public sealed class AppSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DisabledUtc is null && await base.CanSignInAsync(user);
    }

    /// <summary>
    /// Signs in someone the single sign-on provider vouched for. A provider that asserted multi-factor sign-in stands in
    /// for the app's own second step; otherwise it is asked for as after a password (or set up first). A disabled or
    /// locked account is refused, as with a password.
    /// </summary>
    public async Task<SignInResult> SingleSignOnAsync(ApplicationUser user, string loginProvider, bool providerAssertedMultiFactor)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }

        if (!providerAssertedMultiFactor)
        {
            return await SignInOrTwoFactorAsync(user, isPersistent: false, loginProvider, bypassTwoFactor: false);
        }

        await Context.SignOutAsync(IdentityConstants.ExternalScheme);
        await SignInWithClaimsAsync(user, isPersistent: false, [new(System.Security.Claims.ClaimTypes.AuthenticationMethod, loginProvider), .. TwoFactorClaims.ForProviderMultiFactor()]);
        return SignInResult.Success;
    }

    public override async Task RefreshSignInAsync(ApplicationUser user)
    {
        var current = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (current.Principal?.HasClaim(TwoFactorClaims.ByProvider, "true") != true)
        {
            await base.RefreshSignInAsync(user);
            return;
        }

        var keep = current.Principal.FindAll(System.Security.Claims.ClaimTypes.AuthenticationMethod).Concat(TwoFactorClaims.ForProviderMultiFactor()).ToList();
        await SignInWithClaimsAsync(user, current.Properties, keep);
    }

    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { DisabledUtc: null } ? user : null;
    }
}
