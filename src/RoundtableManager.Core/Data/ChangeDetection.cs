namespace RoundtableManager.Core.Data;

/// <summary>Saving thousands of tracked entities without walking them once per look at the change tracker.</summary>
public static class ChangeDetection
{
    /// <summary>
    /// Detects changes once, then saves with automatic detection off. Each SaveChanges interceptor's
    /// <c>ChangeTracker.Entries&lt;T&gt;()</c> otherwise runs change detection over every tracked entity again (about a
    /// dozen times a save): an invitation round of 5,000 organisations spent most of its two saves there (bench/HISTORY.md,
    /// session 15). Entities the interceptors add are tracked as added all the same; none of them edits a tracked entity.
    /// </summary>
    public static async Task<int> SaveChangesDetectingOnceAsync(this AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tracker = db.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }
}
