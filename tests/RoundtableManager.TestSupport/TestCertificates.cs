using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RoundtableManager.TestSupport;

public static class TestCertificates
{
    /// <summary>A self-signed certificate with its private key, written as a password-protected .pfx in the temp folder.</summary>
    public static (string Path, string Password) CreatePfx()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Roundtable Manager test data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rtm-tests", $"dp-{Guid.NewGuid():N}.pfx");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }
}
