using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RoundtableManager.Tests.Operations;

/// <summary>OpenTelemetry traces and metrics, the /metrics scrape endpoint's readers, and Production's JSON logs.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Journey_SpanAttributesAndMetricLabels_HoldNoPersonalDataOrTokens()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        using var app = new TestApp
        {
            ConfigureTestServices = services => services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddInMemoryExporter(activities))
                .WithMetrics(meter => meter.AddInMemoryExporter(metrics)),
        };

        var roundtable = await RsvpTestData.RoundtableAsync(app);
        var invited = await RsvpTestData.InviteAsync(app, roundtable, "Telemetry");
        var messages = await InvitationTestData.MessagesAsync(app, roundtable.Id);
        var linkPath = InvitationTestData.LinkPath(messages.First(m => m.ToAddress == invited.Contacts[0].Email));
        var token = linkPath["/invitation/".Length..];

        var (status, _, opened) = await InvitationTestData.OpenLinkAsync(app, linkPath);
        opened.Dispose();
        Assert.NotEqual(HttpStatusCode.NotFound, status);
        var supplier = await app.CreateUserAsync(Roles.Supplier, invited.Organisation.Id, invited.Contacts[0].Email);
        using var supplierClient = await app.SignedInClientAsync(supplier);
        var delegates = RsvpTestData.People("Telemetry Delegate", 2);
        using (var reply = await RsvpTestData.ReplyAsync(supplierClient, invited.InvitationId, "Accepted", delegates))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        var organiser = await app.CreateUserAsync(Roles.Organiser);
        const string WrongPassword = "not-the-password-4411-telemetry";
        using (var anonymous = app.CreateBrowserLikeClient())
        using (await anonymous.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = organiser.Email, ["Password"] = WrongPassword }))
        {
        }

        using var organiserClient = await app.SignedInClientAsync(organiser);
        using (var scrape = await organiserClient.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        }

        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var secrets = new List<string> { token, supplier.Email, supplier.Password, organiser.Email, organiser.Password, WrongPassword, invited.Organisation.Name };
        secrets.AddRange(invited.Contacts.Select(c => c.Email));
        secrets.AddRange(delegates.SelectMany(d => new[] { d.Name, d.Email }));
        secrets.AddRange(secrets.Where(s => s.Contains('@', StringComparison.Ordinal)).Select(Uri.EscapeDataString).ToList());
        // Background loops (the outbox heartbeat and wake-up, the gauge's refresh) keep exporting while the test reads,
        // so it reads one copy of each list, taken here, for every check below.
        var activitiesSeen = activities.ToArray().Where(a => a is not null).ToList();
        var metricsSeen = metrics.ToArray().Where(m => m is not null).ToList();
        var spanTexts = activitiesSeen.SelectMany(a => new[] { a.DisplayName }
            .Concat(a.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(a.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}"))))
            .ToList();
        var labelTexts = new List<string>();
        foreach (var metric in metricsSeen)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    labelTexts.Add($"{metric.Name}:{tag.Key}={tag.Value}");
                }
            }
        }

        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(spanTexts, text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(labelTexts, text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        // Not vacuous: the journey's requests, queries and events are all there, with routes in place of paths.
        Assert.Contains(spanTexts, t => t == "url.path=/invitation/{token}");
        Assert.Contains(spanTexts, t => t.StartsWith("http.route=", StringComparison.Ordinal));
        Assert.Contains(activitiesSeen, a => a.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Contains(labelTexts, t => t == "roundtable.answers:kind=accepted");
        Assert.Contains(labelTexts, t => t.StartsWith("roundtable.emails.queued:kind=", StringComparison.Ordinal));
        Assert.Contains(metricsSeen, m => m.Name == "roundtable.signin.failures");
        Assert.Contains(metricsSeen, m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task Metrics_ReadersOnly_OrganisersOrConfiguredNetwork()
    {
        using var app = TestApp.Create(settings: new Dictionary<string, string?> { ["Operations:MetricsNetworks:0"] = "10.20.0.0/16" });
        app.ConfigureTestServices = services => services.AddSingleton<IStartupFilter>(new RemoteAddressFromHeader());

        using (var anonymous = app.CreateBrowserLikeClient())
        using (var refused = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain("roundtable_", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff)))
        using (var forbidden = await staff.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using (var organiser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser)))
        using (var allowed = await organiser.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Contains("http_server_request_duration", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var scraper = app.CreateBrowserLikeClient();
        using (var inside = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            inside.Headers.Add(RemoteAddressFromHeader.Header, "10.20.3.4");
            using var response = await scraper.SendAsync(inside);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var outside = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            outside.Headers.Add(RemoteAddressFromHeader.Header, "10.21.3.4");
            using var response = await scraper.SendAsync(outside);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>Production's JSON logs with trace ids, on the shared Production host (it only reads the app's options).</summary>
    [Collection(SharedHosts.Production)]
    public sealed class InProduction(ProductionApp production)
    {
        [Fact]
        public void Logs_ProductionJsonWithTraceIds()
        {
            Assert.Equal(ConsoleFormatterNames.Json, production.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
            Assert.True(production.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
            Assert.True(production.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions.HasFlag(ActivityTrackingOptions.TraceId));
        }
    }

    /// <summary>Any other environment's console stays readable, on the shared actions host (it only reads the app's options).</summary>
    [Collection(SharedHosts.Actions)]
    public sealed class OutsideProduction(TestApp testing)
    {
        [Fact]
        public void Logs_OtherEnvironments_ReadableConsole() =>
            Assert.NotEqual(ConsoleFormatterNames.Json, testing.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    /// <summary>TestServer has no client address; this gives a request the one its test header names.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Remote-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextStep) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
                }

                return nextStep(context);
            });
            next(app);
        };
    }
}
