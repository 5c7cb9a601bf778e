namespace RoundtableManager.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium and one Nu HTML Checker for the whole run, shared by the browser collections that run side by
/// side: each journey has a browser context of its own (cookies, storage), and the checker is a web service that keeps
/// nothing between pages. The first collection to start starts them; the last to end stops them.
/// </summary>
internal static class SharedBrowser
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static int _users;
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static HtmlChecker? _html;

    /// <summary>
    /// Chromium reads only the last --disable-features, so this one repeats Playwright's own list (chromiumSwitches.ts,
    /// Playwright 1.64, less two Edge-only names) and adds what each journey's new window started for nothing: the
    /// omnibox popups (a chrome://omnibox-popup.top-chrome renderer per window, about 1.5 CPU s a journey on the loaded
    /// machine) and site isolation (each journey visits one site). Counted with ps during SignInJourneyTests and
    /// ActionJourneyTests (session 14, ci8): 43-50 Chromium processes and 77-79 CPU s before, 25-26 and 59 s after,
    /// screenshots the same. None of them changes what a page looks like or what axe sees. The headless shell (the default
    /// browser since session 15) opens no window, so the omnibox names matter only when CHROMIUM_PATH names the full browser.
    /// </summary>
    private const string DisabledFeatures = "--disable-features="
        + "AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,DialMediaRouteProvider,GlobalMediaControls,"
        + "HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,BlockOriginHeaderModificationOnRedirect,"
        + "AvoidCorsURLLoaderRestartOnRedirect,Translate,AutoDeElevate,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,"
        + "WebUIOmniboxPopup,WebUIOmniboxAimPopup,IsolateOrigins,site-per-process";

    public static async Task<(IBrowser Browser, HtmlChecker Html)> AcquireAsync(string chromiumPath)
    {
        await Gate.WaitAsync();
        try
        {
            if (_users == 0)
            {
                // Started first without waiting for it: the checker loads its schemas while Chromium and the app start.
                _html = HtmlChecker.Start();
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = chromiumPath,
                    Headless = true,
                    Args =
                    [
                        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-site-isolation-trials", DisabledFeatures,
                    ],
                });
            }

            _users++;
            return (_browser!, _html!);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--_users > 0)
            {
                return;
            }

            if (_browser is not null)
            {
                await _browser.CloseAsync();
            }

            _playwright?.Dispose();
            if (_html is not null)
            {
                await _html.DisposeAsync();
            }

            (_browser, _playwright, _html) = (null, null, null);
        }
        finally
        {
            Gate.Release();
        }
    }
}
