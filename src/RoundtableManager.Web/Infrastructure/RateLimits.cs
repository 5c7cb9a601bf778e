using Microsoft.AspNetCore.Mvc.Filters;
using RoundtableManager.Core.Security;

namespace RoundtableManager.Web.Infrastructure;

public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Sign-in attempts (POSTs) per client address per minute. Account lockout is separate (5 failures).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Invitation- and feedback-link page loads, and feedback answers, per client address per minute.</summary>
    public int InvitationLinkPerMinute { get; set; } = 30;

    /// <summary>"Send me a new link" requests per client address per 15 minutes.</summary>
    public int NewLinkPerQuarterHour { get; set; } = 5;
}

/// <summary>Each limit is a whole number from 1 to 100,000.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var wrong = new (string Key, int Value)[]
            {
                (nameof(RateLimitOptions.SignInPerMinute), options.SignInPerMinute),
                (nameof(RateLimitOptions.InvitationLinkPerMinute), options.InvitationLinkPerMinute),
                (nameof(RateLimitOptions.NewLinkPerQuarterHour), options.NewLinkPerQuarterHour),
            }
            .Where(limit => limit.Value is < 1 or > 100_000)
            .Select(limit => $"{RateLimitOptions.SectionName}:{limit.Key} must be a whole number from 1 to 100,000")
            .ToList();
        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }
}

/// <summary>
/// Rate limits on the pages an attacker would hammer. The extra request gets 429 with Retry-After; the status-code
/// page turns it into a GOV.UK "Too many attempts" page. Counters are kept in the database (<see cref="SharedRateLimiter"/>),
/// so several instances behind a load balancer enforce one limit together.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string InvitationLink = "invitation-link";
    public const string NewLink = "new-link";

    public static IServiceCollection AddRoundtableRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        services.AddSingleton<SharedRateLimiter>();
        return services;
    }

    internal static (int Permits, TimeSpan Window) For(string policy, RateLimitOptions limits) => policy switch
    {
        SignIn => (limits.SignInPerMinute, TimeSpan.FromMinutes(1)),
        InvitationLink => (limits.InvitationLinkPerMinute, TimeSpan.FromMinutes(1)),
        NewLink => (limits.NewLinkPerQuarterHour, TimeSpan.FromMinutes(15)),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown rate-limit policy"),
    };
}

/// <summary><c>[RateLimit(RateLimits.SignIn)]</c>: counts the request against the client address's limit before model binding.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RateLimitAttribute : TypeFilterAttribute
{
    public RateLimitAttribute(string policy)
        : base(typeof(RateLimitFilter)) => Arguments = [policy];
}

internal sealed class RateLimitFilter(string policy, SharedRateLimiter limiter, IOptions<RateLimitOptions> options) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var (permits, window) = RateLimits.For(policy, options.Value);
        var client = context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var decision = await limiter.TryAcquireAsync(policy, client, permits, window, context.HttpContext.RequestAborted);
        if (!decision.Allowed)
        {
            context.HttpContext.NoteRefusal($"rate limit '{policy}' reached");
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
            return;
        }

        await next();
    }
}
