using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RoundtableManager.Tests.Operations;

/// <summary>With an OTLP endpoint configured, traces and metrics reach it (a stand-in collector on 127.0.0.1).</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpointConfigured_TracesAndMetricsPostedToCollector()
    {
        var received = new ConcurrentQueue<(string Path, long Length)>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path, body.Length));
            context.Response.ContentType = "application/x-protobuf";
        });
        await collector.StartAsync();
        var address = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var app = TestApp.Create(settings: new Dictionary<string, string?>
        {
            ["OpenTelemetry:OtlpEndpoint"] = address,
            ["OpenTelemetry:OtlpProtocol"] = "HttpProtobuf",
        });
        using var client = app.CreateClient();
        (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).Dispose();
        app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        Assert.Contains(received, r => r.Path == "/v1/traces" && r.Length > 0);
        Assert.Contains(received, r => r.Path == "/v1/metrics" && r.Length > 0);
        await collector.StopAsync();
    }

    [Fact]
    public async Task OtlpEndpointNotAnAddress_AppRefusesToStartNamingTheSetting()
    {
        var result = await AppProcess.RunInProcessAsync([], environment: new Dictionary<string, string>
        {
            ["OpenTelemetry__OtlpEndpoint"] = "collector:4317",
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "rtm-tests", $"{Guid.NewGuid():N}.db")}",
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("OpenTelemetry:OtlpEndpoint", result.Error, StringComparison.Ordinal);
    }
}
