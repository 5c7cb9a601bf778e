using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace RoundtableManager.Web.Account;

/// <summary>
/// The provider's metadata, read (or taken from the handler's cache) before anyone is sent to sign in there. Metadata that
/// cannot be fetched, or that the issuer check refuses (<see cref="IssuerCheckingRetriever"/>), would otherwise surface
/// as an exception inside the challenge: the person gets a page saying single sign-on is not working, the log says why.
/// </summary>
public sealed class ProviderMetadata(IOptionsMonitor<OpenIdConnectOptions> oidc, ILogger<ProviderMetadata> logger)
{
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        if (oidc.Get(SingleSignOnOptions.Scheme).ConfigurationManager is not { } metadata)
        {
            return true;
        }

        try
        {
            await metadata.GetConfigurationAsync(cancellationToken);
            return true;
        }
        catch (InvalidOperationException ex)
        {
            // The metadata manager wraps every fetch failure (network, status, JSON, the issuer check) in this.
            logger.LogWarning("Single sign-on unavailable: the provider's metadata could not be used ({Problem})", ex.GetBaseException().Message);
            return false;
        }
    }
}

public sealed record SingleSignOnUnavailableModel(string ProviderName, bool SignedIn);
