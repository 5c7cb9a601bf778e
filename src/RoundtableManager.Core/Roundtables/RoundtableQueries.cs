namespace RoundtableManager.Core.Roundtables;

/// <summary>One roundtable as the staff dashboard lists it, with its invitations counted.</summary>
public sealed record RoundtableSummary(int Id, string Title, DateTime StartsUtc, DateTime EndsUtc, RoundtableStatus Status, int Invited, int Accepted, int Declined)
{
    public int NoReply => Invited - Accepted - Declined;
}

/// <summary>The dashboard's page of upcoming and page of past roundtables, and how many there are in all.</summary>
public sealed record DashboardPage(
    IReadOnlyList<RoundtableSummary> Upcoming,
    int UpcomingPage,
    int UpcomingCount,
    IReadOnlyList<RoundtableSummary> Past,
    int PastPage,
    int PastCount)
{
    public const int UpcomingPageSize = 20;
    public const int PastPageSize = 10;

    public int UpcomingPages => Pages(UpcomingCount, UpcomingPageSize);

    public int PastPages => Pages(PastCount, PastPageSize);

    internal static int Clamp(int page, int count, int size) => Math.Clamp(page, 1, Pages(count, size));

    private static int Pages(int count, int size) => Math.Max(1, (count + size - 1) / size);
}

/// <summary>A roundtable in a series, as the other roundtables' pages link to it.</summary>
public sealed record SeriesLink(int Id, string Title, DateTime StartsUtc);

/// <summary>The roundtable this one follows up, if any, and those that follow it up.</summary>
public sealed record RoundtableSeries(SeriesLink? Previous, IReadOnlyList<SeriesLink> Next);

/// <summary>Reads of roundtables for the pages, with no tracking.</summary>
public sealed class RoundtableQueries(AppDbContext db)
{
    public Task<Roundtable?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>The roundtable's emails counted by their state in the outbox.</summary>
    public Task<Dictionary<OutboxStatus, int>> EmailCountsAsync(int id, CancellationToken cancellationToken) =>
        db.OutboxMessages.AsNoTracking()
            .Where(m => m.RoundtableId == id)
            .GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>The people whose invitation still stands (neither they nor their organisation's invitation revoked).</summary>
    public Task<int> PeopleInvitedAsync(int id, CancellationToken cancellationToken) =>
        db.InvitationRecipients.CountAsync(r => r.Invitation.RoundtableId == id && r.RevokedUtc == null && r.Invitation.RevokedUtc == null, cancellationToken);

    /// <summary>
    /// One page of the dashboard's upcoming roundtables (not yet ended, soonest first) and one of the past ones (latest
    /// first), with their standing invitations and answers counted, and how many there are of each. Only the rows shown
    /// are counted, so a programme of thousands of roundtables costs what one page of them costs.
    /// </summary>
    public async Task<DashboardPage> DashboardAsync(DateTime nowUtc, int upcomingPage, int pastPage, CancellationToken cancellationToken)
    {
        var roundtables = db.Roundtables.AsNoTracking();
        var upcomingCount = await roundtables.CountAsync(r => r.EndsUtc >= nowUtc, cancellationToken);
        var pastCount = await roundtables.CountAsync(r => r.EndsUtc < nowUtc, cancellationToken);
        var upcomingAt = DashboardPage.Clamp(upcomingPage, upcomingCount, DashboardPage.UpcomingPageSize);
        var pastAt = DashboardPage.Clamp(pastPage, pastCount, DashboardPage.PastPageSize);
        var upcoming = await Summaries(roundtables.Where(r => r.EndsUtc >= nowUtc).OrderBy(r => r.StartsUtc).ThenBy(r => r.Id)
            .Skip((upcomingAt - 1) * DashboardPage.UpcomingPageSize).Take(DashboardPage.UpcomingPageSize)).ToListAsync(cancellationToken);
        // A past roundtable also started before now, which lets the start-time index begin at now.
        var past = await Summaries(roundtables.Where(r => r.EndsUtc < nowUtc && r.StartsUtc < nowUtc).OrderByDescending(r => r.StartsUtc).ThenByDescending(r => r.Id)
            .Skip((pastAt - 1) * DashboardPage.PastPageSize).Take(DashboardPage.PastPageSize)).ToListAsync(cancellationToken);
        return new DashboardPage(upcoming, upcomingAt, upcomingCount, past, pastAt, pastCount);
    }

    private IQueryable<RoundtableSummary> Summaries(IQueryable<Roundtable> roundtables) =>
        roundtables.Select(r => new RoundtableSummary(r.Id, r.Title, r.StartsUtc, r.EndsUtc, r.Status,
            db.Invitations.Count(i => i.RoundtableId == r.Id && i.RevokedUtc == null),
            db.Invitations.Count(i => i.RoundtableId == r.Id && i.RevokedUtc == null && i.Response == InvitationResponse.Accepted),
            db.Invitations.Count(i => i.RoundtableId == r.Id && i.RevokedUtc == null && i.Response == InvitationResponse.Declined)));

    public async Task<RoundtableSeries> SeriesAsync(Roundtable roundtable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        var previous = roundtable.PreviousRoundtableId is { } previousId
            ? await db.Roundtables.AsNoTracking().Where(r => r.Id == previousId).Select(r => new SeriesLink(r.Id, r.Title, r.StartsUtc)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var next = await db.Roundtables.AsNoTracking().Where(r => r.PreviousRoundtableId == roundtable.Id)
            .OrderBy(r => r.StartsUtc).Select(r => new SeriesLink(r.Id, r.Title, r.StartsUtc)).ToListAsync(cancellationToken);
        return new(previous, next);
    }

    public Task<string?> TitleAsync(int id, CancellationToken cancellationToken) =>
        db.Roundtables.AsNoTracking().Where(r => r.Id == id).Select(r => r.Title).SingleOrDefaultAsync(cancellationToken);
}
