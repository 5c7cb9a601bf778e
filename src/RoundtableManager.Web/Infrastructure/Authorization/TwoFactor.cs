using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

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

/// <summary>Actions an organiser or staff member may use before setting up two-factor sign-in.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;

/// <summary>Sends a signed-in organiser or staff member without two-factor sign-in to set it up, whatever they asked for.</summary>
public sealed class RequireTwoFactorFilter(IOptions<SecurityOptions> options) : IAsyncActionFilter
{
    public const string TwoFactorClaim = "rtm:2fa";

    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var user = context.HttpContext.User;
        var exempt = context.ActionDescriptor.EndpointMetadata.OfType<AllowWithoutTwoFactorAttribute>().Any()
            || context.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        if (!exempt && options.Value.RequireTwoFactorForGovernment && user.Identity?.IsAuthenticated == true
            && user.IsGovernment() && !user.HasClaim(TwoFactorClaim, "true"))
        {
            context.Result = new RedirectResult("/account/two-factor/setup");
            return Task.CompletedTask;
        }

        return next();
    }
}
