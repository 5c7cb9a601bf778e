namespace RoundtableManager.Core.Invitations;

public sealed record DelegateInput(int? ContactId, string FullName, string Email, string? JobTitle, string? AccessNeeds, string? DietaryRequirements);

public sealed record RsvpAnswer(InvitationResponse Response, string? DeclineReason, IReadOnlyList<DelegateInput> Delegates);

/// <summary>Who is answering: a supplier account (with its email for the confirmation) or an organiser taking a phone call.</summary>
public sealed record Responder(string? UserId, string Name, string? Email, bool IsOrganiser);

/// <summary>After an answer: how many of the organisation's delegates have a seat and how many wait for one.</summary>
public sealed record SeatsTaken(int Confirmed, int Waitlisted);
