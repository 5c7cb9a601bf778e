using Hangfire;
using Hangfire.Dashboard;

namespace RoundtableManager.Web.Infrastructure.Authorization;

public static class JobsDashboard
{
    public const string Path = "/hangfire";

    /// <summary>Where the dashboard's "Sign out" link goes: a page with the sign-out button (sign-out is a POST).</summary>
    public const string SignOutPath = "/sign-out";

    /// <summary>
    /// Hangfire keeps its dashboard's stylesheet and script bundles and its navigation menu process-wide, so our
    /// additions (colour contrast and checkbox names, for WCAG 2.2 AA; a way to sign out, ASVS 7.4.4) are added once per
    /// process, however many app instances map the dashboard.
    /// </summary>
    static JobsDashboard()
    {
        GlobalConfiguration.Configuration
            .UseDashboardStylesheet(typeof(JobsDashboard).Assembly, "RoundtableManager.Web.JobsDashboard.css")
            .UseDashboardJavaScript(typeof(JobsDashboard).Assembly, "RoundtableManager.Web.JobsDashboard.js");
        NavigationMenu.Items.Add(_ => new MenuItem("Sign out", SignOutPath));
    }

    /// <summary>
    /// The Hangfire dashboard can retry and delete jobs, so it is for organisers only: the endpoint policy answers
    /// anonymous people with the sign-in page and others with 403, and the filter checks the same policy again inside
    /// Hangfire (two-factor sign-in included: the policy carries it).
    /// </summary>
    public static IEndpointConventionBuilder MapJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapHangfireDashboard(Path, new DashboardOptions
            {
                AsyncAuthorization = [new PolicyDashboardAuthorizationFilter(Policies.Organiser)],
                AppPath = "/emails",
                DashboardTitle = "Roundtable Manager background jobs",
                DisplayStorageConnectionString = false,
            })
            .RequireAuthorization(Policies.Organiser)
            .WithSecurityHeadersPolicy(SecurityHeaders.JobsDashboardPolicy);
    }
}

/// <summary>Hangfire's own check, through <see cref="IAuthorizationService"/> with the app's policy, so the two cannot drift apart.</summary>
public sealed class PolicyDashboardAuthorizationFilter(string policy) : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, http, policy)).Succeeded;
    }
}
