using System.Net;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace RoundtableManager.TestSupport;

/// <summary>Who the test provider says signed in next: the id token's subject, email, email_verified and amr.</summary>
public sealed record ProviderUser(string Email, bool EmailVerified = true, IReadOnlyList<string>? Amr = null, string? Subject = null)
{
    /// <summary>When the provider says the person last actually signed in (the id token's auth_time); now when not set.</summary>
    public DateTimeOffset? AuthenticatedAt { get; init; }

    public IReadOnlyList<string> Methods => Amr ?? ["pwd", "mfa"];
}

/// <summary>
/// A real OpenID Connect provider on 127.0.0.1 (OpenIddict server, its registrations in an EF Core SQLite file,
/// ephemeral keys): authorization code flow with PKCE required. Its authorize endpoint is a passthrough that signs in
/// whoever the test put in <see cref="NextUser"/>, or answers access_denied when that is null.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "roundtable-manager";

    private readonly WebApplication _host;
    private readonly string _databasePath;

    private TestIdentityProvider(WebApplication host, string databasePath, string authority, X509Certificate2? certificate)
    {
        _host = host;
        _databasePath = databasePath;
        Authority = authority;
        Certificate = certificate;
    }

    /// <summary>The self-signed certificate the provider serves HTTPS with (null over plain HTTP).</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>A handler that trusts this provider's own certificate (and only it, beyond the usual ones).</summary>
    public HttpClientHandler TrustingHandler(bool allowAutoRedirect = true) => new()
    {
        AllowAutoRedirect = allowAutoRedirect,
        ServerCertificateCustomValidationCallback = (_, presented, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None || (Certificate is not null && presented?.Thumbprint == Certificate.Thumbprint),
    };

    /// <summary>The issuer, as configured in Authentication:Oidc:Authority.</summary>
    public string Authority { get; }

    public string ClientSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public ProviderUser? NextUser { get; set; }

    /// <summary>Every authorize request's query, as the app sent it (to check PKCE and the redirect URI).</summary>
    public List<IReadOnlyDictionary<string, string>> AuthorizeRequests { get; } = [];

    /// <summary>The app's settings for this provider, with the domains it allows.</summary>
    public Dictionary<string, string?> AppSettings(params string[] allowedDomains)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = Authority,
            ["Authentication:Oidc:ClientId"] = ClientId,
            ["Authentication:Oidc:ClientSecret"] = ClientSecret,
            ["Authentication:Oidc:DisplayName"] = "Test Department ID",
            // Plain HTTP on 127.0.0.1 only; Production refuses this setting.
            ["Authentication:Oidc:RequireHttpsMetadata"] = Certificate is null ? "false" : "true",
        };
        for (var i = 0; i < allowedDomains.Length; i++)
        {
            settings[$"Authentication:Oidc:AllowedEmailDomains:{i}"] = allowedDomains[i];
        }

        return settings;
    }

    /// <summary>
    /// Starts the provider; with <paramref name="https"/> it serves HTTPS with a self-signed certificate, as Production
    /// requires; with <paramref name="issuer"/> its metadata names that issuer instead of its own address.
    /// </summary>
    public static async Task<TestIdentityProvider> StartAsync(bool https = false, Uri? issuer = null)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), "rtm-tests", $"idp-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = Path.GetDirectoryName(databasePath),
        });
        builder.Logging.ClearProviders();
        X509Certificate2? certificate = null;
        if (https)
        {
            var (path, password) = TestCertificates.CreatePfx(2048);
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        builder.Services.AddDbContext<ProviderDbContext>(options => options.UseSqlite($"Data Source={databasePath}").UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                if (issuer is not null)
                {
                    options.SetIssuer(issuer);
                }

                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // Token requests are answered by OpenIddict itself from the identity the authorization code carries.
                var aspNetCore = options.UseAspNetCore().EnableAuthorizationEndpointPassthrough();
                if (!https)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        var host = builder.Build();
        TestIdentityProvider? provider = null;
        host.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext context) => provider!.Authorize(context));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider = new TestIdentityProvider(host, databasePath, address.TrimEnd('/') + "/", certificate);
        return provider;
    }

    /// <summary>Registers the app as a confidential client that may only use the code flow, back to these addresses.</summary>
    public async Task RegisterClientAsync(params Uri[] redirectUris)
    {
        ArgumentNullException.ThrowIfNull(redirectUris);
        await using var scope = _host.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(ClientId) is { } existing)
        {
            await manager.DeleteAsync(existing);
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        await manager.CreateAsync(descriptor);
    }

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request");
        lock (AuthorizeRequests)
        {
            AuthorizeRequests.Add(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()));
        }

        if (NextUser is not { } user)
        {
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user cancelled.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Subject ?? "subject:" + user.Email.ToLowerInvariant()));
        identity.AddClaim(new Claim(Claims.Email, user.Email));
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.Name, user.Email));
        identity.AddClaim(new Claim(Claims.AuthenticationTime, (user.AuthenticatedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        foreach (var method in user.Methods)
        {
            identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, method));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        Certificate?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            File.Delete(_databasePath);
        }
        catch (IOException)
        {
        }
    }

    private sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
}
