using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Email;
using RoundtableManager.Core.Invitations;

namespace RoundtableManager.Core.Roundtables;

/// <summary>One roundtable as the staff dashboard lists it, with its invitations counted.</summary>
public sealed record RoundtableSummary(int Id, string Title, DateTime StartsUtc, DateTime EndsUtc, RoundtableStatus Status, int Invited, int Accepted, int Declined)
{
    public int NoReply => Invited - Accepted - Declined;
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

    /// <summary>Every roundtable by start, with its standing invitations and answers counted.</summary>
    public Task<List<RoundtableSummary>> SummariesAsync(CancellationToken cancellationToken) =>
        db.Roundtables.AsNoTracking()
            .OrderBy(r => r.StartsUtc)
            .Select(r => new RoundtableSummary(r.Id, r.Title, r.StartsUtc, r.EndsUtc, r.Status,
                db.Invitations.Count(i => i.RoundtableId == r.Id && i.RevokedUtc == null),
                db.Invitations.Count(i => i.RoundtableId == r.Id && i.RevokedUtc == null && i.Response == InvitationResponse.Accepted),
                db.Invitations.Count(i => i.RoundtableId == r.Id && i.RevokedUtc == null && i.Response == InvitationResponse.Declined)))
            .ToListAsync(cancellationToken);

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
