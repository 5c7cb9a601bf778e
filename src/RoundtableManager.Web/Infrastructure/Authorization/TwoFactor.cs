using Microsoft.AspNetCore.Authorization.Policy;

namespace RoundtableManager.Web.Infrastructure.Authorization;

public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Organisers and staff must set up an authenticator app before they can use the service.</summary>
    public bool RequireTwoFactorForGovernment { get; set; } = true;
}

/// <summary>Outside Development the two-factor requirement for organisers and staff cannot be switched off.</summary>
public sealed class SecurityOptionsValidator(IHostEnvironment environment) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options) =>
        options.RequireTwoFactorForGovernment || environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Security:RequireTwoFactorForGovernment may be false only in Development.");
}

/// <summary>Endpoints an organiser or staff member may use before setting up two-factor sign-in (set-up itself, sign-out).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;

/// <summary>
/// Carried by every policy (and the fallback policy), so every kind of endpoint enforces it: MVC actions, the Hangfire
/// dashboard, and anything mapped later. It holds for suppliers and for government accounts with an authenticator app,
/// but not for an account whose two-factor sign-in an organiser has reset until it is set up again.
/// </summary>
public sealed class TwoFactorRequirement : IAuthorizationRequirement
{
    public const string Claim = Core.Identity.TwoFactorClaims.Satisfied;

    /// <summary>On an account whose two-factor sign-in an organiser reset: set-up is required whatever the role.</summary>
    public const string SetUpRequiredClaim = "rtm:2fa-setup-required";
}

public sealed class TwoFactorRequirementHandler(IOptions<SecurityOptions> options) : AuthorizationHandler<TwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var exempt = context.Resource is HttpContext http && http.GetEndpoint()?.Metadata.GetMetadata<AllowWithoutTwoFactorAttribute>() is not null;
        var required = (options.Value.RequireTwoFactorForGovernment && user.IsGovernment()) || user.HasClaim(TwoFactorRequirement.SetUpRequiredClaim, "true");
        if (exempt || !required || user.HasClaim(TwoFactorRequirement.Claim, "true"))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// When the only thing missing is two-factor sign-in, the person is sent to set it up rather than shown 403, whatever
/// kind of endpoint they asked for.
/// </summary>
public sealed class TwoFactorSetupRedirect : IAuthorizationMiddlewareResultHandler
{
    public const string SetupPath = "/account/two-factor/setup";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() ?? [];
        if (authorizeResult.Forbidden && failed.Count > 0 && failed.All(r => r is TwoFactorRequirement))
        {
            context.Response.Redirect(SetupPath);
            return Task.CompletedTask;
        }

        RefusalLogging.NoteAuthorizationFailure(context, authorizeResult);
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
