namespace RoundtableManager.Core.Controls;

/// <summary>The heatmap's filters: a set (required), and optionally a tag, a type of organisation or one organisation; 1-based page.</summary>
public sealed record HeatmapQuery(int SetId, int? TagId = null, OrganisationType? Type = null, int? OrganisationId = null, int Page = 1)
{
    public const int PageSize = 50;
}

public sealed record HeatmapControl(int Id, string Code, string Title);

/// <summary>One organisation's answer to one control, as a heatmap cell shows it.</summary>
public sealed record HeatmapCell(int AnswerId, ControlStatus Status, ControlVerification Verification, bool Answered);

public sealed record HeatmapRow(int OrganisationId, string Name, OrganisationType Type, IReadOnlyDictionary<int, HeatmapCell> Cells);

/// <summary>How many of the filtered organisations stand where, for one control (all pages).</summary>
public sealed record HeatmapTotals(int ControlId, int NotAnswered, int NotStarted, int PartlyInPlace, int InPlace, int Verified, int NotApplicable, int Returned);

public sealed record Heatmap(
    int SetId, string SetName, TlpMarking? Marking, IReadOnlyList<HeatmapControl> Controls, IReadOnlyList<HeatmapRow> Rows,
    IReadOnlyList<HeatmapTotals> Totals, int Organisations, int Page, int TotalPages);

/// <summary>At the end of one month (or now, for the current one): of the organisations asked, how many In place, and Verified.</summary>
public sealed record TrendPoint(DateOnly MonthEnd, int Asked, int InPlace, int Verified)
{
    public double InPlaceShare => Asked == 0 ? 0 : 100.0 * InPlace / Asked;

    public double VerifiedShare => Asked == 0 ? 0 : 100.0 * Verified / Asked;
}

public sealed record ControlTrend(int ControlId, string Code, string Title, IReadOnlyList<TrendPoint> Points);

public sealed record Trend(int SetId, string SetName, TlpMarking? Marking, IReadOnlyList<TrendPoint> Set, IReadOnlyList<ControlTrend> Controls);

/// <summary>
/// The programme views: a heatmap of organisations by controls and a month-by-month trend. Both are worked out by the
/// database (counts and the latest history entry per answer), so hundreds of organisations do not load every history row.
/// </summary>
public sealed class ControlReports(AppDbContext db, TimeProvider time)
{
    public const int TrendMonths = 12;

    public async Task<Heatmap?> HeatmapAsync(HeatmapQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var set = await db.ControlSets.AsNoTracking().Where(s => s.Id == query.SetId).Select(s => new { s.Id, s.Name, s.Marking }).FirstOrDefaultAsync(cancellationToken);
        if (set is null)
        {
            return null;
        }

        var controls = await ActiveControls(query.SetId).Select(c => new HeatmapControl(c.Id, c.Code, c.Title)).ToListAsync(cancellationToken);
        var controlIds = controls.Select(c => c.Id).ToList();
        var organisations = Organisations(query);
        var total = await organisations.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + HeatmapQuery.PageSize - 1) / HeatmapQuery.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var shown = await organisations.OrderBy(o => o.NormalisedName).Skip((page - 1) * HeatmapQuery.PageSize).Take(HeatmapQuery.PageSize)
            .Select(o => new { o.Id, o.Name, o.Type }).ToListAsync(cancellationToken);
        var shownIds = shown.Select(o => o.Id).ToList();
        var cells = await db.ControlAnswers.AsNoTracking()
            .Where(a => EF.Parameter(shownIds).Contains(a.OrganisationId) && EF.Parameter(controlIds).Contains(a.ControlId))
            .Select(a => new { a.OrganisationId, a.ControlId, Cell = new HeatmapCell(a.Id, a.Status, a.Verification, a.AnsweredUtc != null) })
            .ToListAsync(cancellationToken);
        var byOrganisation = cells.ToLookup(c => c.OrganisationId);
        var rows = shown.Select(o => new HeatmapRow(o.Id, o.Name, o.Type, byOrganisation[o.Id].ToDictionary(c => c.ControlId, c => c.Cell))).ToList();

