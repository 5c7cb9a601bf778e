namespace RoundtableManager.BrowserTests.Infrastructure;

/// <summary>
/// One app on real Kestrel at 127.0.0.1 (a free port) and one headless Debian Chromium, shared by the browser tests.
/// Chromium comes from CHROMIUM_PATH or /usr/bin/chromium; Playwright's own browser download is never used.
/// The Nu HTML Checker runs beside them, one JVM for the whole run.
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

    private IPlaywright? _playwright;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Html = HtmlChecker.Start();
        Smtp = await TestSmtpServer.StartAsync();
        App = TestApp.Create(settings: Smtp.AppSettings());
        App.ConfigureTestServices = services => services.AddSingleton<IStartupFilter>(Pages);
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium was not found at {ChromiumPath}. Install it (apt-get install chromium) or set CHROMIUM_PATH.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Html is not null)
        {
            await Html.DisposeAsync();
        }

        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
