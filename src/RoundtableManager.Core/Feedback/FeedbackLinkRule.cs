using System.Linq.Expressions;

namespace RoundtableManager.Core.Feedback;

/// <summary>
/// When a feedback link works: it is not revoked, the roundtable is marked held and its feedback has not closed, and
/// the delegate is still checked in and not erased. Opening the link, showing the form and saving an answer all ask
/// this one rule, so a link that fails any part of it gets the same "not valid" page.
/// </summary>
public static class FeedbackLinkRule
{
    public static Expression<Func<FeedbackRequest, bool>> UsableAt(DateTime nowUtc) =>
        f => f.RevokedUtc == null
            && f.Roundtable.Status == RoundtableStatus.Held && f.Roundtable.FeedbackClosesUtc > nowUtc
            && f.Delegate.AttendedUtc != null && f.Delegate.ErasedUtc == null;
}
