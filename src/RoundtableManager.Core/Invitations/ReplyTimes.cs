using System.Runtime.CompilerServices;

namespace RoundtableManager.Core.Invitations;

/// <summary>
/// Time to reply, defined once for a roundtable's responses page and the programme report: the days from an invitation
/// to its organisation's first answer (<see cref="Invitation.FirstRespondedUtc"/>; RespondedUtc moves with every later
/// change), over current (not revoked) invitations that have an answer. The database works out the median.
/// </summary>
internal static class ReplyTimes
{
    /// <summary>
    /// The median days to the first reply per group. <paramref name="groupKey"/> is an integer SQL expression over
    /// <c>i</c> (Invitations), <c>r</c> (Roundtables) and whatever <paramref name="join"/> adds; <paramref name="filter"/>
    /// narrows the invitations, with <c>{0}</c>-style placeholders for <paramref name="arguments"/>.
    /// </summary>
    public static Task<Dictionary<int, double>> MedianDaysAsync(
        AppDbContext db, string groupKey, string join, string filter, object[] arguments, CancellationToken cancellationToken)
    {
        var days = Medians.DaysBetween(db, "i.[CreatedUtc]", "COALESCE(i.[FirstRespondedUtc], i.[RespondedUtc])");
        var sql = $"SELECT {groupKey} AS GroupKey, {days} AS Days FROM [Invitations] AS i INNER JOIN [Roundtables] AS r ON r.[Id] = i.[RoundtableId] {join} "
            + $"WHERE i.[RevokedUtc] IS NULL AND i.[RespondedUtc] IS NOT NULL AND i.[Response] <> 0 AND {filter}";
        return Medians.ByGroupAsync(db, FormattableStringFactory.Create(sql, arguments), cancellationToken);
    }
}
