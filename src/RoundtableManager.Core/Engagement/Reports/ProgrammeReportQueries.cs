using System.Runtime.CompilerServices;

namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>
/// The programme report: replies to invitations and follow-up actions across roundtables, and organisations not engaged
/// lately. Replies are added up from summaries kept up to date by the writes (<see cref="ReportSummaries"/>), actions
/// from counts kept by the writes (<see cref="ActionMonthCount"/>); the rest is counted by the database (GROUP BY,
/// COUNT, SUM, and window functions for medians), one row per group.
/// </summary>
public sealed class ProgrammeReportQueries(AppDbContext db, ReportSummaries summaries, TimeProvider time)
{
    public const string NoTag = "No tag";
    public const string AllOrganisations = "All organisations";
    public const string AllRoundtables = "All roundtables";
    public const string OwnedByStaff = "Owned by staff";
    public const string NoAgendaItem = "Not from an agenda item";
    public const int MaxMonths = 120;

    private const int StaffKey = 0;
    private const int NoCategoryKey = -1;

    public DateOnly Today() => DateOnly.FromDateTime(UkTime.ToUk(time.GetUtcNow().UtcDateTime));

    /// <summary>
    /// Invitations (not revoked) to roundtables starting in the period (not cancelled): how many organisations were
    /// invited, replied, accepted and attended (a delegate checked in), and the median days from invitation to first
    /// reply (to the nearest tenth of a day); in all, by organisation type and by tag (an organisation with two tags counts
    /// under both). Added up from each roundtable's <see cref="ReplySummary"/> rows.
    /// </summary>
    public async Task<ProgrammeReplies> RepliesAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (byType, byTag) = await summaries.TallyAsync(period, cancellationToken);
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        static ReplyFigures Figures(string group, ReplyTally? tally) => tally is null
            ? new ReplyFigures(group, 0, 0, 0, 0, null)
            : new ReplyFigures(group, tally.Invited, tally.Replied, tally.Accepted, tally.Attended, tally.MedianDays());

        var typeRows = Enum.GetValues<OrganisationType>().Select(type => Figures(type.DisplayName(), byType.GetValueOrDefault((int)type))).ToList();
        var tagRows = tags.Select(tag => Figures(tag.Name, byTag.GetValueOrDefault(tag.Id)))
            .Append(Figures(NoTag, byTag.GetValueOrDefault(0)))
            .ToList();
        var all = new ReplyTally();
        foreach (var tally in byType.Values)
        {
            all.Add(tally);
        }

