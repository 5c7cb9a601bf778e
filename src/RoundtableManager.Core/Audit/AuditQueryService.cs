using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Data;

namespace RoundtableManager.Core.Audit;

public sealed record AuditFilter(string? Search, string? Action, DateOnly? From, DateOnly? To, int Page = 1);

public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, int Total, int Page, int PageSize, IReadOnlyList<string> Actions);

public sealed class AuditQueryService(AppDbContext db)
{
    public const int PageSize = 50;

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

        var total = await query.CountAsync(cancellationToken);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var events = await query.OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var actions = await db.AuditEvents.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        return new AuditPage(events, total, page, PageSize, actions);
    }
}
