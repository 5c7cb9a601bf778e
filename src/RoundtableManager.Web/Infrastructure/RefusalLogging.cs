using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Every refused request leaves one log line (ASVS 16.3.2, 16.3.3): forbidden (403), too many attempts (429), too large
/// (413), a missing or wrong antiforgery token, a record that is not there or not the person's to see (404 from a
/// page), a personal link that does not work, and a sign-in demanded. The line names the route as it is written in the
/// code (<c>/invitation/{token}</c>), never the path or the query string, so no token or search reaches the log; the
/// person by account id only; and the client address, as the audit log does.
/// </summary>
public static class RefusalLogging
{
    public const string Category = "RoundtableManager.Security.Refusals";

    private const string RefusalItem = "RoundtableManager.Refusal";

    /// <summary>Says why this request is being refused, for the log line written when it ends.</summary>
    public static void NoteRefusal(this HttpContext context, string reason, LogLevel level = LogLevel.Warning)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[RefusalItem] = (reason, level);
    }

    /// <summary>Goes after authentication (so it knows who) and before authorization (so it sees what that refuses).</summary>
    public static IApplicationBuilder UseRefusalLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            await next(context);
            // The GOV.UK error page is the same request shown again: it was logged the first time.
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                return;
            }

            var endpoint = context.GetEndpoint();
            var status = context.Response.StatusCode;
            var (reason, level) = context.Items[RefusalItem] is (string noted, LogLevel notedLevel)
                ? (noted, notedLevel)
                : status switch
                {
                    StatusCodes.Status403Forbidden => ("forbidden", LogLevel.Warning),
                    StatusCodes.Status413PayloadTooLarge => ("request too large", LogLevel.Warning),
                    StatusCodes.Status429TooManyRequests => ("too many requests", LogLevel.Warning),
                    // Only from a page that exists: a record not there, or not this person's (the portal answers 404 for
                    // another organisation's). A path that matches nothing is not logged, so scanners cannot fill the log.
                    StatusCodes.Status404NotFound when endpoint is not null => ("not found or not theirs", LogLevel.Warning),
                    _ => (null, LogLevel.None),
                };
            if (reason is null)
            {
                return;
            }

            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText is { } pattern ? "/" + pattern.TrimStart('/') : "(no route)";
            logger.Log(
                level,
                "Refused {Method} {Route} with {StatusCode}: {Reason}; user {UserId}, client {ClientAddress}",
                context.Request.Method,
                route,
                status,
                reason,
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        });
    }

    /// <summary>Names what an authorization failure was missing, for the log line.</summary>
    internal static void NoteAuthorizationFailure(HttpContext context, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            context.NoteRefusal("not signed in", LogLevel.Information);
        }
        else if (result.Forbidden)
        {
            var missing = result.AuthorizationFailure?.FailedRequirements
                .Select(r => r is RolesAuthorizationRequirement roles ? "role " + string.Join(" or ", roles.AllowedRoles) : r.GetType().Name.Replace("Requirement", "", StringComparison.Ordinal))
                .Distinct()
                .ToList() ?? [];
            context.NoteRefusal(missing.Count == 0 ? "forbidden" : "forbidden, needs " + string.Join(", ", missing));
        }
    }
}

/// <summary>Notes a failed antiforgery check (the global filter answers 400 without a word in the log).</summary>
public sealed class AntiforgeryRefusalFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.HttpContext.NoteRefusal("antiforgery token missing or not valid");
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
