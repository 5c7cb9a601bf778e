using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Data Protection keys (which protect cookies, antiforgery tokens and account links) live in the database, so every
/// instance shares them, and are encrypted at rest with a certificate. Production refuses to start without one.
/// </summary>
public static class DataProtectionSetup
{
    public const string SectionName = "DataProtection";

    /// <summary>RSA 3072 gives 128 bits of security, the least ASVS 5.0 allows (11.2.3); RSA 2048 gives 112.</summary>
    public const int MinimumRsaKeySize = 3072;

    public static IServiceCollection AddRoundtableDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(SectionName);
        var builder = services.AddDataProtection()
            .SetApplicationName("RoundtableManager");
        // Keys in the database (shared by every instance), read with a plain command rather than EF Core's LINQ query.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceScopeFactory, ILoggerFactory>((options, scopes, logs) =>
            options.XmlRepository = new DatabaseKeyRepository(scopes, logs.CreateLogger<DatabaseKeyRepository>()));

        var path = section["CertificatePath"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var fullPath = Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
            if (!File.Exists(fullPath))
            {
                throw new ConfigurationProblemException("DataProtection:CertificatePath", $"names a file that does not exist ({path}).");
            }

            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(fullPath, section["CertificatePassword"]);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                throw new ConfigurationProblemException("DataProtection:CertificatePath", "could not be opened with DataProtection:CertificatePassword.");
            }

            if (!certificate.HasPrivateKey)
            {
                throw new ConfigurationProblemException("DataProtection:CertificatePath", "must contain the certificate's private key (a .pfx file).");
            }

            // Data Protection wraps each key for the certificate with RSA, so the certificate's key must be RSA, and strong enough.
            using (var rsa = certificate.GetRSAPublicKey())
            {
                if (rsa is null)
                {
                    throw new ConfigurationProblemException("DataProtection:CertificatePath", "must hold an RSA key (Data Protection encrypts its keys with RSA).");
                }

                if (rsa.KeySize < MinimumRsaKeySize)
                {
                    throw new ConfigurationProblemException("DataProtection:CertificatePath",
                        $"holds a {rsa.KeySize}-bit RSA key: at least {MinimumRsaKeySize} bits are needed for 128-bit security (ASVS 11.2.3).");
                }
            }

            builder.ProtectKeysWithCertificate(certificate);
        }
        else if (environment.IsProduction())
        {
            throw new ConfigurationProblemException("DataProtection:CertificatePath",
                "is required in Production: the keys that protect sign-in cookies are kept in the database and must be encrypted there.");
        }

        return services;
    }
}
