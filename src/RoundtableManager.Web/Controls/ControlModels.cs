using Microsoft.AspNetCore.Http;

namespace RoundtableManager.Web.Controls;

public sealed class ControlSetForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Source { get; set; }

    public string? Marking { get; set; }

    public static IReadOnlyList<SelectListItem> MarkingOptions { get; } =
        AgendaNames.Markings.Select(m => new SelectListItem($"{m.Label()}: {m.Meaning()}", m.ToString()))
            .Prepend(new SelectListItem("No marking", "")).ToList();

    public ControlSetInput ToInput() => new(Name, Description, Source, Enum.TryParse<TlpMarking>(Marking, out var m) && Enum.IsDefined(m) ? m : null);
}

public sealed class ControlForm
{
    [ShownOnly]
    public ControlSetDetails Set { get; set; } = null!;

    public string? Code { get; set; }

    public string? Title { get; set; }

    public string? Guidance { get; set; }

    public string? Source { get; set; }

    public ControlInput ToInput() => new(Code, Title, Guidance, Source);
}

/// <summary>The adoption form: for a roundtable's organisations, chosen organisations, or a tag's.</summary>
public sealed class AdoptForm
{
    public const string ForRoundtable = "roundtable";
    public const string ForOrganisations = "organisations";
    public const string ForTag = "tag";

    [ShownOnly]
    public ControlSetDetails Set { get; set; } = null!;

    public string? Target { get; set; }

    public int? RoundtableId { get; set; }

    /// <summary>"accepted" for organisations that accepted only, otherwise every organisation invited and not declined.</summary>
    public string? Which { get; set; }

    public List<int> OrganisationIds { get; set; } = [];

    public int? TagId { get; set; }

    [ShownOnly]
    public IReadOnlyList<SelectListItem> Roundtables { get; set; } = [];

    [ShownOnly]
    public IReadOnlyList<Infrastructure.TagHelpers.CheckboxItem> Organisations { get; set; } = [];

    [ShownOnly]
    public IReadOnlyList<SelectListItem> Tags { get; set; } = [];

    public static IReadOnlyList<SelectListItem> WhichOptions { get; } =
    [
        new("Every organisation invited that has not declined", "invited"),
        new("Only organisations that accepted", "accepted"),
    ];

    /// <summary>The target as Core takes it, or the field error when no kind of target was chosen.</summary>
    public (AdoptionTarget? Target, FieldError? Error) Parse() => Target switch
    {
        ForRoundtable => RoundtableId is null ? (null, new FieldError(nameof(RoundtableId), "Select a roundtable")) : (new AdoptionTarget(RoundtableId, Which == "accepted"), null),
        ForOrganisations => (new AdoptionTarget(OrganisationIds: OrganisationIds), null),
        ForTag => TagId is null ? (null, new FieldError(nameof(TagId), "Select a tag")) : (new AdoptionTarget(TagId: TagId), null),
        _ => (null, new FieldError(nameof(Target), "Select who should assess themselves against the set")),
    };

    public static string Banner(AdoptionOutcome outcome) =>
        outcome.Adopted == 0
            ? $"Nothing changed: every organisation chosen ({Plural.Count(outcome.AlreadyAdopted, "organisation")}) already had this set"
            : $"{Plural.Count(outcome.Adopted, "organisation")} asked to assess themselves" + (outcome.AlreadyAdopted == 0 ? "" : $"; {outcome.AlreadyAdopted} already had this set");
}

/// <summary>A supplier's answer page: the answer form and the evidence form, kept as typed when one is refused.</summary>
public sealed class PortalAnswerPage : IEvidenceForm
{
    [ShownOnly]
    public AnswerDetails Answer { get; set; } = null!;

    public string? Status { get; set; }

    public string? NotApplicableReason { get; set; }

    public DateInput TargetDate { get; set; } = new();

    public string? Comment { get; set; }

    public int Version { get; set; }

    public string? EvidenceTitle { get; set; }

    public string? EvidenceUrl { get; set; }

    public IFormFile? EvidenceFile { get; set; }

    [ShownOnly]
    public string EvidenceAction => $"/portal/controls/{Answer.AnswerId}/evidence";

    [BindNever]
    public string MaxEvidenceSize { get; set; } = "";

