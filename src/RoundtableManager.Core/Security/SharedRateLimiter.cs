using System.Security.Cryptography;
using System.Text;

namespace RoundtableManager.Core.Security;

/// <summary>One fixed window of one rate-limit policy for one client, counted in the database every instance shares.</summary>
public class RateLimitCounter
{
    public const int KeyMaxLength = 100;

    /// <summary>"policy:hash of the client address" — the address itself is never stored.</summary>
    public string Key { get; set; } = "";

    public DateTime WindowStartUtc { get; set; }

    public int Count { get; set; }
}

internal sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<RateLimitCounter> builder)
    {
        builder.HasKey(c => new { c.Key, c.WindowStartUtc });
        builder.Property(c => c.Key).HasMaxLength(RateLimitCounter.KeyMaxLength);
        builder.HasIndex(c => c.WindowStartUtc);
    }
}

public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window rate limits kept in the database, so every instance behind a load balancer counts together. Each
/// request is one conditional UPDATE (or one INSERT at the start of a window); windows older than a day are pruned
/// when a new one starts.
/// </summary>
public sealed class SharedRateLimiter(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<RateLimitDecision> TryAcquireAsync(string policy, string client, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Ticks - (now.Ticks % window.Ticks), DateTimeKind.Utc);
        var key = $"{policy}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(client)))[..32]}";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var count = await IncrementAsync(db, key, start, cancellationToken);
        if (count is null)
        {
            db.RateLimitCounters.Add(new RateLimitCounter { Key = key, WindowStartUtc = start, Count = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                count = 1;
                await db.RateLimitCounters.Where(c => c.WindowStartUtc < now.AddDays(-1)).ExecuteDeleteAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance started the window at the same moment: count on its row.
                db.ChangeTracker.Clear();
                count = await IncrementAsync(db, key, start, cancellationToken) ?? permits + 1;
            }
        }

        return new RateLimitDecision(count <= permits, start + window - now);
    }

    private static async Task<int?> IncrementAsync(AppDbContext db, string key, DateTime start, CancellationToken cancellationToken)
    {
        var updated = await db.RateLimitCounters.Where(c => c.Key == key && c.WindowStartUtc == start)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + 1), cancellationToken);
        return updated == 0
            ? null
            : await db.RateLimitCounters.Where(c => c.Key == key && c.WindowStartUtc == start).Select(c => (int?)c.Count).SingleAsync(cancellationToken);
    }
}
