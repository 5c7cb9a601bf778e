namespace RoundtableManager.BrowserTests.Operations;

/// <summary>
/// An app with single sign-on configured, on real Kestrel, and the real OpenID Connect provider (OpenIddict) on 127.0.0.1
/// it trusts; <paramref name="issuer"/> makes the provider's metadata name another issuer.
/// </summary>
public abstract class SingleSignOnApp(Uri? issuer = null) : IAsyncLifetime
{
    public const string Domain = "sso.example.gov.uk";

    public TestIdentityProvider Provider { get; private set; } = null!;

    public TestApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public PageRecorder Pages { get; } = new();

    public virtual async Task InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync(issuer: issuer);
        App = TestApp.Create(settings: Provider.AppSettings(Domain));
        App.ConfigureTestServices = services => services.AddSingleton<IStartupFilter>(Pages);
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await Provider.RegisterClientAsync(new Uri(BaseAddress, "/signin-oidc"));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>The journeys of a class visit its <see cref="SingleSignOnApp"/> instead of the collection's app.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public abstract class SingleSignOnJourneyBase(BrowserFixture fixture, SingleSignOnApp sso, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    protected const string Domain = SingleSignOnApp.Domain;

    protected SingleSignOnApp Sso => sso;

    protected override TestApp App => sso.App;

    protected override Uri BaseAddress => sso.BaseAddress;

    protected override PageRecorder Pages => sso.Pages;
}