        return new ProgrammeReplies(Figures(AllOrganisations, all), typeRows, tagRows);
    }

    /// <summary>
    /// Follow-up actions opened in the period, as they stand today: how many, how many done, how many overdue (not done
    /// or cancelled, due before today) and the median days from opening to done; in all, by agenda category and by
    /// owner (one page of owners, most actions first, or every owner when <paramref name="pageSize"/> is null).
    /// </summary>
    public async Task<ProgrammeActions> ActionsAsync(ReportPeriod period, int page, int? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, end, today) = (period.FromUtc, period.EndUtc, Today());
        var groups = await ActionGroupsAsync(period, today, cancellationToken);
        var byCategory = groups.GroupBy(g => g.Category)
            .Select(g => new { g.Key, Opened = g.Sum(x => x.Opened), Done = g.Sum(x => x.Done), Overdue = g.Sum(x => x.Overdue) })
            .ToList();
        var owners = groups.GroupBy(g => g.OwnerOrganisationId)
            .Select(g => new { g.Key, Opened = g.Sum(x => x.Opened), Done = g.Sum(x => x.Done), Overdue = g.Sum(x => x.Overdue) })
            .OrderByDescending(g => g.Opened).ThenBy(g => g.Key)
            .ToList();
        var ownerCount = owners.Count;
        var byOwner = pageSize is { } size ? owners.Skip((Math.Max(1, page) - 1) * size).Take(size).ToList() : owners;
        var ids = byOwner.Where(g => g.Key != null).Select(g => g.Key!.Value).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        var done = "FROM [FollowUpActions] AS a WHERE a.[Status] = {0} AND a.[ClosedUtc] IS NOT NULL AND a.[CreatedUtc] >= {1} AND a.[CreatedUtc] < {2}";
        var days = Medians.DaysBetween(db, "a.[CreatedUtc]", "a.[ClosedUtc]");
        object[] arguments = [(int)ActionStatus.Done, from, end];
        var total = await Medians.ByGroupAsync(db, FormattableStringFactory.Create($"SELECT 0 AS GroupKey, {days} AS Days " + done, arguments), cancellationToken);
        var ownerMedians = await Medians.ByGroupAsync(db, FormattableStringFactory.Create($"SELECT COALESCE(a.[OwnerOrganisationId], 0) AS GroupKey, {days} AS Days " + done, arguments), cancellationToken);
        var categoryMedians = await Medians.ByGroupAsync(db, FormattableStringFactory.Create(
            $"SELECT COALESCE(g.[Category], -1) AS GroupKey, {days} AS Days "
            + done.Replace("WHERE", "LEFT JOIN [AgendaItems] AS g ON g.[Id] = a.[AgendaItemId] WHERE", StringComparison.Ordinal), arguments), cancellationToken);

        var categoryRows = AgendaNames.Categories.Select(c => ((AgendaCategory?)c, c.DisplayName(), (int)c))
            .Append((null, NoAgendaItem, NoCategoryKey))
            .Select(c => byCategory.SingleOrDefault(x => x.Key == c.Item1) is { } x
                ? new ActionFigures(c.Item2, x.Opened, x.Done, x.Overdue, Median(categoryMedians, c.Item3))
                : new ActionFigures(c.Item2, 0, 0, 0, null))
            .ToList();
        var ownerRows = byOwner
            .Select(g => new ActionFigures(g.Key is { } id ? names.GetValueOrDefault(id, "") : OwnedByStaff, g.Opened, g.Done, g.Overdue, Median(ownerMedians, g.Key ?? StaffKey)))
            .ToList();
        var all = new ActionFigures("All follow-up actions", categoryRows.Sum(r => r.Opened), categoryRows.Sum(r => r.Done), categoryRows.Sum(r => r.Overdue), Median(total, 0));
        return new ProgrammeActions(all, categoryRows, ownerRows, ownerCount);
    }

    /// <summary>
    /// Feedback after roundtables starting in the period (not cancelled) that sent feedback links: links sent (not
    /// withdrawn), answers and the mean usefulness (1 to 5, to one decimal place as on a roundtable's feedback page), per
    /// roundtable in date order and in all.
    /// </summary>
    public async Task<ProgrammeFeedback> FeedbackAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, end) = (period.FromUtc, period.EndUtc);
        var rows = await db.FeedbackRequests.AsNoTracking()
            .Where(f => f.RevokedUtc == null && f.Roundtable.Status != RoundtableStatus.Cancelled && f.Roundtable.StartsUtc >= from && f.Roundtable.StartsUtc < end)
            .GroupBy(f => new { f.RoundtableId, f.Roundtable.Title, f.Roundtable.StartsUtc })
            .Select(g => new { g.Key.RoundtableId, g.Key.Title, g.Key.StartsUtc, Sent = g.Count(), Answered = g.Count(f => f.Usefulness != null), Score = g.Sum(f => f.Usefulness ?? 0) })
            .OrderBy(g => g.StartsUtc).ThenBy(g => g.RoundtableId)
            .ToListAsync(cancellationToken);
        static double? Average(int score, int answered) => answered == 0 ? null : Math.Round(score / (double)answered, 1, MidpointRounding.AwayFromZero);
        var byRoundtable = rows
            .Select(r => new FeedbackFigures(r.Title, DateOnly.FromDateTime(UkTime.ToUk(r.StartsUtc)), r.Sent, r.Answered, Average(r.Score, r.Answered)))
            .ToList();
        var total = new FeedbackFigures(AllRoundtables, null, rows.Sum(r => r.Sent), rows.Sum(r => r.Answered), Average(rows.Sum(r => r.Score), rows.Sum(r => r.Answered)));
        return new ProgrammeFeedback(total, byRoundtable);
    }

    /// <summary>
    /// Organisations (not archived) that have not replied to an invitation, had a delegate check in, nor had an
    /// interaction logged (a meeting, a call...) since <paramref name="months"/> months before today: those never engaged
    /// first, then the longest since, then by name. One page, or all when <paramref name="pageSize"/> is null.
    /// </summary>
    public async Task<NotEngagedPage> NotEngagedAsync(int months, int page, int? pageSize, CancellationToken cancellationToken)
    {
        months = Math.Clamp(months, 1, MaxMonths);
        var since = Today().AddMonths(-months);
        var cutoff = UkTime.ToUtc(since.ToDateTime(TimeOnly.MinValue));
        await summaries.RefreshAsync(cancellationToken);
        var quiet = NotEngagedSince(db, cutoff);
        var total = await quiet.CountAsync(cancellationToken);
        var ordered = quiet.OrderBy(o => o.LastEngagedUtc).ThenBy(o => o.Name).ThenBy(o => o.Id).Select(o => o.Id);
        var ids = await (pageSize is { } size ? ordered.Skip((Math.Max(1, page) - 1) * size).Take(size) : ordered).ToListAsync(cancellationToken);
        var rows = (await db.Organisations.AsNoTracking()
            .Where(o => ids.Contains(o.Id))
            .Select(o => new NotEngagedOrganisation(
                o.Id,
                o.Name,
                o.Type,
                db.Invitations.Where(i => i.OrganisationId == o.Id && i.RevokedUtc == null).Max(i => (DateTime?)i.CreatedUtc),
                db.Invitations.Where(i => i.OrganisationId == o.Id && i.RevokedUtc == null && i.Response != InvitationResponse.None).Max(i => i.RespondedUtc),
                db.Invitations.Where(i => i.OrganisationId == o.Id).SelectMany(i => i.Delegates).Where(d => d.AttendedUtc != null).Max(d => d.AttendedUtc),
                db.Interactions.Where(x => x.OrganisationId == o.Id).Max(x => (DateTime?)x.OccurredUtc)))
            .ToListAsync(cancellationToken))
            .ToDictionary(o => o.Id);
        return new NotEngagedPage(months, since, total, [.. ids.Select(id => rows[id])]);
    }

    /// <summary>
    /// Organisations (not archived) not engaged since <paramref name="cutoffUtc"/>: one range of the (IsArchived,
    /// LastEngagedUtc, Name, Id) index, counted and paged without reading the organisations. IsArchived is compared with a
    /// parameter: EF Core writes <c>!o.IsArchived</c> as <c>NOT "IsArchived"</c>, which SQLite cannot seek, so it read the
    /// whole index (50,000 entries at the benchmark's 100x) and sorted what it found.
    /// </summary>
    public static IQueryable<Organisation> NotEngagedSince(AppDbContext db, DateTime cutoffUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var archived = false;
        return db.Organisations.AsNoTracking().Where(o => o.IsArchived == archived && o.LastEngagedUtc < cutoffUtc);
    }

    private sealed record ActionGroup(int AgendaItemId, int OwnerOrganisationId, int Opened, int Done, int Overdue);

    /// <summary>
    /// The period's actions counted per category and owner (null: staff). Whole UK months add up the kept counts
    /// (<see cref="ActionMonthCount"/>: a row per agenda item, owner, status and due date); only the days of a month
    /// that the period's first or last day cuts are counted from the actions themselves.
    /// </summary>
    private async Task<List<(AgendaCategory? Category, int? OwnerOrganisationId, int Opened, int Done, int Overdue)>> ActionGroupsAsync(
        ReportPeriod period, DateOnly today, CancellationToken cancellationToken)
    {
        var (firstWhole, endWhole) = period.WholeMonths();
        var (firstMonth, endMonth) = (ReplyMonths.Of(firstWhole), ReplyMonths.Of(endWhole));
        var (from, end, wholeFrom, wholeEnd) = (period.FromUtc, period.EndUtc, ReplyMonths.MidnightUtc(firstWhole), ReplyMonths.MidnightUtc(endWhole));
        List<ActionGroup> groups =
        [
            .. await db.ActionMonthCounts.AsNoTracking()
                .Where(c => c.Month >= firstMonth && c.Month < endMonth)
                .GroupBy(c => new { c.AgendaItemId, c.OwnerOrganisationId })
                .Select(g => new ActionGroup(g.Key.AgendaItemId, g.Key.OwnerOrganisationId, g.Sum(c => c.Count),
                    g.Sum(c => c.Status == ActionStatus.Done ? c.Count : 0),
                    g.Sum(c => c.Status != ActionStatus.Done && c.Status != ActionStatus.Cancelled && c.DueDate < today ? c.Count : 0)))
                .ToListAsync(cancellationToken),
            .. await db.FollowUpActions.AsNoTracking()
                .Where(a => (a.CreatedUtc >= from && a.CreatedUtc < wholeFrom) || (a.CreatedUtc >= wholeEnd && a.CreatedUtc < end))
                .GroupBy(a => new { a.AgendaItemId, a.OwnerOrganisationId })
                .Select(g => new ActionGroup(g.Key.AgendaItemId ?? 0, g.Key.OwnerOrganisationId ?? 0, g.Count(),
                    g.Sum(a => a.Status == ActionStatus.Done ? 1 : 0),
                    g.Sum(a => a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled && a.DueDate < today ? 1 : 0)))
                .ToListAsync(cancellationToken),
        ];
        var items = groups.Where(g => g.AgendaItemId != 0).Select(g => g.AgendaItemId).Distinct().ToList();
        var categories = items.Count == 0 ? new Dictionary<int, AgendaCategory>()
            : await db.AgendaItems.AsNoTracking().Where(i => items.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Category, cancellationToken);
        // A key whose actions have all moved away adds up to nought until the job folds it away.
        return [.. groups.Where(g => g.Opened > 0)
            .GroupBy(g => (Category: g.AgendaItemId == 0 ? null : (AgendaCategory?)categories[g.AgendaItemId], Owner: g.OwnerOrganisationId == 0 ? null : (int?)g.OwnerOrganisationId))
            .Select(g => (Category: g.Key.Category, OwnerOrganisationId: g.Key.Owner, Opened: g.Sum(x => x.Opened), Done: g.Sum(x => x.Done), Overdue: g.Sum(x => x.Overdue)))];
    }

    private static double? Median(Dictionary<int, double> medians, int key) => medians.TryGetValue(key, out var value) ? value : null;
}
