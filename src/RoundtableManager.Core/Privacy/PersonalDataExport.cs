namespace RoundtableManager.Core.Privacy;

/// <summary>Everything the service holds about one email address: the subject access export (JSON and the HTML page).</summary>
public sealed record PersonalDataExport(
    string Email,
    DateTime GeneratedUtc,
    IReadOnlyList<ContactRecord> Contacts,
    IReadOnlyList<OrganisationRecord> Organisations,
    IReadOnlyList<InvitationReceivedRecord> InvitationsReceived,
    IReadOnlyList<ReplyRecord> Replies,
    IReadOnlyList<DelegateRecord> DelegateEntries,
    IReadOnlyList<FeedbackAnswerRecord> FeedbackAnswers,
    AccountRecord? Account,
    IReadOnlyList<AuditRecord> AuditEvents,
    IReadOnlyList<EmailRecord> EmailsSent)
{
    public bool IsEmpty =>
        Contacts.Count == 0 && InvitationsReceived.Count == 0 && DelegateEntries.Count == 0 && Account is null && EmailsSent.Count == 0;
}

public sealed record ContactRecord(int Id, int OrganisationId, string FullName, string Email, string? JobTitle, string? Phone, bool IsPrimary, DateTime CreatedUtc, DateTime UpdatedUtc, DateTime? ErasedUtc);

public sealed record OrganisationRecord(int Id, string Name);

public sealed record InvitationReceivedRecord(
    int RecipientId, int InvitationId, string Roundtable, DateTime RoundtableStartsUtc, string Organisation, string Name, string Email,
    DateTime IssuedUtc, DateTime? LinkOpenedUtc, DateTime? RevokedUtc, DateTime? ErasedUtc);

public sealed record ReplyRecord(int InvitationId, string Roundtable, string Organisation, string Response, DateTime? RespondedUtc, string? RespondedByName, bool GivenByThisPerson, string? DeclineReason);

public sealed record DelegateRecord(
    int Id, int InvitationId, string Roundtable, string Organisation, string FullName, string Email, string? JobTitle, string? AccessNeeds,
    string? DietaryRequirements, string Status, string TermsVersion, DateTime TermsAgreedUtc, DateTime? AttendedUtc, DateTime? NeedsErasedUtc, DateTime? ErasedUtc);

/// <summary>A feedback link sent to one of the person's delegate entries and, once given, their answer.</summary>
public sealed record FeedbackAnswerRecord(
    int Id, int DelegateEntryId, string Roundtable, DateTime LinkIssuedUtc, DateTime? AnsweredUtc, DateTime? AnswerChangedUtc, int? Usefulness,
    string? WhatShouldChange, string? TopicsForNextTime, DateTime? RevokedUtc);

public sealed record AccountRecord(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, int? OrganisationId, bool TwoFactorEnabled, DateTime CreatedUtc, DateTime? LastSignInUtc, DateTime? DisabledUtc);

public sealed record AuditRecord(long Id, DateTime OccurredUtc, string Action, string Summary, string ActorName);

public sealed record EmailRecord(long Id, string Kind, string Subject, string Status, DateTime CreatedUtc, DateTime? SentUtc);
