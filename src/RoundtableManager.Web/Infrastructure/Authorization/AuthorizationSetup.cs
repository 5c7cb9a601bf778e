using Microsoft.AspNetCore.Authorization;
using RoundtableManager.Core.Identity;

namespace RoundtableManager.Web.Infrastructure.Authorization;

public static class AuthorizationSetup
{
    public const string OrganisationClaim = "rtm:organisation";

    /// <summary>Applied by <see cref="DenyByDefaultConvention"/> to any action that names no policy: nobody passes it.</summary>
    public const string DenyAll = "DenyAll";

    public static IServiceCollection AddRoundtableAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Organiser, p => p.RequireAuthenticatedUser().RequireRole(Roles.Organiser))
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Organiser, Roles.Staff))
            .AddPolicy(Policies.Supplier, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supplier).RequireClaim(OrganisationClaim))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(DenyAll, p => p.RequireAssertion(_ => false));
        return services;
    }
}
