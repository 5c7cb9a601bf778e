using System.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace RoundtableManager.Core.Data;

/// <summary>The one way the app opens a write transaction.</summary>
public static class TransactionExtensions
{
    private const string WarmUpPurpose = "RoundtableManager.Data.BeforeWriteTransaction";

    /// <summary>
    /// Runs the work in one transaction under the provider's execution strategy (SQL Server's retrying strategy refuses
    /// a transaction opened outside it). A retry starts again from an empty change tracker, so the work must load what it
    /// changes. <see cref="IsolationLevel.Serializable"/> takes SQLite's write lock at once (BEGIN IMMEDIATE); on SQLite the
    /// transaction first waits for this process's earlier writers (<see cref="SqliteWriteGate"/>).
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<Task<T>> work, CancellationToken cancellationToken, IsolationLevel? isolation = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        WarmDataProtection(db);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // ReadUncommitted begins DEFERRED on SQLite (no write lock until it writes): it does not queue.
            using var turn = isolation == IsolationLevel.ReadUncommitted ? null : await SqliteWriteGate.TurnAsync(db, cancellationToken);
            await using var transaction = isolation is { } level
                ? await db.Database.BeginTransactionAsync(level, cancellationToken)
                : await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    /// <summary>
    /// Data Protection keeps its keys in this database, and work in a transaction may protect links (emails queued with
    /// withheld links). A key made or rotated then (the key ring is refreshed daily; a new key is made before the current
    /// one expires) is written on another connection, which waits for this transaction's lock: on SQLite, "database is
    /// locked". Loading the key ring before the transaction begins does any such write first.
    /// </summary>
    private static void WarmDataProtection(AppDbContext db)
    {
        var services = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        services?.GetService<IDataProtectionProvider>()?.CreateProtector(WarmUpPurpose).Protect([0]);
    }
}
