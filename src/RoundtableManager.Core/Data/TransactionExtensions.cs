using Microsoft.EntityFrameworkCore;

namespace RoundtableManager.Core.Data;

public static class TransactionExtensions
{
    /// <summary>
    /// Runs the work in one transaction under the provider's execution strategy (SQL Server's retrying strategy refuses
    /// a transaction opened outside it). A retry starts again from an empty change tracker, so the work must load what it
    /// changes.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }
}
