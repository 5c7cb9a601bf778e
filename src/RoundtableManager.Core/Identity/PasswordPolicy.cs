using Microsoft.AspNetCore.Identity;

namespace RoundtableManager.Core.Identity;

/// <summary>
/// NCSC guidance: length over composition. At least 12 characters, no character-class rules,
/// and common or guessable passwords (dictionary words, keyboard patterns, the user's own details) refused.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<ApplicationUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    /// <summary>zxcvbn score from 0 to 4; 3 is "safely unguessable" (about 10^8 guesses or more).</summary>
    public const int MinimumScore = 3;

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

        var userInputs = new[] { user.Email, user.UserName, user.DisplayName }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .SelectMany(s => s!.Split(['@', '.', ' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
            .Append("roundtable").Append("roundtablemanager").Append("ncsc").Append("password")
            .ToArray();
        var result = global::Zxcvbn.Zxcvbn.MatchPassword(password, userInputs);
        return Task.FromResult(result.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooGuessable",
                Description = "Password is too easy to guess. Try three or more random words together",
            }));
    }
}
