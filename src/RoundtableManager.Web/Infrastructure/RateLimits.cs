using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace RoundtableManager.Web.Infrastructure;

public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Sign-in attempts (POSTs) per client address per minute. Account lockout is separate (5 failures).</summary>
    [Range(1, 100_000)]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Invitation-link page loads per client address per minute.</summary>
    [Range(1, 100_000)]
    public int InvitationLinkPerMinute { get; set; } = 30;

    /// <summary>"Send me a new link" requests per client address per 15 minutes.</summary>
    [Range(1, 100_000)]
    public int NewLinkPerQuarterHour { get; set; } = 5;
}

/// <summary>
/// Rate limits on the pages an attacker would hammer. The extra request gets 429 with Retry-After; the status-code
/// page turns it into a GOV.UK "Too many attempts" page. Counters live in each instance's memory: with several
/// instances the effective limit is per instance, which still bounds guessing (account lockout is in the database).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string InvitationLink = "invitation-link";
    public const string NewLink = "new-link";

    public static IServiceCollection AddRoundtableRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var limits = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignIn, context => PerClient(context, limits.SignInPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(InvitationLink, context => PerClient(context, limits.InvitationLinkPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(NewLink, context => PerClient(context, limits.NewLinkPerQuarterHour, TimeSpan.FromMinutes(15)));
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
