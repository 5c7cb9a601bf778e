using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// The TLS-terminating proxies or load balancers whose X-Forwarded-For and X-Forwarded-Proto headers are believed.
/// None by default: from any other address those headers change nothing (not the client address rate limits count,
/// not the scheme).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, such as <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, such as <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

public sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"ForwardedHeaders:KnownProxies '{p}' is not an IP address.")
            .Concat(options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))
                .Select(n => $"ForwardedHeaders:KnownNetworks '{n}' is not a network in CIDR form, like 10.0.0.0/24."))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

public static class ProxySetup
{
    /// <summary>Set on a request refused for arriving over plain HTTP in Production, so the error page can say why.</summary>
    public const string HttpsRequiredItem = "rtm:https-required";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddValidatedOptions<ForwardedHeadersSettings, ForwardedHeadersSettingsValidator>(ForwardedHeadersSettings.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; here nothing is trusted unless configured.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>
    /// Production cookies are Secure only, so nothing works over plain HTTP: such a request gets a clear 400 page (and
    /// the log says which setting is missing) rather than failing half-way. <c>/health</c> stays open to load balancers.
    /// </summary>
    public static IApplicationBuilder UseHttpsOnly(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProxySetup));
        return app.Use((context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/error"))
            {
                return next(context);
            }

            logger.LogWarning("A request arrived over plain HTTP and was refused. Behind a TLS-terminating proxy, name it in ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks");
            context.Items[HttpsRequiredItem] = true;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        });
    }
}
