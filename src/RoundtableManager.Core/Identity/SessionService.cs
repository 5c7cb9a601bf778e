namespace RoundtableManager.Core.Identity;

public sealed record SessionView(string Id, string Device, DateTime SignedInUtc, DateTime LastSeenUtc, DateTime EndsUtc, bool IsCurrent);

/// <summary>
/// Signed-in sessions (<see cref="UserSession"/>): a person sees theirs and ends the others (ASVS 7.5.2); organisers end
/// one person's or everyone's (7.4.5). Ending a session deletes its row, so its cookie stops working at once.
/// </summary>
public sealed class SessionService(AppDbContext db, IOptions<SignInSessionOptions> options, IAuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<SessionView>> ListAsync(string userId, string? currentSessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var absolute = options.Value.AbsoluteLifetime;
        var rows = await Active(now).Where(s => s.UserId == userId)
            .OrderByDescending(s => s.LastSeenUtc)
            .Select(s => new { s.Id, s.Device, s.CreatedUtc, s.LastSeenUtc, s.ExpiresUtc })
            .ToListAsync(cancellationToken);
        return rows.Select(s =>
            {
                var absoluteEnd = s.CreatedUtc + absolute;
                var ends = s.ExpiresUtc is { } idleEnd && idleEnd < absoluteEnd ? idleEnd : absoluteEnd;
                return new SessionView(s.Id, s.Device, s.CreatedUtc, s.LastSeenUtc, ends, s.Id == currentSessionId);
            })
            .OrderByDescending(s => s.IsCurrent)
            .ToList();
    }

    /// <summary>Ends some of a person's own sessions, never the one they are using (signing out does that).</summary>
    public async Task<int> EndOwnAsync(string userId, IReadOnlyCollection<string> sessionIds, string? currentSessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        var ended = await db.UserSessions.Where(s => s.UserId == userId && sessionIds.Contains(s.Id) && s.Id != currentSessionId)
            .ExecuteDeleteAsync(cancellationToken);
        if (ended > 0)
        {
            await audit.RecordNowAsync("Session.Ended", $"Signed out {Common.Plural.Count(ended, "other session")}", "User", userId, cancellationToken: cancellationToken);
        }

        return ended;
    }

    /// <summary>An organiser signs one person out everywhere.</summary>
    public async Task<int> EndAllForUserAsync(string userId, string displayName, CancellationToken cancellationToken)
    {
        var ended = await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordNowAsync("User.SignedOutEverywhere", $"Signed {displayName} out everywhere ({Common.Plural.Count(ended, "session")} ended)", "User", userId, cancellationToken: cancellationToken);
        return ended;
    }

    /// <summary>An organiser signs everyone out, except the session they are using.</summary>
    public async Task<int> EndEveryoneElseAsync(string? keepSessionId, CancellationToken cancellationToken)
    {
        var ended = await db.UserSessions.Where(s => s.Id != keepSessionId).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordNowAsync("Sessions.AllEnded", $"Signed everyone else out ({Common.Plural.Count(ended, "session")} ended)", cancellationToken: cancellationToken);
        return ended;
    }

    public Task<int> CountActiveAsync(string userId, CancellationToken cancellationToken) =>
        Active(time.GetUtcNow().UtcDateTime).CountAsync(s => s.UserId == userId, cancellationToken);

    private IQueryable<UserSession> Active(DateTime now)
    {
        var oldestAllowed = now - options.Value.AbsoluteLifetime;
        return db.UserSessions.AsNoTracking().Where(s => (s.ExpiresUtc == null || s.ExpiresUtc >= now) && s.CreatedUtc > oldestAllowed);
    }
}
