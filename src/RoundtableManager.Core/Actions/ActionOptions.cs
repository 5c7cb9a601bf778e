namespace RoundtableManager.Core.Actions;

public sealed class ActionOptions
{
    public const string SectionName = "Actions";

    /// <summary>The request size the evidence forms accept, so a file over <see cref="MaxEvidenceBytes"/> still reaches the form's error message.</summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    /// <summary>The largest evidence file accepted.</summary>
    public long MaxEvidenceBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Where evidence files are kept, relative to the content root; never under wwwroot.</summary>
    public string EvidenceFolder { get; set; } = "App_Data/evidence";
}

internal sealed class ActionOptionsValidator : IValidateOptions<ActionOptions>
{
    public ValidateOptionsResult Validate(string? name, ActionOptions options)
    {
        var failures = new List<string>();
        if (options.MaxEvidenceBytes is < 1024 or > ActionOptions.MaxRequestBytes / 2)
        {
            failures.Add($"Actions:MaxEvidenceBytes must be from 1024 to {ActionOptions.MaxRequestBytes / 2} bytes");
        }

        if (string.IsNullOrWhiteSpace(options.EvidenceFolder))
        {
            failures.Add("Actions:EvidenceFolder must be set");
        }
        else if (options.EvidenceFolder.Replace('\\', '/').Split('/').Any(s => s.Equals("wwwroot", StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add("Actions:EvidenceFolder must not be under wwwroot");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
