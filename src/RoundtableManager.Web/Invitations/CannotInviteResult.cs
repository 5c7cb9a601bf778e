namespace RoundtableManager.Web.Invitations;

internal static class CannotInviteResult
{
    /// <summary>The "cannot invite" page when <see cref="InvitationRules.CannotInviteReason"/> gives a reason; null when invitations may go out.</summary>
    public static ViewResult? CannotInvite(this Controller controller, Roundtable roundtable, TimeProvider time) =>
        InvitationRules.CannotInviteReason(roundtable, time.GetUtcNow().UtcDateTime) is { } reason
            ? controller.View("CannotInvite", new CannotInvitePage(roundtable, reason))
            : null;
}
