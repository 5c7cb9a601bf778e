namespace RoundtableManager.Core.Identity;

/// <summary>How long a signed-in session lasts (SECURITY.md "Sessions" gives the reasons for the defaults).</summary>
public sealed class SignInSessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>A session not used for this long ends (5 to 1440 minutes).</summary>
    public int IdleTimeoutMinutes { get; set; } = 480;

    /// <summary>A session ends this long after sign-in however much it is used, and the person signs in again (1 to 24 hours).</summary>
    public int AbsoluteLifetimeHours { get; set; } = 12;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan AbsoluteLifetime => TimeSpan.FromHours(AbsoluteLifetimeHours);
}

public sealed class SignInSessionOptionsValidator : IValidateOptions<SignInSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.IdleTimeoutMinutes is < 5 or > 1440)
        {
            failures.Add("Sessions:IdleTimeoutMinutes must be between 5 and 1440.");
        }

        if (options.AbsoluteLifetimeHours is < 1 or > 24)
        {
            failures.Add("Sessions:AbsoluteLifetimeHours must be between 1 and 24.");
        }

        if (failures.Count == 0 && options.AbsoluteLifetime < options.IdleTimeout)
        {
            failures.Add("Sessions:AbsoluteLifetimeHours must not be shorter than Sessions:IdleTimeoutMinutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
