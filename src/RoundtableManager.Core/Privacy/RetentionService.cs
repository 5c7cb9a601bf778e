using Hangfire;

namespace RoundtableManager.Core.Privacy;

public sealed record RetentionRunResult(int NeedsErased, ErasureCounts Anonymised)
{
    public bool Changed => NeedsErased > 0 || Anonymised.Any;
}

/// <summary>Applies <see cref="RetentionRules"/> to everything past the period. Repeating a run finds nothing more to do.</summary>
public sealed class RetentionService(AppDbContext db, PersonalDataEraser eraser, IAuditLog audit, IOptions<RetentionOptions> options, TimeProvider time)
{
    private const int BatchSize = 100;

    public static readonly (string? Id, string Name) Actor = (null, "Retention job");

    public async Task<RetentionRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var months = options.Value.MonthsAfterHeld;
        return await db.InTransactionAsync(async () =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var cutoff = RetentionRules.CutoffUtc(now, months);
            var needs = await db.Delegates
                .Where(d => d.NeedsErasedUtc == null && d.Invitation.Roundtable.EndsUtc < cutoff)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(d => d.AccessNeeds, (string?)null)
                        .SetProperty(d => d.DietaryRequirements, (string?)null)
                        .SetProperty(d => d.NeedsErasedUtc, now),
                    cancellationToken);

            var anonymised = ErasureCounts.None;
            while (true)
            {
                var batch = await RetentionRules.NoLongerNeeded(db, cutoff).OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                anonymised = anonymised.Add(await eraser.AnonymiseAsync(batch, [], now, cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }

            var result = new RetentionRunResult(needs, anonymised);
            if (result.Changed)
            {
                audit.Record(
                    "Privacy.RetentionRun",
                    $"Retention ({Plural.Count(months, "month")} after a roundtable): erased the needs of {Plural.Count(needs, "delegate entry")}; anonymised {Plural.Count(anonymised.Contacts, "contact")}, " +
                    $"{Plural.Count(anonymised.Recipients, "invitation recipient")}, {Plural.Count(anonymised.Delegates, "delegate entry")} and {Plural.Count(anonymised.Emails, "email")}",
                    actor: Actor);
                await db.SaveChangesAsync(cancellationToken);
            }

            return result;
        }, cancellationToken);
    }
}

/// <summary>
/// The recurring retention job. No arguments: the database says what is past the period, so a repeated, late or
/// concurrent run only finds less to do.
/// </summary>
public sealed class RetentionJob(RetentionService retention)
{
    public const string RecurringJobId = "privacy-retention";

    // No Hangfire retries: tomorrow's run is the retry.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken) => await retention.RunAsync(cancellationToken);
}
