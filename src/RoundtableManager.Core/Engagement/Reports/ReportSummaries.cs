using System.Data;
using System.Runtime.InteropServices;
using System.Text;

namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>A group's replies added up over roundtables: counts, and how many took each tenth of a day to reply.</summary>
public sealed class ReplyTally
{
    private readonly Dictionary<int, int> _tenths = [];

    public int Invited { get; private set; }

    public int Replied { get; private set; }

    public int Accepted { get; private set; }

    public int Attended { get; private set; }

    public void Add(ReplySummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Invited += row.Invited;
        Replied += row.Replied;
        Accepted += row.Accepted;
        Attended += row.Attended;
        // Read in place (no string per pair): a report over a programme's period reads thousands of these lists.
        var list = row.ReplyTenths.AsSpan();
        foreach (var range in list.Split(' '))
        {
            var part = list[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var colon = part.IndexOf(':');
            var tenths = int.Parse(part[..colon], CultureInfo.InvariantCulture);
            CollectionsMarshal.GetValueRefOrAddDefault(_tenths, tenths, out _) += int.Parse(part[(colon + 1)..], CultureInfo.InvariantCulture);
        }
    }

    public void Add(ReplyTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Invited += other.Invited;
        Replied += other.Replied;
        Accepted += other.Accepted;
        Attended += other.Attended;
        foreach (var (tenths, count) in other._tenths)
        {
            _tenths[tenths] = _tenths.GetValueOrDefault(tenths) + count;
        }
    }

    /// <summary>The median days to the first reply (the mean of the middle two when their number is even); null when none replied.</summary>
    public double? MedianDays()
    {
        var total = _tenths.Values.Sum();
        if (total == 0)
        {
            return null;
        }

        // 1-based positions of the middle one or two, as the database's median of a roundtable's responses page.
        int lower = (total + 1) / 2, upper = (total + 2) / 2, seen = 0;
        int? low = null;
        foreach (var (tenths, count) in _tenths.OrderBy(t => t.Key))
        {
            seen += count;
            if (low is null && seen >= lower)
            {
                low = tenths;
            }

            if (seen >= upper)
            {
                return (low!.Value + tenths) / 20.0;
            }
        }

        return null;
    }
}

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
                    .Select(m => new { m.Id, m.RoundtableId, m.OrganisationId }).ToListAsync(cancellationToken);
                var organisations = marks.Where(m => m.OrganisationId != null).Select(m => m.OrganisationId!.Value).Distinct().ToList();
                var roundtables = marks.Where(m => m.RoundtableId != null).Select(m => m.RoundtableId!.Value).ToHashSet();
                if (organisations.Count > 0)
                {
                    roundtables.UnionWith(await db.Invitations.AsNoTracking().Where(i => organisations.Contains(i.OrganisationId))
                        .Select(i => i.RoundtableId).Distinct().ToListAsync(cancellationToken));
                }

                organisations.AddRange(await RecomputeAsync(roundtables, cancellationToken));
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
        foreach (var chunk in all.Chunk(RoundtablesPerQuery))
        {
            await db.InTransactionAsync(async () => (await RecomputeAsync(chunk, cancellationToken)).Count, cancellationToken, IsolationLevel.Serializable);
        }

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
    /// (keyed by the type's number), by tag id, and those with no tag under key 0.
    /// </summary>
    public async Task<(Dictionary<int, ReplyTally> ByType, Dictionary<int, ReplyTally> ByTag)> TallyAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await RefreshAsync(cancellationToken);
        var (from, end) = (period.FromUtc, period.EndUtc);
        var rows = await db.ReplySummaries.AsNoTracking()
            .Where(s => s.Roundtable.Status != RoundtableStatus.Cancelled && s.Roundtable.StartsUtc >= from && s.Roundtable.StartsUtc < end)
            .ToListAsync(cancellationToken);
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

    /// <summary>Works out the roundtables' reply summaries again; returns the organisations they invite.</summary>
    private async Task<List<int>> RecomputeAsync(IReadOnlyCollection<int> roundtableIds, CancellationToken cancellationToken)
    {
        var invited = new List<int>();
        foreach (var chunk in roundtableIds.Chunk(RoundtablesPerQuery))
        {
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

        return invited;
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
        var list = invitations.ToList();
        var tenths = new StringBuilder();
        foreach (var group in list.Where(i => i.ReplyTenths != null).GroupBy(i => i.ReplyTenths!.Value).OrderBy(g => g.Key))
        {
            tenths.Append(tenths.Length == 0 ? "" : " ").Append(CultureInfo.InvariantCulture, $"{group.Key}:{group.Count()}");
        }

        return new ReplySummary
        {
            RoundtableId = roundtableId,
            GroupKind = kind,
            GroupKey = key,
            Invited = list.Count,
            Replied = list.Count(i => i.Response != InvitationResponse.None),
            Accepted = list.Count(i => i.Response == InvitationResponse.Accepted),
            Attended = list.Count(i => i.Attended),
            ReplyTenths = tenths.ToString(),
        };
    }
}

/// <summary>
/// Works out the marked summaries every minute (not at start: the cold start has enough to do), so the report's GET
/// finds nothing to do and only reads; a reader within the minute after a change still works out what is marked
/// first, so the report is never behind what it counts.
/// </summary>
public sealed class ReportSummariesJob(ReportSummaries summaries)
{
    public const string RecurringJobId = "report-summaries";

    // No Hangfire retries: the next minute's run is the retry.
    [Hangfire.AutomaticRetry(Attempts = 0, OnAttemptsExceeded = Hangfire.AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken) => await summaries.RefreshAsync(cancellationToken);
}
