namespace RoundtableManager.BrowserTests.Infrastructure;

/// <summary>
/// Each journey gets a fresh browser context. <see cref="GoToAsync"/> and <see cref="CheckAccessibilityAsync"/>
/// run an axe scan (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every page a journey reaches (journeys sign in by posting
/// the forms, <see cref="SignInAsync"/>; SignInJourneyTests goes through them in the browser, each state scanned once per
/// run, <see cref="CheckAccessibilityOncePerRunAsync"/>); a failing journey
/// leaves a full-page screenshot in TestResults/screenshots. Every HTML page the server sends during a journey is
/// saved in TestResults/html/{journey} and checked by the Nu HTML Checker when the journey ends: any error fails it.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public abstract class JourneyBase(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    protected BrowserFixture Fixture { get; } = fixture;

    /// <summary>The app the journey visits: the shared one unless a journey class starts its own (set up differently).</summary>
    protected virtual TestApp App => Fixture.App;

    protected virtual Uri BaseAddress => Fixture.BaseAddress;

    protected virtual PageRecorder Pages => Fixture.Pages;

    /// <summary>The shared set-up: roundtables, organisations, contacts, invitations and answers in <see cref="App"/>.</summary>
    protected JourneyData Data => new(App, Fixture.Smtp);

    protected ITestOutputHelper Output { get; } = output;

    public static string HtmlFolder =>
        Environment.GetEnvironmentVariable("BROWSER_TEST_HTML") is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "html");

    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("BROWSER_TEST_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    private readonly Dictionary<string, (int Count, TimeSpan Time)> _stepTimes = [];

    /// <summary>Times one step of a journey (for the line each journey writes: where its time went).</summary>
    private async Task<T> TimedAsync<T>(string step, Func<Task<T>> run)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            return await run();
        }
        finally
        {
            _stepTimes.TryGetValue(step, out var sofar);
            _stepTimes[step] = (sofar.Count + 1, sofar.Time + clock.Elapsed);
        }
    }

    private Task<bool> TimedAsync(string step, Func<Task> run) => TimedAsync(step, async () =>
    {
        await run();
        return true;
    });

    private void WriteStepTimes(TimeSpan total) => Output.WriteLine($"Time: journey {total.TotalSeconds:0.0} s; "
        + string.Join("; ", _stepTimes.Select(s => $"{s.Key} {s.Value.Count} x {s.Value.Time.TotalSeconds:0.0} s")));

    protected async Task JourneyAsync(string name, Func<IPage, Task> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var total = System.Diagnostics.Stopwatch.StartNew();
        await using var context = await TimedAsync("context", () => Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() }));
        // axe is in every page from the journey's first navigation (an init script), so a scan need not send its 560 KB
        // first; sharing one context per collection did not shorten the set-up (session 12). Added once the page exists:
        // its first document, about:blank, has a renderer of its own that the first navigation replaces (our pages are
        // cross-origin isolated, COOP with COEP), so axe compiled there was wasted: 0.44-0.57 CPU s that renderer, 0.19-0.21 without.
        var page = await TimedAsync("page set-up", async () =>
        {
            var created = await context.NewPageAsync();
            await context.AddInitScriptAsync(AxeSource);
            return created;
        });
        page.SetDefaultTimeout(15_000);
        // Anything the browser refused (Content Security Policy) or could not load fails the journey.
        var browserErrors = new List<string>();
        page.Console += (_, message) =>
        {
            // A 4xx page the journey meant to visit is logged like this; failed sub-resources are caught below instead.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal))
            {
                browserErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => browserErrors.Add(error);
        // A file download ends its request as "aborted" in Chromium: that is the download, not a failure.
        var downloads = new List<string>();
        page.Download += (_, download) => downloads.Add(download.Url);
        page.RequestFailed += (_, request) => browserErrors.Add($"{request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                browserErrors.Add($"{response.Url}: HTTP {response.Status}");
            }
        };
        Pages.Start();
        try
        {
            await steps(page);
            browserErrors.RemoveAll(e => downloads.Exists(d => e == $"{d}: net::ERR_ABORTED"));
            Assert.True(browserErrors.Count == 0, "The browser reported errors:\n" + string.Join('\n', browserErrors));
            var saved = Pages.Stop();
            var invalid = await TimedAsync("Nu check", () => Fixture.Html.CheckAsync(Path.Combine(HtmlFolder, name), saved));
            Assert.True(invalid.Count == 0, $"The Nu HTML Checker found {invalid.Count} errors:\n" + string.Join('\n', invalid));
            Output.WriteLine($"Nu HTML Checker: no errors on {saved.Count} pages");
            WriteStepTimes(total.Elapsed);
        }
        catch
        {
            Pages.Stop();
            Directory.CreateDirectory(ScreenshotFolder);
            var file = Path.Combine(ScreenshotFolder, $"{name}-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Output.WriteLine($"Screenshot of the failure: {file} (at {page.Url})");
            throw;
        }
    }

    /// <summary>Keeps a full-page screenshot of what the journey sees, to look at as a person would.</summary>
    protected async Task SaveScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotFolder);
        var file = Path.Combine(ScreenshotFolder, $"{name}.png");
        await TimedAsync("screenshot", () => page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true }));
        Output.WriteLine($"Screenshot: {file}");
    }

    /// <summary>
    /// A screenshot of the page as it prints: print media, at the width of an A4 page inside 12 mm margins (703 CSS
    /// pixels), then back to the screen.
    /// </summary>
    protected async Task SavePrintScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var viewport = page.ViewportSize;
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.SetViewportSizeAsync(703, 1000);
        await SaveScreenshotAsync(page, name);
        await page.SetViewportSizeAsync(viewport?.Width ?? 1280, viewport?.Height ?? 720);
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }

    /// <summary>
    /// The page at phone width (320 CSS pixels unless told, the width WCAG 2.2's reflow criterion 1.4.10 names), checked
    /// with axe again, a screenshot kept, then back to the desktop size. Nothing may reach past the screen's edge, so
    /// nothing scrolls sideways, unless it sits in a container that scrolls on its own (a wide data table), which must
    /// then be reachable with the keyboard (tabindex) to be scrolled.
    /// </summary>
    protected async Task SavePhoneScreenshotAsync(IPage page, string name, int width = 320)
    {
        ArgumentNullException.ThrowIfNull(page);
        var viewport = page.ViewportSize;
        await page.SetViewportSizeAsync(width, 800);
        await CheckAccessibilityAsync(page);
        var overflowing = await page.EvaluateAsync<string[]>(PastTheEdgeScript);
        Assert.True(overflowing.Length == 0, $"{name}: at {width}px these reach past the screen's edge:\n" + string.Join('\n', overflowing));
        var otherFonts = await page.EvaluateAsync<string[]>(OtherFontScript);
        Assert.True(otherFonts.Length == 0, $"{name}: text not in GOV.UK's typeface (a style that sets no font falls back to the browser's serif):\n" + string.Join('\n', otherFonts));
        await SaveScreenshotAsync(page, name);
        await page.SetViewportSizeAsync(viewport?.Width ?? 1280, viewport?.Height ?? 720);
    }

    /// <summary>What sticks out of the screen sideways, outside any container that scrolls; and scroll containers the keyboard cannot reach.</summary>
    private const string PastTheEdgeScript = """
        () => {
          const edge = document.documentElement.clientWidth;
          const found = [];
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          const scroller = el => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              const x = getComputedStyle(p).overflowX;
              if (x === 'auto' || x === 'scroll') return p;
            }
            return null;
          };
          if (document.documentElement.scrollWidth > edge) found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || (r.right <= edge + 1 && r.left >= -1)) continue;
            const s = getComputedStyle(el);
            if (s.visibility === 'hidden' || s.clipPath !== 'none' || s.clip !== 'auto') continue;
            const box = scroller(el);
            if (box === null) { found.push(`${describe(el)} (${Math.round(r.left)} to ${Math.round(r.right)}px)`); continue; }
            if (box.scrollWidth <= box.clientWidth) continue;
            if (box.tabIndex < 0) found.push(`${describe(box)} scrolls but cannot be reached with the keyboard`);
            if (getComputedStyle(box).backgroundImage === 'none') found.push(`${describe(box)} scrolls with nothing to show there is more`);
          }
          return [...new Set(found)].slice(0, 20);
        }
        """;

    /// <summary>Visible text outside charts whose font is neither GDS Transport nor a monospace one.</summary>
    private const string OtherFontScript = """
        () => {
          const found = [];
          for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('svg') || el.getClientRects().length === 0 || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== '')) continue;
            const s = getComputedStyle(el);
            if (s.display === 'none' || s.visibility === 'hidden' || s.fontFamily.includes('GDS Transport') || s.fontFamily.includes('monospace')) continue;
            found.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''} "${el.textContent.trim().slice(0, 40)}": ${s.fontFamily}`);
          }
          return found.slice(0, 20);
        }
        """;

    protected async Task GoToAsync(IPage page, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await TimedAsync("page load", () => page.GotoAsync(path));
        Assert.NotNull(response);
        await CheckAccessibilityAsync(page);
    }

    /// <summary>axe-core as Deque.AxeCore bundles it.</summary>
    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    /// <summary>axe's options: the WCAG 2.0-2.2 A and AA rules; only violations keep every node (see <see cref="ScanAsync"/>).</summary>
    private static readonly string AxeOptions = Newtonsoft.Json.JsonConvert.SerializeObject(new AxeRunOptions
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
        ResultTypes = [ResultType.Violations],
    });

    /// <summary>
    /// Waits until the document in the page has loaded. After a click that follows a link the new document may still be
    /// arriving: axe on half a page once found the skip link with its text not yet parsed (CI, session 13). Playwright's
    /// WaitForLoadStateAsync(Load) was tried for this and twice never returned on a page long loaded (CI, session 14: the
    /// security code page after sign-in's redirect, its screenshot complete; only "NetworkIdle" was seen), so this asks
    /// the document itself, which Playwright polls again in the new document if a navigation replaces it.
    /// </summary>
    private static async Task LoadedAsync(IPage page)
    {
        var loaded = await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new PageWaitForFunctionOptions { PollingInterval = 50 });
        await loaded.DisposeAsync();
    }

    /// <summary>
    /// axe-core's WCAG 2.0-2.2 A and AA rules on the page in its current state, run by axe.run in the page.
    /// Deque.AxeCore.Playwright's RunAxe runs axe partially in each frame, then opens a new browser page, injects axe
    /// there again and finishes the run in it: 4.5-6.9 s a scan on the loaded 2-core machine against 1.1-1.7 s for
    /// axe.run in the page, the same rules passing, and of that about half was sending axe's 560 KB into the page
    /// (session 11). So the journey's context has axe from the start of every page (an init script) and this only runs
    /// it; a page of another context gets axe sent first. Our pages have no frames, so both ways see the same
    /// document. Only violations keep every node (axe's resultTypes): building the details of the passes, which
    /// nothing reads, is axe's slowest step.
    /// </summary>
    protected static async Task<AxeResult> ScanAsync(IPage page) => new(await RunAxeAsync(page));

    /// <summary>
    /// axe.run's result as JSON, with the milliseconds axe.run took inside the page as "inPageMs" (printed with each scan:
    /// in a loaded run of every journey, 0.76 s of the 0.95 s a scan took, so a scan's cost is axe's rules; session 15).
    /// </summary>
    private static async Task<Newtonsoft.Json.Linq.JObject> RunAxeAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await LoadedAsync(page);
        const string run = "([options, profile]) => { if (!window.axe) return null; const o = JSON.parse(options); "
            + "if (profile) { o.performanceTimer = true; performance.clearMeasures(); } const t = performance.now(); "
            + "return axe.run(document, o).then(r => { r.inPageMs = performance.now() - t; if (profile) r.ruleMs = Object.fromEntries(performance"
            + ".getEntriesByType('measure').filter(m => /^rule_[^#]+$/.test(m.name)).map(m => [m.name.slice(5), Math.round(m.duration)])); return JSON.stringify(r); }); }";
        object[] arguments = [AxeOptions, AxeProfile is not null];
        var json = await page.EvaluateAsync<string?>(run, arguments);
        if (json is null)
        {
            await page.EvaluateAsync(AxeSource);
            json = await page.EvaluateAsync<string?>(run, arguments);
        }

        var result = Newtonsoft.Json.Linq.JObject.Parse(json ?? throw new InvalidOperationException($"axe did not run on {page.Url}"));
        if (AxeProfile is not null)
        {
            lock (AxeProfileLock)
            {
                File.AppendAllText(AxeProfile, $"{page.Url}\t{page.ViewportSize?.Width}\t{result.Value<double>("inPageMs"):0}\t{result["ruleMs"]?.ToString(Newtonsoft.Json.Formatting.None)}\n");
            }
        }

        return result;
    }

    /// <summary>
    /// A file named by RTM_AXE_PROFILE gets a line per scan: the page, its width, axe.run's milliseconds and each rule's (axe's
    /// performanceTimer, which logs to the console too: for finding costly rules, not for timing a run). In a loaded run
    /// of every journey, color-contrast was 58% of the rules' time and target-size 9%, on pages of 100-670 elements (session 16).
    /// </summary>
    private static readonly string? AxeProfile = Environment.GetEnvironmentVariable("RTM_AXE_PROFILE") is { Length: > 0 } file ? file : null;

    private static readonly Lock AxeProfileLock = new();

    protected async Task CheckAccessibilityAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var json = await TimedAsync("axe", () => RunAxeAsync(page));
        var result = new AxeResult(json);
        var problems = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(problems.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join('\n', problems));
        Output.WriteLine($"axe: no WCAG A/AA violations on {page.Url} ({result.Passes.Length} rules passed; axe.run {json.Value<double>("inPageMs"):0} ms in the page)");
    }

    /// <summary>
    /// Signs in by posting the sign-in forms from the journey's context (<see cref="SignInRequests"/>), then loads and scans
    /// the page the user lands on. The forms are SignInJourneyTests' subject (<see cref="SignInThroughFormsAsync"/>).
    /// </summary>
    protected async Task SignInAsync(IPage page, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(user);
        var landing = await TimedAsync("sign-in posts", () => SignInRequests.SignInAsync(page.Context.APIRequest, user, () => App.NextSecurityCode(user)));
        await GoToAsync(page, landing);
    }

    protected async Task SignInThroughFormsAsync(IPage page, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(user);
        // The two sign-in forms on the way in are scanned once per run in each state (SignInJourneyTests scans their
        // error states); the page the user lands on is scanned every time.
        Assert.NotNull(await TimedAsync("page load", () => page.GotoAsync("/sign-in")));
        await CheckAccessibilityOncePerRunAsync(page);
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        if (page.Url.Contains("/sign-in/code", StringComparison.Ordinal))
        {
            await CheckAccessibilityOncePerRunAsync(page);
            await page.GetByLabel("Security code").FillAsync(App.NextSecurityCode(user));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }

        await CheckAccessibilityAsync(page);
    }

    /// <summary>The pages scanned so far in this run, as <see cref="PageStateScript"/> describes them (SHA-256).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> ScannedStates = new();

    /// <summary>
    /// The page as axe sees it: its path, the viewport, the media, and the whole document with what differs between
    /// two sign-ins of the same page taken out (hidden inputs' values such as the antiforgery token and the return
    /// address, query strings in links and form actions); the value of every other field is kept.
    /// </summary>
    private const string PageStateScript = """
        () => {
          const copy = document.documentElement.cloneNode(true);
          for (const el of copy.querySelectorAll('input[type=hidden]')) el.removeAttribute('value');
          for (const el of copy.querySelectorAll('[href], [action]')) {
            for (const name of ['href', 'action']) { const v = el.getAttribute(name); if (v !== null) el.setAttribute(name, v.split('?')[0]); }
          }
          const values = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].map(el => el.name + '=' + el.value + (el.checked ? ' checked' : ''));
          return [location.pathname, innerWidth + 'x' + innerHeight, matchMedia('print').matches, values.join('&'), copy.outerHTML].join('\n');
        }
        """;

    /// <summary>
    /// The axe scan, unless this run has already scanned the page in exactly this state (<see cref="PageStateScript"/>):
    /// for the sign-in forms on the way in (80 of ci7's 364 scans were of these two pages, all alike, when every journey
    /// went through them; since session 16 only SignInJourneyTests does). The first journey of the run to reach a state scans it, whichever journey that is, so each
    /// state is still scanned once per run even when only a few journeys run; a page that differs in anything a
    /// person would notice (an error, another field, another width) is a new state and scanned.
    /// </summary>
    protected async Task CheckAccessibilityOncePerRunAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await LoadedAsync(page);
        var state = await page.EvaluateAsync<string>(PageStateScript);
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(state)));
        if (ScannedStates.TryAdd(key, true))
        {
            await CheckAccessibilityAsync(page);
            return;
        }

        Output.WriteLine($"axe: {page.Url} scanned earlier in this run in this same state");
    }

    /// <summary>At a roundtable's invite step, chooses every organisation tagged <paramref name="tag"/> not yet invited (there are <paramref name="count"/>).</summary>
    protected async Task SelectAllTaggedAsync(IPage page, int roundtableId, string tag, int count)
    {
        ArgumentNullException.ThrowIfNull(page);
        await GoToAsync(page, $"/roundtables/{roundtableId}/invite");
        await page.GetByLabel("Tag", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = tag });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show organisations" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select all {count} organisations tagged {tag} not yet invited" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invite-selected")).ToContainTextAsync($"{count} organisations selected");
    }
}
