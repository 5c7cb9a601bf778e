using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RoundtableManager.TestSupport;

public static class TestCertificates
{
    private static readonly ConcurrentDictionary<int, Lazy<(string Path, string Password)>> Made = new();

    /// <summary>
    /// A self-signed certificate with its private key, written as a password-protected .pfx in the temp folder. One per
    /// key size per test run: making an RSA 3072 key takes a while, and no test needs two different ones.
    /// </summary>
    public static (string Path, string Password) CreatePfx(int keySize = 3072) =>
        Made.GetOrAdd(keySize, size => new Lazy<(string, string)>(() => Make(size))).Value;

    private static (string Path, string Password) Make(int keySize)
    {
        using var rsa = RSA.Create(keySize);
        var request = new CertificateRequest("CN=Roundtable Manager test data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rtm-tests", $"dp-{Guid.NewGuid():N}.pfx");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }
}
