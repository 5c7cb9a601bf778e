using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

/// <summary>
/// NCSC guidance: length over composition. At least 12 characters, no character-class rules; refused are the person's
/// own email address (or the part before the @), one pattern repeated, passwords on a deny list of common and breached
/// passwords (<see cref="PasswordDenyList"/>), and anything else zxcvbn finds guessable (dictionary words, keyboard
/// patterns, the person's own details). Each refusal says why in plain words.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<ApplicationUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    /// <summary>zxcvbn score from 0 to 4; 3 is "safely unguessable" (about 10^8 guesses or more).</summary>
    public const int MinimumScore = 3;

    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations for stored passwords: OWASP's figure for SHA-512, which ASVS 5.0 (11.4.2) points to.
    /// Identity's default is 100,000; a hash made with fewer is replaced at the person's next successful sign-in.
    /// </summary>
    public const int HashIterations = 210_000;

    /// <summary>
    /// One zxcvbn estimator for the process, as its documentation advises: <c>Zxcvbn.MatchPassword</c> makes a new one per
    /// password, which reads and indexes its five word lists again (some 480 MB allocated in the Invitations tests alone).
    /// The lists are built once, on first use; the person's own words get a matcher of their own on each call.
    /// </summary>
    private static readonly global::Zxcvbn.Zxcvbn Estimator = new();

    public static void Apply(PasswordHasherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
        options.IterationCount = HashIterations;
    }

    public static void Apply(PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequiredLength = MinimumLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        password ??= "";
        if (password.Length > MaximumLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Password must be {MaximumLength} characters or fewer",
            }));
        }

        if (password.Length < MinimumLength)
        {
            // Identity's own length rule reports this one.
            return Task.FromResult(IdentityResult.Success);
        }

        var problem = OwnEmail(password, user.Email) ?? Repeated(password) ?? PasswordDenyList.Check(password);
        if (problem is not null)
        {
            return Task.FromResult(IdentityResult.Failed(problem));
        }

        var userInputs = new[] { user.Email, user.UserName, user.DisplayName }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .SelectMany(s => s!.Split(['@', '.', ' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
            .Append("roundtable").Append("roundtablemanager").Append("ncsc").Append("password")
            .ToArray();
        var result = Estimator.EvaluatePassword(password, userInputs);
        return Task.FromResult(result.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooGuessable",
                Description = "Password is too easy to guess. Try three or more random words together",
            }));
    }

    /// <summary>Letters and digits only, lower case: "Janet.Oakridge" and "janet oakridge" are the same guess.</summary>
    internal static string Normalise(string text) =>
        new string(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static IdentityError? OwnEmail(string password, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var candidate = Normalise(password);
        var whole = Normalise(email);
        var localPart = Normalise(email.Split('@')[0]);
        return candidate == whole || candidate == localPart || (localPart.Length >= 4 && candidate.Contains(localPart, StringComparison.Ordinal))
            ? new IdentityError { Code = "PasswordContainsEmail", Description = "Password must not contain your email address or the part of it before the @" }
            : null;
    }

    /// <summary>One piece said over and over (abababababab, lanternlantern), allowing a few characters on the end.</summary>
    private static IdentityError? Repeated(string password)
    {
        var text = password.ToLowerInvariant();
        for (var unit = 1; unit <= text.Length / 2; unit++)
        {
            var periodic = unit;
            while (periodic < text.Length && text[periodic] == text[periodic % unit])
            {
                periodic++;
            }

            if (periodic >= 2 * unit && text.Length - periodic <= 3)
            {
                return new IdentityError { Code = "PasswordRepeated", Description = "Password must not be the same letters or words repeated. Try three or more random words together" };
            }
        }

        return null;
    }
}
