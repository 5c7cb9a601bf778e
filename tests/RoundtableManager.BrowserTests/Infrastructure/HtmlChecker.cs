using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace RoundtableManager.BrowserTests.Infrastructure;

/// <summary>
/// The Nu HTML Checker (vnu.jar from the npm package <c>vnu-jar</c>, run by Java) as a web service on 127.0.0.1:
/// one JVM for the whole run, started with the browser fixture, asked about each page a journey saved.
/// </summary>
public sealed class HtmlChecker : IAsyncDisposable
{
    /// <summary>
    /// The one listed exception: the Hangfire dashboard's own pages (third-party markup we only restyle for
    /// accessibility). Our own pages under /hangfire, such as the 403 a staff member gets, are checked like any other.
    /// </summary>
    public static bool IsHangfireDashboard(SavedPage page) =>
        page?.Url.AbsolutePath.StartsWith("/hangfire", StringComparison.OrdinalIgnoreCase) == true
        && !page.Html.Contains("govuk-template", StringComparison.Ordinal);

    // The checker answers 400 to a request without a User-Agent. Its server closes idle connections sooner than .NET
    // drops pooled ones, and a post on a connection it has just closed "ended prematurely": keep none idle for long.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { { "User-Agent", "RoundtableManager.BrowserTests" } },
    };

    private readonly Process _process;
    private readonly Uri _endpoint;
    private readonly StringBuilder _log = new();
    private Task? _ready;

    private HtmlChecker(Process process, Uri endpoint)
    {
        _process = process;
        _endpoint = endpoint;
    }

    public static string JarPath => Path.Combine(AppContext.BaseDirectory, "vnu.jar");

    /// <summary>Starts the checker without waiting for it: it loads its schemas while the first journey runs.</summary>
    public static HtmlChecker Start()
    {
        if (!File.Exists(JarPath))
        {
            throw new InvalidOperationException($"The Nu HTML Checker was not found at {JarPath}. Building the browser tests installs it (npm ci in tests/RoundtableManager.BrowserTests).");
        }

        var java = FindJava() ?? throw new InvalidOperationException(
            "The browser tests need Java for the Nu HTML Checker. Install it (sudo apt-get install default-jre-headless) or set JAVA_HOME.");
        var port = FreePort();
        var start = new ProcessStartInfo(java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The JVM's options (session 12): the checker serves a few hundred small pages per run, too few for the C2
        // compiler to earn back its compile time, so only C1 runs (about 6 CPU s to start instead of 9-10 on the loaded
        // 2-core machine); C1's larger frames overflow the default 1 MB stack while the schemas load, hence -Xss; the
        // serial collector needs no GC threads beside the ones the tests run.
        string[] arguments =
        [
            "-XX:TieredStopAtLevel=1", "-Xss16m", "-XX:+UseSerialGC",
            "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", JarPath, "nu.validator.servlet.Main", port.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Java did not start.");
        var checker = new HtmlChecker(process, new Uri($"http://127.0.0.1:{port}/?out=json&level=error"));
        process.OutputDataReceived += (_, e) => checker.Log(e.Data);
        process.ErrorDataReceived += (_, e) => checker.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        checker._ready = checker.WaitUntilReadyAsync();
        return checker;
    }

    /// <summary>Saves each page under <paramref name="folder"/> and returns the checker's errors, one line each.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string folder, IReadOnlyList<SavedPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        await (_ready ?? Task.CompletedTask);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var problems = new List<string>();
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var file = Path.Combine(folder, $"{i + 1:00}-{Slug(page.Url)}.html");
            await File.WriteAllTextAsync(file, page.Html);
            if (IsHangfireDashboard(page))
            {
                continue;
            }

            using var json = JsonDocument.Parse(await PostAsync(page.Html));
            foreach (var message in json.RootElement.GetProperty("messages").EnumerateArray())
            {
                var type = message.GetProperty("type").GetString();
                if (type == "info")
                {
                    continue;
                }

                var line = message.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0;
                var extract = message.TryGetProperty("extract", out var x) ? x.GetString() : "";
                problems.Add($"{page.Url.PathAndQuery} (saved as {file}, line {line}): {message.GetProperty("message").GetString()} [{extract}]");
            }
        }

        return problems;
    }

    private async Task<string> PostAsync(string html)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(html));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/html") { CharSet = "utf-8" };
            try
            {
                using var response = await Http.PostAsync(_endpoint, content);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException) when (attempt < 3 && !_process.HasExited)
            {
                // A connection the server dropped (see Http above); checking a page changes nothing, so ask again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        var root = new Uri(_endpoint, "/");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Nu HTML Checker stopped (exit code {_process.ExitCode}):\n{LogText()}");
            }

            try
            {
                using var response = await Http.GetAsync(root);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // One page checked before any journey asks: the first check of a run loads the HTML parser and
                    // the schema's code paths, and the journeys' own checks then start warm.
                    await PostAsync(WarmUpPage);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The Nu HTML Checker did not answer within two minutes:\n{LogText()}");
    }

    /// <summary>A small page with the kinds of element our pages have (landmarks, a form, a table, a summary list).</summary>
    private const string WarmUpPage = """
        <!DOCTYPE html>
        <html lang="en-GB" class="govuk-template"><head><meta charset="utf-8"><title>Warm-up - Roundtable Manager</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/a.css"></head>
        <body class="govuk-template__body"><a href="#main-content" class="govuk-skip-link">Skip to main content</a>
        <header class="govuk-header"><nav aria-label="Menu"><ul><li><a href="/">Home</a></li></ul></nav></header>
        <main class="govuk-main-wrapper" id="main-content"><h1 class="govuk-heading-l">Warm-up</h1>
        <form method="post" action="/x" novalidate><div class="govuk-form-group"><label class="govuk-label" for="q">Search</label>
        <input class="govuk-input" id="q" name="q" type="text" autocomplete="off"></div>
        <div class="govuk-checkboxes"><input type="checkbox" id="c" name="c" value="true"><label for="c">Archived</label></div>
        <button type="submit" class="govuk-button" data-module="govuk-button">Search</button></form>
        <table class="govuk-table"><caption>Rows</caption><thead><tr><th scope="col">Name</th></tr></thead>
        <tbody><tr><td><a href="/r/1">One</a></td></tr></tbody></table>
        <dl class="govuk-summary-list"><div class="govuk-summary-list__row"><dt>Key</dt><dd>Value</dd></div></dl></main>
        <footer class="govuk-footer"><p>Footer</p></footer><script src="/a.js" type="module"></script></body></html>
        """;

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 20_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    private string LogText()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private static string? FindJava()
    {
        var home = Environment.GetEnvironmentVariable("JAVA_HOME");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(home))
        {
            candidates.Add(Path.Combine(home, "bin", "java"));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "java")));
        return candidates.FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Slug(Uri url)
    {
        var path = url.AbsolutePath.Trim('/');
        var slug = new string([.. (path.Length == 0 ? "home" : path).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        return slug.Length > 60 ? slug[..60] : slug;
    }
}

/// <summary>A page as the server sent it (not the DOM after scripts ran).</summary>
public sealed record SavedPage(Uri Url, string Html);
