using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RoundtableManager.Core.Data;

/// <summary>
/// A SaveChanges interceptor that adds rows to what is being saved (so they are written in the same transaction), the
/// same way whether SaveChanges was called synchronously or not.
/// </summary>
public abstract class SavingInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            OnSavingAsync(context, async: false, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            await OnSavingAsync(context, async: true, cancellationToken);
        }

        return result;
    }

    /// <summary>Looks at the change tracker and adds to it; queries run synchronously when <paramref name="async"/> is false.</summary>
    protected abstract Task OnSavingAsync(DbContext context, bool async, CancellationToken cancellationToken);
}
