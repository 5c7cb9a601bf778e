using System.Linq.Expressions;

namespace RoundtableManager.Core.Invitations;

/// <summary>
/// When a personal invitation link works: neither the recipient nor the invitation is revoked, the roundtable is not
/// cancelled, and its reply-by time has not passed. Opening a link, continuing to the account page and sending fresh
/// links all ask this one rule.
/// </summary>
public static class InvitationLinkRule
{
    public static Expression<Func<InvitationRecipient, bool>> UsableAt(DateTime nowUtc) =>
        r => r.RevokedUtc == null && r.Invitation.RevokedUtc == null
            && r.Invitation.Roundtable.Status != RoundtableStatus.Cancelled && r.Invitation.Roundtable.RsvpDeadlineUtc >= nowUtc;
}
