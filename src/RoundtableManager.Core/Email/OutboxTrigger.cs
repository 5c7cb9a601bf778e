using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RoundtableManager.Core.Email;

/// <summary>Asks for a sender run soon. The job system provides it; without one, the recurring sweep still sends.</summary>
public interface IOutboxTrigger
{
    /// <summary>A run soon, or, when one is going on in this process, that run looks again before it ends.</summary>
    void RunSoon();

    /// <summary>A run of its own even while others are going on: a large queue's next connection, a dead instance's claims.</summary>
    void RunBeside();
}

internal sealed class NoOutboxTrigger : IOutboxTrigger
{
    public void RunSoon()
    {
    }

    public void RunBeside()
    {
    }
}

/// <summary>
/// After a commit that added outbox rows, asks for a sender run so email goes promptly rather than at the next
/// sweep. Inside an explicit transaction it waits for the commit: a run started earlier would find nothing.
/// </summary>
public sealed class OutboxSaveChangesInterceptor(IOutboxTrigger trigger) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ForgetUnlessInTransaction(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetUnlessInTransaction(eventData?.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Fire(eventData?.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Fire(eventData?.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData?.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData?.Context);
        return Task.CompletedTask;
    }

    /// <summary>Rows were written outside SaveChanges (a bulk insert) in the context's open transaction: run the sender after it commits.</summary>
    public void QueuedInTransaction(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _pending.AddOrUpdate(context, this);
    }

    private void Note(DbContextEventData eventData)
    {
        var context = eventData?.Context;
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _pending.AddOrUpdate(context, this);
        }
    }

    private void AfterSave(DbContextEventData eventData)
    {
        if (eventData?.Context is { } context && context.Database.CurrentTransaction is null)
        {
            Fire(context);
        }
    }

    private void Fire(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            trigger.RunSoon();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private void ForgetUnlessInTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            _pending.Remove(context);
        }
    }
}
