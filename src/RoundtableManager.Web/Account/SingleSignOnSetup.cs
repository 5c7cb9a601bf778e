using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace RoundtableManager.Web.Account;

/// <summary>
/// OpenID Connect sign-in for organisers and staff (Authentication:Oidc), registered only when an authority is
/// configured: authorization code flow with PKCE, the id token's own claim names, and the provider's answer returned in
/// the query string, so the correlation cookies can stay SameSite=Lax.
/// </summary>
public static class SingleSignOnSetup
{
    public const string CallbackPath = "/signin-oidc";

    public static WebApplicationBuilder AddSingleSignOn(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SingleSignOnOptions>().BindConfiguration(SingleSignOnOptions.SectionName);
        services.AddScoped<SingleSignOnService>();
        services.AddSingleton<ProviderReauthentication>();
        services.AddSingleton<ProviderMetadata>();
        var settings = builder.Configuration.GetSection(SingleSignOnOptions.SectionName).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        var production = builder.Environment.IsProduction();
        settings.Validate(production);
        if (!settings.Enabled)
        {
            return builder;
        }

        // The principal is rebuilt from the account every minute (security stamp): keep a provider-asserted second factor.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            TwoFactorClaims.CarryOver(context.CurrentPrincipal, context.NewPrincipal!);
            return Task.CompletedTask;
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, options =>
        {
            options.Cookie.Name = production ? "__Host-RoundtableManager-External" : "RoundtableManager-External";
            options.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        services.AddAuthentication().AddOpenIdConnect(SingleSignOnOptions.Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.CallbackPath = CallbackPath;
            options.ResponseType = "code";
            options.ResponseMode = "query";
            options.UsePkce = true;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.Scope.Add("email");
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.DisableTelemetry = true;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // A cancelled or failed sign-in at the provider (or a stale callback) gets our page, never an exception.
            options.Events.OnRemoteFailure = context =>
            {
                // Before the refusal logger in the pipeline, so it writes its own line (the kind of failure, no values).
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Infrastructure.RefusalLogging.Category)
                    .LogWarning("Refused: single sign-on did not complete ({Failure})", context.Failure?.GetType().Name ?? "unknown");
                context.Response.Redirect(ProviderReauthentication.IsReauthentication(context.Properties) ? "/account/sessions" : SingleSignOnController.FailedPath);
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        // After the handler's own set-up has made the back channel and the metadata address: the same fetch, with the
        // metadata's issuer compared with the configured authority.
        services.PostConfigure<OpenIdConnectOptions>(SingleSignOnOptions.Scheme, options =>
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                options.MetadataAddress,
                new IssuerCheckingRetriever(settings.Authority!),
                new HttpDocumentRetriever(options.Backchannel) { RequireHttps = options.RequireHttpsMetadata })
            {
                AutomaticRefreshInterval = options.AutomaticRefreshInterval,
                RefreshInterval = options.RefreshInterval,
            });
        return builder;
    }
}
