using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;

namespace RoundtableManager.Core.Email;

/// <summary>A personal link and the placeholder that stands for it in a stored body.</summary>
public sealed record WithheldLink(string Placeholder, string Url);

/// <summary>
/// Keeps working links out of the database once an email has left the outbox. A queued row's bodies hold placeholders;
/// the links themselves are in <see cref="OutboxMessage.ProtectedLinks"/>, encrypted with ASP.NET Core Data Protection
/// (whose keys are encrypted at rest with a certificate in Production), and that column is emptied in the same update
/// that marks the row Sent, Failed or Cancelled. The sender puts the links back only into the message it delivers.
/// </summary>
public sealed partial class WithheldLinks(IDataProtectionProvider dataProtection)
{
    /// <summary>What the email log shows where a personal link was.</summary>
    public const string Hidden = "[personal link hidden]";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("RoundtableManager.Email.WithheldLinks.v1");

    /// <summary>A fresh placeholder: random, so text typed into an email (a name, a title) cannot pose as one.</summary>
    public static string NewPlaceholder() => $"[personal-link:{RandomNumberGenerator.GetHexString(32, lowercase: true)}]";

    public string? Protect(IReadOnlyList<WithheldLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return links.Count == 0 ? null : _protector.Protect(JsonSerializer.Serialize(links));
    }

    /// <summary>The links of a queued row. Throws <see cref="CryptographicException"/> if they cannot be decrypted.</summary>
    public IReadOnlyList<WithheldLink> Unprotect(string? protectedLinks) =>
        string.IsNullOrEmpty(protectedLinks) ? [] : JsonSerializer.Deserialize<List<WithheldLink>>(_protector.Unprotect(protectedLinks)) ?? [];

    /// <summary>The body as it is delivered: each placeholder replaced by its link (HTML-encoded in the HTML body).</summary>
    public static string Restore(string body, IReadOnlyList<WithheldLink> links, bool html)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links)
        {
            body = body.Replace(link.Placeholder, html ? System.Net.WebUtility.HtmlEncode(link.Url) : link.Url, StringComparison.Ordinal);
        }

        return body;
    }

    /// <summary>True when a stored body had a personal link (whether or not it is still kept).</summary>
    public static bool HadPersonalLink(string body) => Placeholder().IsMatch(body ?? "");

    /// <summary>The stored body as the email log shows it.</summary>
    public static string Hide(string body) => Placeholder().Replace(body ?? "", Hidden);

    [GeneratedRegex(@"\[personal-link:[0-9a-f]{32}\]")]
    private static partial Regex Placeholder();
}
