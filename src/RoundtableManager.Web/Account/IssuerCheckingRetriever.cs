using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace RoundtableManager.Web.Account;

/// <summary>
/// Reads the provider's OpenID Connect metadata and refuses it unless its issuer is the configured authority (ASVS
/// 10.5.3, RFC 8414 section 3.3): metadata naming another issuer would have the app trust tokens and endpoints that
/// provider never vouched for. Trailing slashes aside, the two must match exactly.
/// </summary>
internal sealed class IssuerCheckingRetriever(string authority) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancel);
        if (!Matches(configuration.Issuer, authority))
        {
            throw new InvalidOperationException(
                $"The single sign-on provider's metadata names the issuer '{configuration.Issuer}', not the configured authority '{authority}'; refusing it.");
        }

        return configuration;
    }

    public static bool Matches(string? issuer, string authority) =>
        issuer is not null && string.Equals(issuer.TrimEnd('/'), authority.TrimEnd('/'), StringComparison.Ordinal);
}
