namespace RoundtableManager.Core.Privacy;

public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>How many months after a roundtable ends its delegates' needs are erased and unneeded contacts anonymised.</summary>
    public int MonthsAfterHeld { get; set; } = 12;
}

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.MonthsAfterHeld is >= 1 and <= 120
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Retention:MonthsAfterHeld must be a whole number of months from 1 to 120");
}
