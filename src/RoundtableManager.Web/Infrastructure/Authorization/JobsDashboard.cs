using Hangfire;
using Hangfire.Dashboard;
using RoundtableManager.Core.Identity;

namespace RoundtableManager.Web.Infrastructure.Authorization;

public static class JobsDashboard
{
    public const string Path = "/hangfire";

    /// <summary>
    /// The Hangfire dashboard can retry and delete jobs, so it is for organisers only: the endpoint policy answers
    /// anonymous people with the sign-in page and others with 403, and the filter checks again inside Hangfire.
    /// </summary>
    public static IEndpointConventionBuilder MapJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapHangfireDashboard(Path, new DashboardOptions
            {
                AsyncAuthorization = [new OrganiserDashboardAuthorizationFilter()],
                AppPath = "/emails",
                DashboardTitle = "Roundtable Manager background jobs",
                DisplayStorageConnectionString = false,
            })
            .RequireAuthorization(Policies.Organiser)
            .WithSecurityHeadersPolicy(SecurityHeaders.JobsDashboardPolicy);
    }
}

public sealed class OrganiserDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return Task.FromResult(user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Organiser));
    }
}
