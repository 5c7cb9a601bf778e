using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RoundtableManager.Web.Operations;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, EF Core and our own meter), sent over OTLP when an
/// endpoint is configured, and a Prometheus scrape endpoint at /metrics for organisers or a configured network.
/// Span attributes never carry a path as typed (an invitation link holds its token): the route template replaces it.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";
    public const string MetricsPolicy = "MetricsReaders";
    public const string ServiceName = "roundtable-manager";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otlp = builder.Configuration["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } endpoint ? endpoint : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.RecordException = false;
                    options.EnrichWithHttpResponse = (activity, response) => activity
                        .SetTag("url.path", RouteOf(response.HttpContext))
                        .SetTag("url.query", null);
                })
                .AddHttpClientInstrumentation(options => options.RecordException = false)
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(OperationsMetrics.MeterName, OutboxAgeGauge.MeterName)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            if (!Uri.TryCreate(otlp, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ConfigurationProblemException("OpenTelemetry:OtlpEndpoint", $"'{otlp}' is not an http or https address.");
            }

            var protocol = string.Equals(builder.Configuration["OpenTelemetry:OtlpProtocol"], "HttpProtobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, uri);
        }

        builder.Services.AddSingleton<OutboxAgeGauge>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<OutboxAgeGauge>());
        builder.Services.AddSingleton<IAuthorizationHandler, MetricsReaderHandler>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, policy => policy.AddRequirements(new MetricsReaderRequirement(), new Infrastructure.Authorization.TwoFactorRequirement()));
        builder.Services.AddSingleton(MetricsNetworks.Read(builder.Configuration));

        // Every log line carries the trace and span ids of the request or job it belongs to.
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (builder.Environment.IsProduction())
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
    }

    public static void MapMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsPolicy);
    }

    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } route ? "/" + route.TrimStart('/') : "(no route)";

    private sealed class MetricsReaderRequirement : IAuthorizationRequirement;

    /// <summary>A scrape from a configured network, or an organiser who passes the organiser policy (two-factor included).</summary>
    private sealed class MetricsReaderHandler(IHttpContextAccessor http, MetricsNetworks networks, IServiceProvider services)
        : AuthorizationHandler<MetricsReaderRequirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsReaderRequirement requirement)
        {
            var address = http.HttpContext?.Connection.RemoteIpAddress;
            if (address is not null && networks.Contains(address))
            {
                context.Succeed(requirement);
                return;
            }

            var authorization = services.GetRequiredService<IAuthorizationService>();
            if ((await authorization.AuthorizeAsync(context.User, Policies.Organiser)).Succeeded)
            {
                context.Succeed(requirement);
            }
        }
    }
}

/// <summary>Operations:MetricsNetworks: networks (CIDR) whose scrapers may read /metrics without signing in.</summary>
public sealed class MetricsNetworks(IReadOnlyList<System.Net.IPNetwork> networks)
{
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var mapped = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(n => n.Contains(mapped));
    }

    public static MetricsNetworks Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var list = new List<System.Net.IPNetwork>();
        foreach (var text in configuration.GetSection("Operations:MetricsNetworks").Get<string[]>() ?? [])
        {
            list.Add(System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new ConfigurationProblemException("Operations:MetricsNetworks", $"'{text}' is not a network in CIDR form, like 10.0.2.0/24."));
        }

        return new MetricsNetworks(list);
    }
}

/// <summary>
/// roundtable.emails.oldest_unsent_age: seconds since the longest-waiting due email became due (0 when none). The
/// metrics collection thread never waits on the database: a loop reads the oldest due email every
/// <see cref="RefreshInterval"/> (asynchronously, off that thread) and the gauge works out its age from that reading.
/// </summary>
public sealed class OutboxAgeGauge(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxAgeGauge> logger) : BackgroundService
{
    public const string MeterName = "RoundtableManager.Outbox";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    private const long NoneDue = 0;
    private const long Unknown = -1;

    // Ticks (UTC) of when the oldest due email became due; NoneDue or Unknown (not read yet, or the read failed).
    private long _oldestDueTicks = Unknown;

    internal Meter? Meter { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Meter = meters.Create(MeterName);
        Meter.CreateObservableGauge("roundtable.emails.oldest_unsent_age", Measure, "s", "Age of the oldest due, unsent email");
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, clock);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the oldest due email now (the loop calls this; so can a test).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var oldest = await ReadinessChecks.OldestDueEmailAsync(scopes, clock.GetUtcNow().UtcDateTime, cancellationToken);
            Interlocked.Exchange(ref _oldestDueTicks, oldest?.Ticks ?? NoneDue);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            Interlocked.Exchange(ref _oldestDueTicks, Unknown);
            logger.LogWarning("The outbox could not be read for the oldest-unsent-email gauge ({Error})", ex.GetType().Name);
        }
    }

    private double Measure()
    {
        var ticks = Interlocked.Read(ref _oldestDueTicks);
        return ticks switch
        {
            Unknown => double.NaN,
            NoneDue => 0,
            _ => Math.Max(0, (clock.GetUtcNow().UtcDateTime - new DateTime(ticks, DateTimeKind.Utc)).TotalSeconds),
        };
    }
}
