using Microsoft.AspNetCore.Authorization.Policy;

namespace RoundtableManager.Web.Infrastructure.Authorization;

public static class AuthorizationSetup
{
    public const string OrganisationClaim = "rtm:organisation";

    /// <summary>Applied by <see cref="DenyByDefaultConvention"/> to any action that names no policy: nobody passes it.</summary>
    public const string DenyAll = "DenyAll";

    public static IServiceCollection AddRoundtableAuthorization(this IServiceCollection services)
    {
        var twoFactor = new TwoFactorRequirement();
        services.AddSingleton<IAuthorizationHandler, TwoFactorRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorSetupRedirect>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(twoFactor).Build())
            .AddPolicy(Policies.Organiser, p => p.RequireAuthenticatedUser().RequireRole(Roles.Organiser).AddRequirements(twoFactor))
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Organiser, Roles.Staff).AddRequirements(twoFactor))
            .AddPolicy(Policies.Supplier, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supplier).RequireClaim(OrganisationClaim).AddRequirements(twoFactor))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser().AddRequirements(twoFactor))
            .AddPolicy(DenyAll, p => p.RequireAssertion(_ => false));
        return services;
    }
}
