using Hangfire;
using Hangfire.Dashboard;
using RoundtableManager.Core.Identity;

namespace RoundtableManager.Web.Infrastructure.Authorization;

public static class JobsDashboard
{
    public const string Path = "/hangfire";

    /// <summary>
    /// Hangfire keeps its dashboard's stylesheet and script bundles process-wide, so our additions (colour contrast and
    /// checkbox names, for WCAG 2.2 AA) are added once per process, however many app instances map the dashboard.
    /// </summary>
    static JobsDashboard() => GlobalConfiguration.Configuration
        .UseDashboardStylesheet(typeof(JobsDashboard).Assembly, "RoundtableManager.Web.JobsDashboard.css")
        .UseDashboardJavaScript(typeof(JobsDashboard).Assembly, "RoundtableManager.Web.JobsDashboard.js");

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
