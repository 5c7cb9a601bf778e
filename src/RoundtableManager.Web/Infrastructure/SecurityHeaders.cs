using Microsoft.Net.Http.Headers;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Response headers for every page: a strict Content Security Policy (scripts only from this site, or inline with
/// the request's nonce: <c>nonce="@Context.GetNonce()"</c>), no framing, no sniffing, a restrictive Permissions-Policy,
/// and no caching of anything but static files, because almost every page shows personal data.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For pages whose address carries a secret (invitation and set-password links): no Referer leaves them.</summary>
    public const string NoReferrerPolicy = "no-referrer";

    /// <summary>
    /// For the Hangfire dashboard only (third-party, organisers only): its script sets inline styles, so styles may be
    /// inline there. Scripts stay as strict as everywhere else.
    /// </summary>
    public const string JobsDashboardPolicy = "jobs-dashboard";

    public static IServiceCollection AddRoundtableSecurityHeaders(this IServiceCollection services)
    {
        services.AddHsts(options =>
        {
            options.MaxAge = HstsMaxAge;
            options.IncludeSubDomains = true;
        });
        services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(policy => Apply(policy))
            .AddPolicy(NoReferrerPolicy, policy => Apply(policy).AddReferrerPolicyNoReferrer())
            .AddPolicy(JobsDashboardPolicy, policy => Apply(policy, inlineStyles: true));
        return services;
    }

    /// <summary>One year, subdomains included (sent only over HTTPS, and never for localhost).</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    private static HeaderPolicyCollection Apply(HeaderPolicyCollection policy, bool inlineStyles = false) => policy
            .AddDefaultSecurityHeaders()
            .AddStrictTransportSecurityMaxAgeIncludeSubDomains((int)HstsMaxAge.TotalSeconds)
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self().WithNonce();
                var styles = csp.AddStyleSrc().Self();
                if (inlineStyles)
                {
                    styles.UnsafeInline();
                }

                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddManifestSrc().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().None();
                csp.AddObjectSrc().None();
            })
            .AddPermissionsPolicy(permissions =>
            {
                permissions.AddCamera().None();
                permissions.AddMicrophone().None();
                permissions.AddGeolocation().None();
                permissions.AddPayment().None();
                permissions.AddUsb().None();
                permissions.AddGyroscope().None();
                permissions.AddMagnetometer().None();
                permissions.AddAccelerometer().None();
            })
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
            .AddCrossOriginResourcePolicy(corp => corp.SameOrigin())
            .RemoveServerHeader();

    /// <summary>Marks every dynamic response no-store unless the action chose otherwise. Goes after static files.</summary>
    public static IApplicationBuilder UseNoStoreForDynamicPages(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (!context.Response.Headers.ContainsKey(HeaderNames.CacheControl))
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
