using System.ComponentModel.DataAnnotations;

namespace RoundtableManager.Core.Identity;

/// <summary>How long a signed-in session lasts (SECURITY.md "Sessions" gives the reasons for the defaults).</summary>
public sealed class SignInSessionOptions : IValidatableObject
{
    public const string SectionName = "Sessions";

    /// <summary>A session not used for this long ends.</summary>
    [Range(5, 1440, ErrorMessage = "Sessions:IdleTimeoutMinutes must be between 5 and 1440.")]
    public int IdleTimeoutMinutes { get; set; } = 480;

    /// <summary>A session ends this long after sign-in however much it is used, and the person signs in again.</summary>
    [Range(1, 24, ErrorMessage = "Sessions:AbsoluteLifetimeHours must be between 1 and 24.")]
    public int AbsoluteLifetimeHours { get; set; } = 12;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan AbsoluteLifetime => TimeSpan.FromHours(AbsoluteLifetimeHours);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AbsoluteLifetime < IdleTimeout)
        {
            yield return new ValidationResult("Sessions:AbsoluteLifetimeHours must not be shorter than Sessions:IdleTimeoutMinutes.");
        }
    }
}
