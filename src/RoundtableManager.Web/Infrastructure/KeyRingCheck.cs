using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Whether the Data Protection keys in the database give Data Protection a default key it will use for days without making
/// one, judged from the rows' text, so that a restart can leave the key ring to its first use as the template app does
/// (bench/HISTORY.md, session 15). Reading the ring at start (System.Xml, the key decrypted with the certificate) was
/// about 8% of a restart (session 14). Each condition and how it is known:
/// <list type="bullet">
/// <item>the key Data Protection would choose as default (its DefaultKeyResolver's order: the most recently activated key
/// created before the propagation window, else the oldest activated one created within it; activated means by now plus
/// the servers' clock skew): the dates in the key's first three elements, which Data Protection writes in a fixed order;</item>
/// <item>not revoked: any revocation row at all, or any row not shaped as a key Data Protection wrote, answers "no" (the
/// ring is then read at start, as before);</item>
/// <item>expiring later than Data Protection's refresh period plus its propagation window plus a day (<see cref="Margin"/>):
/// inside that, its first use would make a successor key;</item>
/// <item>decryptable: a key encrypted for a certificate names it (the certificate's bytes in the key's X509Data), so it
/// must name the configured certificate; an unencrypted key is readable with or without one. Not checked without reading
/// the ring: that the encrypted bytes are intact (a damaged key makes a new key on the ring's first use, which
/// <see cref="DatabaseInitializer"/> starts just after the first request is answered).</item>
/// </list>
/// </summary>
internal static partial class KeyRingCheck
{
    /// <summary>Data Protection's key ring refresh period (a day) and propagation window (two days), and a day more.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromDays(4);

    // KeyManagementOptions.KeyPropagationWindow and MaxServerClockSkew (not public).
    private static readonly TimeSpan PropagationWindow = TimeSpan.FromDays(2);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static bool HasUsableKey(IEnumerable<string> rows, X509Certificate2? certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var named = certificate is null ? null : $"<X509Certificate>{Convert.ToBase64String(certificate.RawData)}</X509Certificate>";
        var keys = new List<StoredKey>();
        foreach (var xml in rows)
        {
            var head = KeyHead().Match(xml);
            if (!head.Success || !TryDate(head, "created", out var created) || !TryDate(head, "activated", out var activated)
                || !TryDate(head, "expires", out var expires))
            {
                return false;
            }

            var readable = xml.Contains("<encryptedSecret", StringComparison.Ordinal)
                ? named is not null && xml.Contains(named, StringComparison.Ordinal)
                : xml.Contains("<masterKey", StringComparison.Ordinal);
            keys.Add(new StoredKey(Guid.Parse(head.Groups["id"].Value), created, activated, expires, readable));
        }

        var candidates = keys.Where(k => k.Activated <= now + ClockSkew).ToList();
        var propagated = now - PropagationWindow;
        var chosen = candidates.Where(k => k.Created <= propagated).OrderByDescending(k => k.Activated).ThenBy(k => k.Id)
            .Concat(candidates.Where(k => k.Created > propagated).OrderBy(k => k.Activated).ThenBy(k => k.Id))
            .FirstOrDefault();
        return chosen is { Readable: true } && chosen.Expires > now + Margin;
    }

    private static bool TryDate(Match head, string group, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(head.Groups[group].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    private sealed record StoredKey(Guid Id, DateTimeOffset Created, DateTimeOffset Activated, DateTimeOffset Expires, bool Readable);

    [GeneratedRegex("""^<key id="(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})" version="1"><creationDate>(?<created>[^<]+)</creationDate><activationDate>(?<activated>[^<]+)</activationDate><expirationDate>(?<expires>[^<]+)</expirationDate><descriptor """, RegexOptions.CultureInvariant)]
    private static partial Regex KeyHead();
}