    [ShownOnly]
    public ActionEvidenceList EvidenceList => new(Answer.Evidence, $"/portal/controls/{Answer.AnswerId}/files");

    public static IReadOnlyList<SelectListItem> StatusOptions { get; } =
        ControlNames.Statuses.Select(s => new SelectListItem(s.DisplayName(), s.ToString())).ToList();

    /// <summary>The form as the answer stands (for a first visit).</summary>
    public static PortalAnswerPage From(AnswerDetails answer) => new()
    {
        Status = answer.AnsweredUtc is null ? null : answer.Status.ToString(),
        NotApplicableReason = answer.NotApplicableReason,
        TargetDate = answer.TargetDate is { } d ? DateInput.From(d) : new DateInput(),
        Comment = answer.Comment,
        Version = answer.Version,
    };

    /// <summary>The input for Core, and the target date's own error when what was typed is not a date.</summary>
    public (ControlAnswerInput Input, FieldError? DateError) Parse()
    {
        ControlStatus? status = Enum.TryParse<ControlStatus>(Status, out var s) && Enum.IsDefined(s) ? s : null;
        DateOnly? target = null;
        FieldError? error = null;
        if (status?.NeedsTargetDate() == true && !TargetDate.IsEmpty)
        {
            if (TargetDate.TryRead("Target date", out var date, out var message))
            {
                target = date;
            }
            else
            {
                error = new FieldError(nameof(TargetDate), message!);
            }
        }

        return (new ControlAnswerInput(status, NotApplicableReason, target, Comment, Version), error);
    }
}

/// <summary>The staff answer page: verify, or return with a reason.</summary>
public sealed class StaffAnswerPage
{
    [ShownOnly]
    public AnswerDetails Answer { get; set; } = null!;

    public int Version { get; set; }

    public string? ReturnReason { get; set; }

    [ShownOnly]
    public ActionEvidenceList EvidenceList => new(Answer.Evidence, $"/controls/answers/{Answer.AnswerId}/files");
}

/// <summary>The page linking a follow-up action to controls.</summary>
public sealed class ActionControlsPage
{
    [BindNever]
    public int ActionId { get; set; }

    [ShownOnly]
    public string ActionTitle { get; set; } = "";

    [ShownOnly]
    public IReadOnlyList<ActionControlRow> Linked { get; set; } = [];

    [ShownOnly]
    public IReadOnlyList<SelectListItem> Choices { get; set; } = [];

    public int? ControlId { get; set; }
}

/// <summary>The controls section of a follow-up action's page, and the notice once the action is done.</summary>
public sealed record ActionControlsSection(int ActionId, bool Done, bool CanChange, IReadOnlyList<ActionControlRow> Controls);

/// <summary>How a heatmap cell shows an answer: short text, the full words, and a pattern (never colour alone).</summary>
public static class HeatmapCells
{
    /// <summary>The key, in the order the legend shows it: (css modifier, short text, meaning).</summary>
    public static IReadOnlyList<(string Modifier, string Short, string Meaning)> Key { get; } =
    [
        ("verified", "✓ In place", "In place and verified by staff"),
        ("in-place", "In place", "In place, not verified yet"),
        ("partly", "Partly", "Partly in place"),
        ("not-started", "Not started", "Not started"),
        ("not-applicable", "N/A", "Not applicable"),
        ("not-answered", "–", "Not answered yet"),
    ];

    public static (string Modifier, string Short, string Full) Describe(HeatmapCell? cell)
    {
        if (cell is null)
        {
            return ("none", "", "Not asked");
        }

        var (modifier, text) = !cell.Answered ? ("not-answered", "–")
            : cell.Status switch
            {
                ControlStatus.InPlace when cell.Verification == ControlVerification.Verified => ("verified", "✓ In place"),
                ControlStatus.InPlace => ("in-place", "In place"),
                ControlStatus.PartlyInPlace => ("partly", "Partly"),
                ControlStatus.NotApplicable => ("not-applicable", "N/A"),
                _ => ("not-started", "Not started"),
            };
        var full = !cell.Answered ? "Not answered yet" : $"{cell.Status.DisplayName()}, {cell.Verification.DisplayName().ToLowerInvariant()}";
        return cell.Verification == ControlVerification.Returned ? (modifier + " rtm-heat--returned", text + " ↩", full) : (modifier, text, full);
    }
}
