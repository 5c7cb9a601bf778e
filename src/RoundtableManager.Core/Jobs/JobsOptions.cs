namespace RoundtableManager.Core.Jobs;

public enum JobStorageKind
{
    /// <summary>Follows Database:Provider: in-memory with Sqlite, SQL Server with SqlServer.</summary>
    Default,

    /// <summary>Lost on restart; acceptable only because the outbox table, not Hangfire, holds what must be sent.</summary>
    InMemory,

    SqlServer,
}

public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Run the Hangfire server (the workers) in this process. Off only for tests and instances that must not send.</summary>
    public bool RunServer { get; set; } = true;

    public JobStorageKind Storage { get; set; } = JobStorageKind.Default;

    /// <summary>Hangfire workers in this process; the jobs wait on the network, so a few are enough.</summary>
    public int WorkerCount { get; set; } = 2;
}
