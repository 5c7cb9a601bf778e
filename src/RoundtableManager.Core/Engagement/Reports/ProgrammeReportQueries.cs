using System.Runtime.CompilerServices;

namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>
/// The programme report: replies to invitations and follow-up actions across roundtables, and organisations not engaged
/// lately. Every figure is counted by the database (GROUP BY, COUNT, SUM, and window functions for medians); what comes
/// back is one row per group, never one per invitation or action, so the page holds at a programme's size.
/// </summary>
public sealed class ProgrammeReportQueries(AppDbContext db, TimeProvider time)
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
    /// reply; in all, by organisation type and by tag (an organisation with two tags counts under both).
    /// </summary>
    public async Task<ProgrammeReplies> RepliesAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var invitations = InvitationsIn(period);
        var byType = await Count(invitations.Select(i => new KeyedInvitation { Key = (int)i.Organisation.Type, Invitation = i }), cancellationToken);
        var byTag = await Count(
            from i in invitations
            from t in db.OrganisationTags.Where(t => t.OrganisationId == i.OrganisationId).DefaultIfEmpty()
            select new KeyedInvitation { Key = t == null ? (int?)null : t.TagId, Invitation = i },
            cancellationToken);
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);

        const string inPeriod = "r.[Status] <> {0} AND r.[StartsUtc] >= {1} AND r.[StartsUtc] < {2}";
        object[] arguments = [(int)RoundtableStatus.Cancelled, period.FromUtc, period.EndUtc];
        var total = await ReplyTimes.MedianDaysAsync(db, "0", "", inPeriod, arguments, cancellationToken);
        var typeMedians = await ReplyTimes.MedianDaysAsync(
            db, "o.[Type]", "INNER JOIN [Organisations] AS o ON o.[Id] = i.[OrganisationId]", inPeriod, arguments, cancellationToken);
        var tagMedians = await ReplyTimes.MedianDaysAsync(
            db, "COALESCE(t.[TagId], 0)", "LEFT JOIN [OrganisationTags] AS t ON t.[OrganisationId] = i.[OrganisationId]", inPeriod, arguments, cancellationToken);

        var typeRows = Enum.GetValues<OrganisationType>().Select(type => byType.SingleOrDefault(x => x.Key == (int)type) is { } x
                ? new ReplyFigures(type.DisplayName(), x.Invited, x.Replied, x.Accepted, x.Attended, Median(typeMedians, (int)type))
                : new ReplyFigures(type.DisplayName(), 0, 0, 0, 0, null))
            .ToList();
        var tagRows = tags.Select(tag => (tag.Name, Key: (int?)tag.Id, Median: Median(tagMedians, tag.Id)))
            .Append((Name: NoTag, Key: null, Median: Median(tagMedians, 0)))
            .Select(tag => byTag.SingleOrDefault(x => x.Key == tag.Key) is { } x
                ? new ReplyFigures(tag.Name, x.Invited, x.Replied, x.Accepted, x.Attended, tag.Median)
                : new ReplyFigures(tag.Name, 0, 0, 0, 0, null))
            .ToList();
        var all = new ReplyFigures(AllOrganisations, typeRows.Sum(r => r.Invited), typeRows.Sum(r => r.Replied), typeRows.Sum(r => r.Accepted), typeRows.Sum(r => r.Attended), Median(total, 0));
        return new ProgrammeReplies(all, typeRows, tagRows);
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
        var actions = db.FollowUpActions.AsNoTracking()
            .Where(a => a.CreatedUtc >= from && a.CreatedUtc < end)
            .Select(a => new
            {
                a.OwnerOrganisationId,
                Category = a.AgendaItem == null ? (AgendaCategory?)null : a.AgendaItem.Category,
                Done = a.Status == ActionStatus.Done ? 1 : 0,
                Overdue = a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled && a.DueDate < today ? 1 : 0,
            });
        var byCategory = await actions.GroupBy(a => a.Category)
            .Select(g => new { g.Key, Opened = g.Count(), Done = g.Sum(a => a.Done), Overdue = g.Sum(a => a.Overdue) })
            .ToListAsync(cancellationToken);
        var owners = actions.GroupBy(a => a.OwnerOrganisationId)
            .Select(g => new { g.Key, Opened = g.Count(), Done = g.Sum(a => a.Done), Overdue = g.Sum(a => a.Overdue) });
        var ownerCount = await owners.CountAsync(cancellationToken);
        var ordered = owners.OrderByDescending(g => g.Opened).ThenBy(g => g.Key);
        var byOwner = pageSize is { } size
            ? await ordered.Skip((Math.Max(1, page) - 1) * size).Take(size).ToListAsync(cancellationToken)
            : await ordered.ToListAsync(cancellationToken);
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
        var organisations = db.Organisations.AsNoTracking()
            .Where(o => !o.IsArchived)
            .Select(o => new
            {
                o.Id,
                o.Name,
                o.Type,
                LastInvited = db.Invitations.Where(i => i.OrganisationId == o.Id && i.RevokedUtc == null).Max(i => (DateTime?)i.CreatedUtc),
                LastReply = db.Invitations.Where(i => i.OrganisationId == o.Id && i.RevokedUtc == null && i.Response != InvitationResponse.None).Max(i => i.RespondedUtc),
                LastAttended = db.Invitations.Where(i => i.OrganisationId == o.Id).SelectMany(i => i.Delegates).Where(d => d.AttendedUtc != null).Max(d => d.AttendedUtc),
                LastInteraction = db.Interactions.Where(x => x.OrganisationId == o.Id).Max(x => (DateTime?)x.OccurredUtc),
            })
            .Where(o => (o.LastReply == null || o.LastReply < cutoff) && (o.LastAttended == null || o.LastAttended < cutoff)
                && (o.LastInteraction == null || o.LastInteraction < cutoff));
        var total = await organisations.CountAsync(cancellationToken);
        // The latest of the three (a comparison with NULL is false, so a missing one never wins).
        var ordered = organisations
            .Select(o => new { o, Latest = o.LastAttended > o.LastReply || o.LastReply == null ? o.LastAttended : o.LastReply })
            .OrderBy(x => x.o.LastInteraction > x.Latest || x.Latest == null ? x.o.LastInteraction : x.Latest)
            .ThenBy(x => x.o.Name)
            .ThenBy(x => x.o.Id)
            .Select(x => x.o);
        var rows = await (pageSize is { } size ? ordered.Skip((Math.Max(1, page) - 1) * size).Take(size) : ordered)
            .ToListAsync(cancellationToken);
        return new NotEngagedPage(months, since, total, rows
            .Select(o => new NotEngagedOrganisation(o.Id, o.Name, o.Type, o.LastInvited, o.LastReply, o.LastAttended, o.LastInteraction)).ToList());
    }

    /// <summary>Invited, replied, accepted and attended (a delegate checked in) per group key, counted by the database.</summary>
    private static Task<List<GroupReplies>> Count(IQueryable<KeyedInvitation> invitations, CancellationToken cancellationToken) => invitations
        .Select(x => new
        {
            x.Key,
            Replied = x.Invitation.Response != InvitationResponse.None ? 1 : 0,
            Accepted = x.Invitation.Response == InvitationResponse.Accepted ? 1 : 0,
            Attended = x.Invitation.Delegates.Any(d => d.AttendedUtc != null) ? 1 : 0,
        })
        .GroupBy(x => x.Key)
        .Select(g => new GroupReplies(g.Key, g.Count(), g.Sum(x => x.Replied), g.Sum(x => x.Accepted), g.Sum(x => x.Attended)))
        .ToListAsync(cancellationToken);

    private IQueryable<Invitation> InvitationsIn(ReportPeriod period)
    {
        var (from, end) = (period.FromUtc, period.EndUtc);
        return db.Invitations.AsNoTracking()
            .Where(i => i.RevokedUtc == null && i.Roundtable.Status != RoundtableStatus.Cancelled && i.Roundtable.StartsUtc >= from && i.Roundtable.StartsUtc < end);
    }

    private static double? Median(Dictionary<int, double> medians, int key) => medians.TryGetValue(key, out var value) ? value : null;

    private sealed class KeyedInvitation
    {
        public int? Key { get; init; }

        public Invitation Invitation { get; init; } = null!;
    }

    private sealed record GroupReplies(int? Key, int Invited, int Replied, int Accepted, int Attended);
}