        var counts = await db.ControlAnswers.AsNoTracking()
            .Where(a => EF.Parameter(controlIds).Contains(a.ControlId) && organisations.Any(o => o.Id == a.OrganisationId))
            .GroupBy(a => new { a.ControlId, a.Status, a.Verification, Answered = a.AnsweredUtc != null })
            .Select(g => new { g.Key.ControlId, g.Key.Status, g.Key.Verification, g.Key.Answered, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var totals = controls.Select(c =>
        {
            var mine = counts.Where(x => x.ControlId == c.Id).ToList();
            return new HeatmapTotals(c.Id,
                mine.Where(x => !x.Answered).Sum(x => x.Count),
                mine.Where(x => x.Answered && x.Status == ControlStatus.NotStarted).Sum(x => x.Count),
                mine.Where(x => x.Answered && x.Status == ControlStatus.PartlyInPlace).Sum(x => x.Count),
                mine.Where(x => x.Answered && x.Status == ControlStatus.InPlace).Sum(x => x.Count),
                mine.Where(x => x.Answered && x.Status == ControlStatus.InPlace && x.Verification == ControlVerification.Verified).Sum(x => x.Count),
                mine.Where(x => x.Answered && x.Status == ControlStatus.NotApplicable).Sum(x => x.Count),
                mine.Where(x => x.Verification == ControlVerification.Returned).Sum(x => x.Count));
        }).ToList();
        return new Heatmap(set.Id, set.Name, set.Marking, controls, rows, totals, total, page, pages);
    }

    /// <summary>
    /// The share of organisations asked that were In place, and Verified, at the end of each of the last
    /// <see cref="TrendMonths"/> months (the current month: now), per control and for the whole set. Each month is two
    /// grouped counts: answers that existed then, and the latest history entry of each answer before then.
    /// </summary>
    public async Task<Trend?> TrendAsync(int setId, CancellationToken cancellationToken)
    {
        var set = await db.ControlSets.AsNoTracking().Where(s => s.Id == setId).Select(s => new { s.Id, s.Name, s.Marking }).FirstOrDefaultAsync(cancellationToken);
        if (set is null)
        {
            return null;
        }

        var controls = await ActiveControls(setId).Select(c => new { c.Id, c.Code, c.Title }).ToListAsync(cancellationToken);
        var controlIds = controls.Select(c => c.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var thisMonth = DateOnly.FromDateTime(UkTime.ToUk(now));
        thisMonth = new DateOnly(thisMonth.Year, thisMonth.Month, 1);
        var perControl = controls.ToDictionary(c => c.Id, _ => new List<TrendPoint>());
        for (var i = TrendMonths - 1; i >= 0; i--)
        {
            var monthStart = thisMonth.AddMonths(-i);
            var monthEnd = monthStart.AddMonths(1).AddDays(-1);
            var cutOff = i == 0 ? now : UkTime.ToUtc(monthStart.AddMonths(1).ToDateTime(TimeOnly.MinValue));
            var asked = await db.ControlAnswers.AsNoTracking()
                .Where(a => EF.Parameter(controlIds).Contains(a.ControlId) && a.CreatedUtc <= cutOff)
                .GroupBy(a => a.ControlId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var standing = await db.ControlAnswerHistory.AsNoTracking()
                .Where(e => EF.Parameter(controlIds).Contains(e.ControlId) && e.AtUtc <= cutOff
                    && !db.ControlAnswerHistory.Any(later => later.AnswerId == e.AnswerId && later.AtUtc <= cutOff && (later.AtUtc > e.AtUtc || (later.AtUtc == e.AtUtc && later.Id > e.Id))))
                .GroupBy(e => e.ControlId)
                .Select(g => new
                {
                    g.Key,
                    InPlace = g.Count(e => e.Status == ControlStatus.InPlace),
                    Verified = g.Count(e => e.Status == ControlStatus.InPlace && e.Verification == ControlVerification.Verified),
                })
                .ToDictionaryAsync(g => g.Key, cancellationToken);
            foreach (var control in controls)
            {
                var s = standing.GetValueOrDefault(control.Id);
                perControl[control.Id].Add(new TrendPoint(monthEnd, asked.GetValueOrDefault(control.Id), s?.InPlace ?? 0, s?.Verified ?? 0));
            }
        }

        var setPoints = Enumerable.Range(0, TrendMonths).Select(i => new TrendPoint(
            thisMonth.AddMonths(i - TrendMonths + 2).AddDays(-1),
            perControl.Values.Sum(p => p[i].Asked), perControl.Values.Sum(p => p[i].InPlace), perControl.Values.Sum(p => p[i].Verified))).ToList();
        return new Trend(set.Id, set.Name, set.Marking, setPoints, controls.Select(c => new ControlTrend(c.Id, c.Code, c.Title, perControl[c.Id])).ToList());
    }

    private IQueryable<Control> ActiveControls(int setId) =>
        db.Controls.AsNoTracking().Where(c => c.ControlSetId == setId && c.RetiredUtc == null).OrderBy(c => c.Position);

    /// <summary>Organisations that adopted the set, filtered (a tag through <see cref="TaggedOrganisations.WithTag"/>: an EXISTS per organisation read every organisation).</summary>
    internal IQueryable<Organisation> Organisations(HeatmapQuery query) =>
        db.Organisations.AsNoTracking()
            .Where(o => db.ControlAdoptions.Any(a => a.ControlSetId == query.SetId && a.OrganisationId == o.Id))
            .WithTag(db.OrganisationTags, query.TagId)
            .Where(o => query.Type == null || o.Type == query.Type)
            .Where(o => query.OrganisationId == null || o.Id == query.OrganisationId);
}
