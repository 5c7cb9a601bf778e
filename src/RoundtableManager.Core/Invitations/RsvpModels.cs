using RoundtableManager.Core.Common;

namespace RoundtableManager.Core.Invitations;

public sealed record DelegateInput(int? ContactId, string FullName, string Email, string? JobTitle, string? AccessNeeds, string? DietaryRequirements);

public sealed record RsvpAnswer(InvitationResponse Response, string? DeclineReason, IReadOnlyList<DelegateInput> Delegates);

/// <summary>Who is answering: a supplier account (with its email for the confirmation) or an organiser taking a phone call.</summary>
public sealed record Responder(string? UserId, string Name, string? Email, bool IsOrganiser);

public enum RsvpOutcome
{
    Saved,
    NotFound,
    Closed,
    Invalid,
}

public sealed record RsvpResult(RsvpOutcome Outcome, int Confirmed = 0, int Waitlisted = 0, IReadOnlyList<FieldError>? Errors = null);
