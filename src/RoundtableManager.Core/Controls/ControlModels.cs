namespace RoundtableManager.Core.Controls;

public sealed record ControlSetSummary(int Id, string Name, string Source, TlpMarking? Marking, bool ReadOnly, int Controls, int Retired, int Organisations);

public sealed record ControlRow(int Id, string Code, string Title, string? Guidance, string Source, string? Objective, DateTime? RetiredUtc, string? RetiredByName)
{
    public string Display => $"{Code} {Title}";
}

public sealed record ControlSetDetails(
    int Id, string Name, string? Description, string Source, TlpMarking? Marking, bool ReadOnly, string CreatedByName, DateTime CreatedUtc,
    IReadOnlyList<ControlRow> Controls, int Organisations);

/// <summary>One answer as a table row shows it.</summary>
public sealed record AnswerRow(
    int AnswerId, int ControlId, string Code, string Title, string? Objective, bool Retired, ControlStatus Status, ControlVerification Verification,
    DateOnly? TargetDate, DateTime? AnsweredUtc, string? ReturnReason, int Changes)
{
    public bool Answered => AnsweredUtc is not null;
}

/// <summary>A set adopted for an organisation, with its answers.</summary>
public sealed record AdoptedSet(int SetId, string Name, TlpMarking? Marking, string? Roundtable, DateTime AdoptedUtc, IReadOnlyList<AnswerRow> Answers);

public sealed record OrganisationControls(int OrganisationId, string Name, IReadOnlyList<AdoptedSet> Sets);

public sealed record AnswerHistoryRow(ControlEntryKind Kind, ControlStatus Status, ControlVerification Verification, DateOnly? TargetDate, string? Text, string ByName, bool BySupplier, DateTime AtUtc);

public sealed record LinkedAction(int Id, string Title, ActionStatus Status);

public sealed record AnswerDetails(
    int AnswerId, int OrganisationId, string OrganisationName, int SetId, string SetName, TlpMarking? Marking, ControlRow Control,
    ControlStatus Status, string? NotApplicableReason, DateOnly? TargetDate, string? Comment, ControlVerification Verification, string? ReturnReason,
    string? VerifiedByName, DateTime? VerifiedUtc, DateTime? AnsweredUtc, string? AnsweredByName, int Version,
    IReadOnlyList<AnswerHistoryRow> History, IReadOnlyList<ActionEvidenceView> Evidence, IReadOnlyList<LinkedAction> Actions)
{
    public bool Retired => Control.RetiredUtc is not null;

    public bool CanVerify => !Retired && Status == ControlStatus.InPlace && Verification != ControlVerification.Verified;

    public bool CanReturn => !Retired && AnsweredUtc is not null;
}

public sealed record ControlChoice(int Id, string Set, string Display);

/// <summary>A control a follow-up action addresses, with where the action's organisation stands on it (when it owns the action).</summary>
public sealed record ActionControlRow(int ControlId, string Set, string Display, bool Retired, int? AnswerId, ControlStatus? Status, ControlVerification? Verification);
