namespace RoundtableManager.Core.Invitations;

public static class InvitationRules
{
    /// <summary>Why no one can be invited to the roundtable now (its status, or a passed reply-by time), or null when they can.</summary>
    public static string? CannotInviteReason(Roundtable roundtable, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        return roundtable.Status != RoundtableStatus.OpenForResponses
            ? "Organisations can only be invited while the roundtable is open for responses. Change its status first."
            : nowUtc >= roundtable.RsvpDeadlineUtc
                ? $"The reply-by time ({UkTime.Format(roundtable.RsvpDeadlineUtc)}) has passed, so new invitation links would not work. Move the reply-by date first."
                : null;
    }
}
