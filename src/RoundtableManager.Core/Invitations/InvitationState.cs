namespace RoundtableManager.Core.Invitations;

public enum InvitationState
{
    NotSent,
    Queued,
    Sent,
    Failed,
    LinkOpened,
    Responded,
    Revoked,
}

public sealed record RecipientView(
    int Id,
    int? ContactId,
    string Name,
    string Email,
    InvitationState State,
    string? FailureReason,
    DateTime TokenIssuedUtc,
    DateTime? LinkOpenedUtc);

public sealed record InvitationView(
    int Id,
    int RoundtableId,
    int OrganisationId,
    string OrganisationName,
    InvitationResponse Response,
    DateTime? RespondedUtc,
    DateTime? RevokedUtc,
    IReadOnlyList<RecipientView> Recipients)
{
    /// <summary>The furthest any current recipient has got: one delivered email is enough for the organisation to know.</summary>
    public InvitationState State =>
        RevokedUtc is not null ? InvitationState.Revoked
        : Response != InvitationResponse.None ? InvitationState.Responded
        : Recipients.Where(r => r.State != InvitationState.Revoked).Select(r => r.State).DefaultIfEmpty(InvitationState.NotSent).MaxBy(Rank);

    public static InvitationState Derive(bool revoked, InvitationResponse response, DateTime? linkOpenedUtc, OutboxStatus? latestEmail) =>
        revoked ? InvitationState.Revoked
        : response != InvitationResponse.None ? InvitationState.Responded
        : latestEmail == OutboxStatus.Failed ? InvitationState.Failed
        : linkOpenedUtc is not null ? InvitationState.LinkOpened
        : latestEmail switch
        {
            OutboxStatus.Queued or OutboxStatus.Sending => InvitationState.Queued,
            OutboxStatus.Sent => InvitationState.Sent,
            _ => InvitationState.NotSent,
        };

    private static int Rank(InvitationState state) => state switch
    {
        InvitationState.LinkOpened => 4,
        InvitationState.Sent => 3,
        InvitationState.Queued => 2,
        InvitationState.Failed => 1,
        _ => 0,
    };
}

public static class InvitationStateNames
{
    public static string DisplayName(this InvitationState state) => state switch
    {
        InvitationState.NotSent => "Not sent",
        InvitationState.Queued => "Queued",
        InvitationState.Sent => "Sent",
        InvitationState.Failed => "Failed",
        InvitationState.LinkOpened => "Link opened",
        InvitationState.Responded => "Responded",
        _ => "Revoked",
    };

    public static string DisplayName(this InvitationResponse response) => response switch
    {
        InvitationResponse.Accepted => "Accepted",
        InvitationResponse.Declined => "Declined",
        _ => "No reply yet",
    };
}
