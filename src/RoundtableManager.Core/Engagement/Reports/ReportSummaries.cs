using System.Data;

namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>
/// Keeps the programme report's summaries in step with what they count: <see cref="ReplySummary"/> rows per roundtable
/// and each organisation's <see cref="Organisation.LastEngagedUtc"/>. Writes mark what they touch (in their own
/// SaveChanges); every read first works out again what is marked, a roundtable at a time (a few hundred invitations at
/// most), so the report is never behind and never has to count a whole programme.
/// </summary>
public sealed class ReportSummaries(AppDbContext db)
{
    private const int MarksPerPass = 500;
    private const int RoundtablesPerQuery = 100;
    private const int OrganisationsPerQuery = 500;

    /// <summary>Marks one roundtable's summaries out of date, for a change made without the change tracker (save it with that change).</summary>
    public static void MarkRoundtable(AppDbContext db, int roundtableId)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ReportSummaryRefreshes.Add(new ReportSummaryRefresh { RoundtableId = roundtableId });
    }

    /// <summary>Works out again every summary marked out of date.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        while (await db.ReportSummaryRefreshes.AnyAsync(cancellationToken))
        {
            await db.InTransactionAsync(async () =>
            {
                var marks = await db.ReportSummaryRefreshes.AsNoTracking().OrderBy(m => m.Id).Take(MarksPerPass)
                    .Select(m => new { m.Id, m.RoundtableId, m.OrganisationId, m.Month }).ToListAsync(cancellationToken);
                var organisations = marks.Where(m => m.OrganisationId != null).Select(m => m.OrganisationId!.Value).Distinct().ToList();
                var roundtables = marks.Where(m => m.RoundtableId != null).Select(m => m.RoundtableId!.Value).ToHashSet();
                if (organisations.Count > 0)
                {
                    roundtables.UnionWith(await db.Invitations.AsNoTracking().Where(i => organisations.Contains(i.OrganisationId))
                        .Select(i => i.RoundtableId).Distinct().ToListAsync(cancellationToken));
                }

                var (invited, months) = await RecomputeAsync(roundtables, cancellationToken);
                organisations.AddRange(invited);
                months.UnionWith(marks.Where(m => m.Month != null).Select(m => m.Month!.Value));
                await RecountMonthsAsync(months, cancellationToken);
                await RecomputeEngagementAsync(organisations.Distinct().ToList(), cancellationToken);
                // By id, not by range: a mark written by a transaction still open when these were read stays for the next pass.
                var ids = marks.Select(m => m.Id).ToList();
                await db.ReportSummaryRefreshes.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
                return marks.Count;
            }, cancellationToken, IsolationLevel.Serializable);
        }
    }

    /// <summary>Works out every roundtable's summaries from scratch (data loaded without the app, such as the benchmark's).</summary>
    public async Task RebuildAllAsync(CancellationToken cancellationToken)
    {
        var all = await db.Roundtables.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        var months = new HashSet<int>();
        foreach (var chunk in all.Chunk(RoundtablesPerQuery))
        {
            await db.InTransactionAsync(async () =>
            {
                months.UnionWith((await RecomputeAsync(chunk, cancellationToken)).Months);
                return chunk.Length;
            }, cancellationToken, IsolationLevel.Serializable);
        }

        await db.InTransactionAsync(async () =>
        {
            await RecountMonthsAsync(months, cancellationToken);
            return months.Count;
        }, cancellationToken, IsolationLevel.Serializable);

        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var chunk in organisations.Chunk(OrganisationsPerQuery))
        {
            await db.InTransactionAsync(async () =>
            {
                await RecomputeEngagementAsync(chunk, cancellationToken);
                return chunk.Length;
            }, cancellationToken, IsolationLevel.Serializable);
        }
    }

    /// <summary>
    /// The replies to roundtables starting in the period (not cancelled), added up per group: by organisation type
    /// (keyed by the type's number), by tag id, and those with no tag under key 0. The UK months wholly inside the period
    /// are read as a row per month and group; only the days of a month cut by the period's start or end are read a
    /// roundtable at a time. Exact either way: the reply times are counts per tenth of a day, which add up.
    /// </summary>
    public async Task<(Dictionary<int, ReplyTally> ByType, Dictionary<int, ReplyTally> ByTag)> TallyAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await RefreshAsync(cancellationToken);
        // With no whole month, every day of the period is read a roundtable at a time.
        var (firstWhole, endWhole) = period.WholeMonths();
        var (from, end, wholeFrom, wholeEnd) = (period.FromUtc, period.EndUtc, ReplyMonths.MidnightUtc(firstWhole), ReplyMonths.MidnightUtc(endWhole));
        var (firstMonth, endMonth) = (ReplyMonths.Of(firstWhole), ReplyMonths.Of(endWhole));
        List<ReplyCounts> rows =
        [
            .. await db.ReplyMonthSummaries.AsNoTracking().Where(m => m.Month >= firstMonth && m.Month < endMonth).ToListAsync(cancellationToken),
            .. await db.ReplySummaries.AsNoTracking()
                .Where(s => s.Roundtable.Status != RoundtableStatus.Cancelled
                    && ((s.Roundtable.StartsUtc >= from && s.Roundtable.StartsUtc < wholeFrom) || (s.Roundtable.StartsUtc >= wholeEnd && s.Roundtable.StartsUtc < end)))
                .ToListAsync(cancellationToken),
        ];
        var byType = new Dictionary<int, ReplyTally>();
        var byTag = new Dictionary<int, ReplyTally>();
        foreach (var row in rows)
        {
            var tallies = row.GroupKind == ReplyGroupKind.Type ? byType : byTag;
            if (!tallies.TryGetValue(row.GroupKey, out var tally))
            {
                tallies[row.GroupKey] = tally = new ReplyTally();
            }

            tally.Add(row);
        }

        return (byType, byTag);
    }

    private sealed record Counted(int RoundtableId, int OrganisationId, OrganisationType Type, InvitationResponse Response, bool Attended, int? ReplyTenths);

    /// <summary>Works out the roundtables' reply summaries again; returns the organisations they invite and the months they start in.</summary>
    private async Task<(List<int> Invited, HashSet<int> Months)> RecomputeAsync(IReadOnlyCollection<int> roundtableIds, CancellationToken cancellationToken)
    {
        var invited = new List<int>();
        var months = new HashSet<int>();
        foreach (var chunk in roundtableIds.Chunk(RoundtablesPerQuery))
        {
            months.UnionWith((await db.Roundtables.AsNoTracking().Where(r => chunk.Contains(r.Id)).Select(r => r.StartsUtc).ToListAsync(cancellationToken))
                .Select(ReplyMonths.Of));
            await db.ReplySummaries.Where(s => chunk.Contains(s.RoundtableId)).ExecuteDeleteAsync(cancellationToken);
            var invitations = await db.Invitations.AsNoTracking()
                .Where(i => chunk.Contains(i.RoundtableId) && i.RevokedUtc == null)
                .Select(i => new
                {
                    i.RoundtableId,
                    i.OrganisationId,
                    i.Organisation.Type,
                    i.Response,
                    i.CreatedUtc,
                    i.RespondedUtc,
                    FirstReply = i.FirstRespondedUtc ?? i.RespondedUtc,
                    Attended = i.Delegates.Any(d => d.AttendedUtc != null),
                })
                .ToListAsync(cancellationToken);
            var organisationIds = invitations.Select(i => i.OrganisationId).Distinct().ToList();
            invited.AddRange(organisationIds);
            var tags = (await db.OrganisationTags.AsNoTracking().Where(t => organisationIds.Contains(t.OrganisationId))
                    .Select(t => new { t.OrganisationId, t.TagId }).ToListAsync(cancellationToken))
                .ToLookup(t => t.OrganisationId, t => t.TagId);
            var counted = invitations.Select(i => new Counted(i.RoundtableId, i.OrganisationId, i.Type, i.Response, i.Attended,
                i.Response != InvitationResponse.None && i.RespondedUtc != null && i.FirstReply is { } reply
                    ? (int)Math.Round((reply - i.CreatedUtc).TotalDays * 10, MidpointRounding.AwayFromZero)
                    : null));
            foreach (var roundtable in counted.GroupBy(i => i.RoundtableId))
            {
                db.ReplySummaries.AddRange(roundtable.GroupBy(i => i.Type).Select(g => Summarise(roundtable.Key, ReplyGroupKind.Type, (int)g.Key, g)));
                db.ReplySummaries.AddRange(roundtable.SelectMany(i => tags[i.OrganisationId].Select(tag => (Tag: tag, Invitation: i)))
                    .GroupBy(x => x.Tag, x => x.Invitation)
                    .Select(g => Summarise(roundtable.Key, ReplyGroupKind.Tag, g.Key, g)));
                if (roundtable.Where(i => !tags.Contains(i.OrganisationId)).ToList() is { Count: > 0 } untagged)
                {
                    db.ReplySummaries.Add(Summarise(roundtable.Key, ReplyGroupKind.NoTag, 0, untagged));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return (invited, months);
    }

    /// <summary>Works out the months' summaries again from the rows of their roundtables (not cancelled).</summary>
    private async Task RecountMonthsAsync(IEnumerable<int> months, CancellationToken cancellationToken)
    {
        foreach (var month in months)
        {
            var (from, end) = ReplyMonths.Range(month);
            await db.ReplyMonthSummaries.Where(m => m.Month == month).ExecuteDeleteAsync(cancellationToken);
            var rows = await db.ReplySummaries.AsNoTracking()
                .Where(s => s.Roundtable.Status != RoundtableStatus.Cancelled && s.Roundtable.StartsUtc >= from && s.Roundtable.StartsUtc < end)
                .ToListAsync(cancellationToken);
            db.ReplyMonthSummaries.AddRange(rows.GroupBy(r => (r.GroupKind, r.GroupKey)).Select(group =>
            {
                var tally = new ReplyTally();
                foreach (var row in group)
                {
                    tally.Add(row);
                }

                return tally.Fill(new ReplyMonthSummary { Month = month, GroupKind = group.Key.GroupKind, GroupKey = group.Key.GroupKey });
            }));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Each organisation's latest reply (to an invitation not revoked), delegate checked in or interaction, stored on it.</summary>
    private async Task RecomputeEngagementAsync(IReadOnlyCollection<int> organisationIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in organisationIds.Chunk(OrganisationsPerQuery))
        {
            var latest = await db.Organisations.AsNoTracking()
                .Where(o => chunk.Contains(o.Id))
                .Select(o => new
                {
                    o.Id,
                    o.LastEngagedUtc,
                    Reply = db.Invitations.Where(i => i.OrganisationId == o.Id && i.RevokedUtc == null && i.Response != InvitationResponse.None).Max(i => i.RespondedUtc),
                    Attended = db.Delegates.Where(d => d.Invitation.OrganisationId == o.Id && d.AttendedUtc != null).Max(d => d.AttendedUtc),
                    Interaction = db.Interactions.Where(x => x.OrganisationId == o.Id).Max(x => (DateTime?)x.OccurredUtc),
                })
                .ToListAsync(cancellationToken);
            foreach (var organisation in latest)
            {
                var engaged = new[] { organisation.Reply, organisation.Attended, organisation.Interaction }.Max() ?? Organisation.NeverEngaged;
                if (engaged != organisation.LastEngagedUtc)
                {
                    var stub = new Organisation { Id = organisation.Id, LastEngagedUtc = organisation.LastEngagedUtc };
                    db.Organisations.Attach(stub);
                    stub.LastEngagedUtc = engaged;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private static ReplySummary Summarise(int roundtableId, ReplyGroupKind kind, int key, IEnumerable<Counted> invitations)
    {
        var tally = new ReplyTally();
        foreach (var i in invitations)
        {
            tally.Add(i.Response != InvitationResponse.None, i.Response == InvitationResponse.Accepted, i.Attended, i.ReplyTenths);
        }

        return tally.Fill(new ReplySummary { RoundtableId = roundtableId, GroupKind = kind, GroupKey = key });
    }
}

/// <summary>
/// Works out the marked summaries every minute (not at start: the cold start has enough to do), so the report's GET
/// finds nothing to do and only reads; a reader within the minute after a change still works out what is marked first,
/// so the report is never behind what it counts. Then folds the kept action counts (<see cref="ActionMonthCount"/>),
/// which a page never writes.
/// </summary>
public sealed class ReportSummariesJob(ReportSummaries summaries, ActionMonthCounts actionCounts)
{
    public const string RecurringJobId = "report-summaries";

    // No Hangfire retries: the next minute's run is the retry.
    [Hangfire.AutomaticRetry(Attempts = 0, OnAttemptsExceeded = Hangfire.AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await summaries.RefreshAsync(cancellationToken);
        await actionCounts.FoldAsync(cancellationToken);
    }
}
