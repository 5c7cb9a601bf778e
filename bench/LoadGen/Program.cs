using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

// A small HTTP load generator for the benchmarks, run as its own process so the load does not share the server's
// thread pool or GC. Reads request templates (JSON lines: method, url, cookie, body) from --requests; connection i
// sends template i % count again and again. Warm-up, then a fixed duration; prints one JSON line with the result.
var options = Options.Parse(args);
var templates = File.ReadAllLines(options.RequestsFile)
    .Where(l => !string.IsNullOrWhiteSpace(l))
    .Select(l => JsonSerializer.Deserialize(l, LoadGenJson.Default.RequestTemplate)!)
    .ToArray();
if (templates.Length == 0)
{
    await Console.Error.WriteLineAsync("No requests in " + options.RequestsFile);
    return 2;
}

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Connections,
    UseCookies = false,
    AllowAutoRedirect = false,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
};
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

var measuring = false;
var stop = false;
var latencies = new List<double>[options.Connections];
var errors = new int[options.Connections];
var statuses = new Dictionary<int, int>[options.Connections];
var firstError = new string?[options.Connections];

async Task WorkerAsync(int worker)
{
    var template = templates[worker % templates.Length];
    var mine = latencies[worker] = new List<double>(100_000);
    var myStatuses = statuses[worker] = [];
    var body = template.Body is null ? null : Encoding.UTF8.GetBytes(template.Body);
    while (!Volatile.Read(ref stop))
    {
        using var request = new HttpRequestMessage(new HttpMethod(template.Method), template.Url);
        if (template.Cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", template.Cookie);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        }

        var started = Stopwatch.GetTimestamp();
        int status;
        string? failure = null;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            await response.Content.ReadAsByteArrayAsync();
            status = (int)response.StatusCode;
            if (status != template.Expect)
            {
                failure = $"{template.Method} {template.Url}: {status} (expected {template.Expect}) {response.Headers.Location}";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            status = 0;
            failure = $"{template.Method} {template.Url}: {ex.GetType().Name} {ex.Message}";
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (Volatile.Read(ref measuring))
        {
            mine.Add(elapsed);
            myStatuses[status] = myStatuses.GetValueOrDefault(status) + 1;
            if (failure is not null)
            {
                errors[worker]++;
                firstError[worker] ??= failure;
            }
        }
    }
}

var workers = Enumerable.Range(0, options.Connections).Select(i => Task.Run(() => WorkerAsync(i))).ToArray();
await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
Volatile.Write(ref measuring, true);
var watch = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds));
Volatile.Write(ref measuring, false);
var seconds = watch.Elapsed.TotalSeconds;
Volatile.Write(ref stop, true);
await Task.WhenAll(workers);

var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
var result = new LoadResult(
    all.Length,
    errors.Sum(),
    all.Length / seconds,
    Percentile(0.50),
    Percentile(0.99),
    statuses.SelectMany(s => s).GroupBy(s => s.Key).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Sum(s => s.Value)),
    firstError.FirstOrDefault(e => e is not null));
Console.WriteLine(JsonSerializer.Serialize(result, LoadGenJson.Default.LoadResult));
return 0;

internal sealed record Options(string RequestsFile, int Connections, double WarmupSeconds, double DurationSeconds)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new(
            Value("--requests", "requests.jsonl"),
            int.Parse(Value("--connections", "64"), CultureInfo.InvariantCulture),
            double.Parse(Value("--warmup", "3"), CultureInfo.InvariantCulture),
            double.Parse(Value("--duration", "10"), CultureInfo.InvariantCulture));
    }
}

/// <summary>One request to send again and again; <see cref="Expect"/> is the status that counts as success.</summary>
internal sealed record RequestTemplate(string Method, string Url, string? Cookie, string? Body, int Expect = (int)HttpStatusCode.OK);

internal sealed record LoadResult(int Requests, int Errors, double RequestsPerSecond, double P50Ms, double P99Ms, Dictionary<string, int> Statuses, string? FirstError);

[System.Text.Json.Serialization.JsonSerializable(typeof(RequestTemplate))]
[System.Text.Json.Serialization.JsonSerializable(typeof(LoadResult))]
internal sealed partial class LoadGenJson : System.Text.Json.Serialization.JsonSerializerContext;
