namespace RoundtableManager.BrowserTests.Infrastructure;

/// <summary>
/// One app on real Kestrel at 127.0.0.1 (a free port) with a real SMTP server, shared by the journeys of one browser
/// collection, and the headless Debian Chromium and Nu HTML Checker (one JVM) shared by the whole run. Chromium comes
/// from CHROMIUM_PATH or /usr/bin/chromium-headless-shell (Debian's chromium-headless-shell: the same engine without the
/// browser's windows, which Playwright itself runs headless); Playwright's own browser download is never used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>A real SMTP server on 127.0.0.1: emails the sender delivers during a journey arrive here.</summary>
    public TestSmtpServer Smtp { get; private set; } = null!;

    public TestApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HtmlChecker Html { get; private set; } = null!;

    /// <summary>The HTML pages the app sends during a journey, for the checker.</summary>
    public PageRecorder Pages { get; } = new();

    private bool _acquired;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium-headless-shell";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium was not found at {ChromiumPath}. Install it (apt-get install chromium-headless-shell) or set CHROMIUM_PATH.");
        }

        (Browser, Html) = await SharedBrowser.AcquireAsync(ChromiumPath);
        _acquired = true;
        Smtp = await TestSmtpServer.StartAsync();
        App = TestApp.Create(settings: Smtp.AppSettings());
        App.ConfigureTestServices = services => services.AddSingleton<IStartupFilter>(Pages);
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_acquired)
        {
            await SharedBrowser.ReleaseAsync();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
    }
}

/// <summary>
/// The journeys, in two collections that run side by side, each on an app (and SMTP server) of its own; the journeys of
/// one collection run one after another. Chromium and the HTML checker are shared (<see cref="SharedBrowser"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>The second collection of journeys: engagement, controls, operations (single sign-on) and the logs and reminders.</summary>
[CollectionDefinition(Name)]
public sealed class SecondBrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser, second app";
}
