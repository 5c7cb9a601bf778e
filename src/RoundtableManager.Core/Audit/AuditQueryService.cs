namespace RoundtableManager.Core.Audit;

public sealed record AuditFilter(string? Search, string? Action, DateOnly? From, DateOnly? To, int Page = 1);

/// <param name="TotalIsCapped">More events match than <see cref="AuditQueryService.CountCap"/>: Total is the cap, and the page says "more than".</param>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, int Total, int Page, int PageSize, IReadOnlyList<string> Actions, bool TotalIsCapped = false);

public sealed class AuditQueryService(AppDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The log counts matching events up to this many and says "more than" beyond it, so a page costs the same at any size of log.</summary>
    public const int CountCap = 10_000;

    public async Task<AuditPage> SearchAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(e => e.ActorName.Contains(term) || e.Summary.Contains(term) || e.SubjectId == term);
        }

        if (filter.From is { } from)
        {
            var fromUtc = Common.UkTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.OccurredUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = Common.UkTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.OccurredUtc < toUtc);
        }

        var newestFirst = query.OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id);
        var counted = await newestFirst.CountUpToAsync(CountCap + 1, cancellationToken);
        var total = Math.Min(counted, CountCap);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var events = await newestFirst
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        // The distinct actions by skipping through the (Action, OccurredUtc) index, one seek per action, rather than a DISTINCT over the whole log.
        var actions = await DistinctValues.ListAsync(db.AuditEvents.AsNoTracking().Select(e => e.Action), cancellationToken);
        return new AuditPage(events, total, page, PageSize, actions, counted > CountCap);
    }
}
