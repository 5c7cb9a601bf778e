namespace RoundtableManager.Web.Infrastructure.Authorization;

public static class UserExtensions
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user?.FindFirstValue(AppClaimsPrincipalFactory.DisplayNameClaim) ?? user?.Identity?.Name ?? "";

    /// <summary>The supplier organisation of a signed-in supplier, or null for anyone else.</summary>
    public static int? OrganisationId(this ClaimsPrincipal user) =>
        int.TryParse(user?.FindFirstValue(AuthorizationSetup.OrganisationClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool IsGovernment(this ClaimsPrincipal user) =>
        user is not null && (user.IsInRole(Roles.Organiser) || user.IsInRole(Roles.Staff));
}
