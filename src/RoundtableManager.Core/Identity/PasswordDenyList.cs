using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

/// <summary>
/// NCSC's deny list of passwords attackers try first: the 30,000 most common passwords from breach data that the
/// zxcvbn-core package ships (its passwords.lst, MIT licence), plus the few example passwords published so widely that
/// they are in every guessing list. Compared on letters and digits only, and also without a run of digits or symbols
/// on the end ("iloveyou12345" is "iloveyou").
/// </summary>
public static class PasswordDenyList
{
    private const string Resource = "zxcvbn-core.Dictionaries.passwords.lst";

    /// <summary>Examples printed in well-known advice, and so guessed: xkcd 936 and the NCSC "three random words" blog.</summary>
    private static readonly string[] PublishedExamples = ["correcthorsebatterystaple", "tr0ub4dor3", "coffeetrainfish", "walltinshirt"];

    private static readonly Lazy<HashSet<string>> Entries = new(Load);

    /// <summary>How many entries the list holds (a test checks the package still ships it).</summary>
    public static int Count => Entries.Value.Count;

    public static IdentityError? Check(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var normalised = PasswordPolicy.Normalise(password);
        var stem = PasswordPolicy.Normalise(WithoutTrailing(password, c => !char.IsLetter(c)));
        return Entries.Value.Contains(normalised) || (stem.Length >= 6 && Entries.Value.Contains(stem))
            ? new IdentityError
            {
                Code = "PasswordCommon",
                Description = "Password is on a list of common passwords that criminals try first. Choose a different one, for example three or more random words together",
            }
            : null;
    }

    private static string WithoutTrailing(string text, Func<char, bool> trim)
    {
        var end = text.Length;
        while (end > 0 && trim(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(global::Zxcvbn.Zxcvbn).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"zxcvbn-core no longer ships {Resource}: the password deny list is empty.");
        using var reader = new StreamReader(stream);
        var entries = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = PasswordPolicy.Normalise(line);
            if (entry.Length > 0)
            {
                entries.Add(entry);
            }
        }

        entries.UnionWith(PublishedExamples.Select(PasswordPolicy.Normalise));
        return entries;
    }
}
