namespace RoundtableManager.Core.Operations;

/// <summary>Thresholds for /health/ready and who may read the metrics.</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>An email due this many minutes ago and still unsent makes the instance Degraded.</summary>
    public int MaxDueEmailAgeMinutes { get; set; } = 15;

    /// <summary>No job server heartbeat for this many seconds makes the instance Degraded (Hangfire beats every 30 s).</summary>
    public int MaxJobServerHeartbeatAgeSeconds { get; set; } = 120;

    public TimeSpan MaxDueEmailAge => TimeSpan.FromMinutes(MaxDueEmailAgeMinutes);

    public TimeSpan MaxJobServerHeartbeatAge => TimeSpan.FromSeconds(MaxJobServerHeartbeatAgeSeconds);
}

internal sealed class OperationsOptionsValidator : IValidateOptions<OperationsOptions>
{
    public ValidateOptionsResult Validate(string? name, OperationsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxDueEmailAgeMinutes is < 1 or > 24 * 60)
        {
            failures.Add("Operations:MaxDueEmailAgeMinutes must be a whole number of minutes from 1 to 1440");
        }

        if (options.MaxJobServerHeartbeatAgeSeconds is < 30 or > 3600)
        {
            failures.Add("Operations:MaxJobServerHeartbeatAgeSeconds must be a whole number of seconds from 30 to 3600");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
