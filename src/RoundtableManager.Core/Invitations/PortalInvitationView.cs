namespace RoundtableManager.Core.Invitations;

/// <summary>What the portal shows about a roundtable beside an invitation: when, where, reply by, and how to join.</summary>
public sealed record PortalRoundtableDetails(
    DateTime StartsUtc, DateTime EndsUtc, string? VenueAddress, DateTime RsvpDeadlineUtc, string? OnlineJoiningDetails, string? Description, bool HasSeat)
{
    public static PortalRoundtableDetails From(AnswerView answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var r = answer.Roundtable;
        return new PortalRoundtableDetails(r.StartsUtc, r.EndsUtc, r.VenueAddress, r.RsvpDeadlineUtc, r.OnlineJoiningDetails, r.Description,
            answer.Category == ResponseCategories.Accepted);
    }
}

public sealed record PortalDelegateRow(string FullName, string Email, DelegateStatus Status);

/// <summary>
/// One invitation as its organisation's invitation page shows it: only the columns the page prints, read with two narrow
/// queries (the page is the one suppliers load most, see bench/README.md benchmark 1).
/// </summary>
public sealed record PortalInvitationView(
    int InvitationId, string OrganisationName, string Title, RoundtableStatus Status, PortalRoundtableDetails Details,
    InvitationResponse Response, DateTime? RespondedUtc, string? RespondedByName, bool RecordedByOrganiser, string? DeclineReason,
    IReadOnlyList<PortalDelegateRow> Delegates);
