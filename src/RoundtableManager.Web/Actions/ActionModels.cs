namespace RoundtableManager.Web.Actions;

/// <summary>The action form, kept as typed. Field names match <see cref="ActionInput"/>, so the service's errors land beside their fields.</summary>
public sealed class ActionForm
{
    public static readonly IReadOnlyList<SelectListItem> OwnerKindOptions =
    [
        new("A staff member", nameof(ActionOwnerKind.Staff)),
        new("A supplier organisation", nameof(ActionOwnerKind.Organisation)),
    ];

    public static readonly IReadOnlyList<SelectListItem> PriorityOptions =
        ActionNames.Priorities.Select(p => new SelectListItem(p.DisplayName(), p.ToString())).ToList();

    [BindNever]
    public int? Id { get; set; }

    public int Version { get; set; }

    public string? RoundtableId { get; set; }

    public string? AgendaItemId { get; set; }

    public string? DecisionId { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? OwnerKind { get; set; }

    public string? OwnerUserId { get; set; }

    public string? OwnerOrganisationId { get; set; }

    public string? OwnerContactId { get; set; }

    public string? StaffLeadUserId { get; set; }

    public DateInput DueDate { get; set; } = new();

    public string? Priority { get; set; } = nameof(ActionPriority.Medium);

    /// <summary>Posted by the "Show its contacts" button: show the chosen organisation's people, save nothing.</summary>
    public string? Show { get; set; }

    /// <summary>Choices for the page's selects; set by the controller, never bound.</summary>
    [ShownOnly]
    public ActionFormChoices Choices { get; set; } = null!;

    public static ActionForm From(ActionDetails action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new()
        {
            Id = action.Id,
            Version = action.Version,
            RoundtableId = Text(action.RoundtableId),
            AgendaItemId = Text(action.AgendaItemId),
            DecisionId = Text(action.DecisionId),
            Title = action.Title,
            Description = action.Description,
            OwnerKind = action.OwnerKind.ToString(),
            OwnerUserId = action.OwnerUserId,
            OwnerOrganisationId = Text(action.OwnerOrganisationId),
            OwnerContactId = Text(action.OwnerContactId),
            StaffLeadUserId = action.StaffLeadUserId,
            DueDate = DateInput.From(action.DueDate),
            Priority = action.Priority.ToString(),
        };
    }

    /// <summary>The input as the service takes it; a field that does not parse becomes "not chosen", which the service reports.</summary>
    public (ActionInput Input, FieldError? DueDateError) Parse()
    {
        var due = DueDate.TryRead("Due date", out var date, out var error) ? date : default;
        var input = new ActionInput(
            Number(RoundtableId) ?? 0,
            Number(AgendaItemId),
            Number(DecisionId),
            Title,
            Description,
            EnumValue<ActionOwnerKind>(OwnerKind),
            Clean(OwnerUserId),
            Number(OwnerOrganisationId),
            Number(OwnerContactId),
            Clean(StaffLeadUserId),
            due,
            EnumValue<ActionPriority>(Priority));
        return (input, error is null ? null : new FieldError(nameof(DueDate), error));
    }

    /// <summary>
    /// True when the form was posted to list the chosen organisation's contacts rather than to save. Choosing an
    /// organisation's people means an organisation owns the action, so that answer is filled in if it was not.
    /// </summary>
    public bool ShowingContacts()
    {
        if (Show != "contacts")
        {
            return false;
        }

        if (string.IsNullOrEmpty(OwnerKind))
        {
            OwnerKind = nameof(ActionOwnerKind.Organisation);
        }

        return true;
    }

    public static int? Number(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    public static T EnumValue<T>(string? value)
        where T : struct, Enum =>
        !int.TryParse(value, out _) && Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) ? parsed : (T)(object)(-1);

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record ActionFormChoices(
    IReadOnlyList<SelectListItem> Roundtables,
    ActionSource? Source,
    IReadOnlyList<SelectListItem> Decisions,
    IReadOnlyList<SelectListItem> Staff,
    IReadOnlyList<SelectListItem> Organisations,
    IReadOnlyList<SelectListItem> Contacts,
    bool OrganisationChosen);

/// <summary>The action page: the action and its forms (comment, status, confirm, return), kept as typed when one is refused.</summary>
public sealed class ActionPage : ActionFormPage
{
    public string? Comment { get; set; }

    public bool StaffOnly { get; set; }

    public string? Status { get; set; }

    public string? StatusComment { get; set; }

    public string? ConfirmComment { get; set; }

    public string? Reason { get; set; }

    [ShownOnly]
    public override string EvidenceAction => $"/actions/{Action.Id}/evidence";

    public IEnumerable<SelectListItem> StatusOptions() =>
        ActionRules.StaffStatuses.Where(s => s != Action.Status).Select(s => new SelectListItem(s.DisplayName(), s.ToString()));
}

/// <summary>The register's filters as they arrive in the address, and the address of the same list with one thing changed.</summary>
public sealed class ActionRegisterModel
{
    public const string ActiveStatus = "active";
    public const string AnyStatus = "all";

    [FromQuery(Name = "roundtable")]
    public string? Roundtable { get; set; }

    [FromQuery(Name = "owner")]
    public string? Owner { get; set; }

    [FromQuery(Name = "organisation")]
    public string? Organisation { get; set; }

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "overdue")]
    public bool Overdue { get; set; }

    [FromQuery(Name = "week")]
    public bool DueThisWeek { get; set; }

    [FromQuery(Name = "mine")]
    public bool Mine { get; set; }

    [FromQuery(Name = "page")]
    public int Page { get; set; } = 1;

    [ShownOnly]
    public ActionRegisterPage Result { get; set; } = null!;

    [BindNever]
    public IReadOnlyList<SelectListItem> RoundtableOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> OwnerOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> OrganisationOptions { get; set; } = [];

    public static IReadOnlyList<SelectListItem> StatusOptions { get; } =
        new[] { new SelectListItem("Not done or cancelled", ActiveStatus), new SelectListItem("Any status", AnyStatus) }
            .Concat(ActionNames.Statuses.Select(s => new SelectListItem(s.DisplayName(), s.ToString())))
            .ToList();

    public ActionQuery ToQuery(string? currentUserId)
    {
        var status = Status is null or ActiveStatus or AnyStatus ? (ActionStatus?)null : ActionForm.EnumValue<ActionStatus>(Status);
        if (status is { } s && !Enum.IsDefined(s))
        {
            status = null;
            Status = ActiveStatus;
        }

        return new ActionQuery
        {
            RoundtableId = ActionForm.Number(Roundtable),
            OwnerUserId = string.IsNullOrWhiteSpace(Owner) ? null : Owner,
            OrganisationId = ActionForm.Number(Organisation),
            Status = status,
            ActiveOnly = Status is null or ActiveStatus,
            Overdue = Overdue,
            DueThisWeek = DueThisWeek,
            MineUserId = Mine ? currentUserId : null,
            Page = Page,
        };
    }

    /// <summary>The filters in force, in words, for the printed register (the filter form is not printed).</summary>
    public string FiltersInWords()
    {
        static string Chosen(IReadOnlyList<SelectListItem> options, string? value) =>
            (options.FirstOrDefault(o => o.Value == (value ?? "")) ?? (options.Count > 0 ? options[0] : null))?.Text ?? "";

        var words = new List<string>
        {
            Chosen(RoundtableOptions, Roundtable), Chosen(OwnerOptions, Owner), Chosen(OrganisationOptions, Organisation),
            Chosen(StatusOptions, Status ?? ActiveStatus),
        };
        words.AddRange(new[] { (Overdue, "overdue only"), (DueThisWeek, "due this week"), (Mine, "mine only") }.Where(f => f.Item1).Select(f => f.Item2));
        return string.Join("; ", words.Where(w => w.Length > 0));
    }

    /// <summary>This list's address (or the export's) with the same filters, optionally on another page or with a count's filter.</summary>
    public string Url(string path = "/actions", int? page = null, bool? overdue = null, bool? week = null, string? status = null)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("roundtable", Roundtable);
        Add("owner", Owner);
        Add("organisation", Organisation);
        Add("status", status ?? Status);
        Add("overdue", overdue ?? Overdue ? "true" : null);
        Add("week", week ?? DueThisWeek ? "true" : null);
        Add("mine", Mine ? "true" : null);
        Add("page", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null);
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }
}

/// <summary>The progress picture of one roundtable's actions.</summary>
public sealed record ActionProgressPage(int RoundtableId, string RoundtableTitle, IReadOnlyList<ActionProgressPoint> Points);

/// <summary>A page with the evidence form (_ActionEvidenceForm): what it posts and where. Actions and control answers use it.</summary>
public interface IEvidenceForm
{
    string? EvidenceTitle { get; }

    string? EvidenceUrl { get; }

    IFormFile? EvidenceFile { get; }

    /// <summary>Where the evidence form posts.</summary>
    string EvidenceAction { get; }

    string MaxEvidenceSize { get; }
}

/// <summary>What the staff and the portal action pages share: the action, today, and the evidence form (_ActionEvidenceForm).</summary>
public abstract class ActionFormPage : IEvidenceForm
{
    [ShownOnly]
    public ActionDetails Action { get; set; } = null!;

    [BindNever]
    public DateOnly Today { get; set; }

    public string? EvidenceTitle { get; set; }

    public string? EvidenceUrl { get; set; }

    public IFormFile? EvidenceFile { get; set; }

    /// <summary>Where the evidence form posts.</summary>
    [ShownOnly]
    public abstract string EvidenceAction { get; }

    [BindNever]
    public string MaxEvidenceSize { get; set; } = "";

    public bool IsOverdue() => Action.Status.IsActive() && Action.DueDate < Today;
}

/// <summary>The evidence list of an action; files link to <see cref="DownloadPath"/>/{evidence id}.</summary>
public sealed record ActionEvidenceList(IReadOnlyList<ActionEvidenceView> Items, string DownloadPath);

/// <summary>Helpers shared by the staff and portal action pages.</summary>
public static class ActionPageResults
{
    /// <summary>
    /// The file posted with an evidence form, for the service to check (the framework disposes of the request's streams).
    /// A part that fails to bind (text where a file should be) counts as no file, so the binder's errors are cleared: the
    /// service says what is wrong.
    /// </summary>
    public static EvidenceUpload? PostedEvidence(this Controller controller, IEvidenceForm form)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(form);
        controller.ModelState.Clear();
        return form.EvidenceFile is { } file ? new(file.FileName, file.Length, file.OpenReadStream()) : null;
    }

    /// <summary>
    /// The action's page, staff or portal (a posted <paramref name="page"/> keeps what was typed in its forms): 404 when
    /// there is no such action, or none this person may see.
    /// </summary>
    public static IActionResult ActionPageView(this Controller controller, ActionFormPage page, ActionDetails? action, ActionQueries actions, ActionEvidenceService evidence)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(evidence);
        if (action is null)
        {
            return controller.NotFound();
        }

        page.Action = action;
        page.Today = actions.Today();
        page.MaxEvidenceSize = evidence.MaxSizeText;
        return controller.View("Show", page);
    }

    /// <summary>
    /// What a change to an action from its page leads to: a 404, the page again with a success banner, or null after
    /// putting the errors in ModelState (a comment's error beside <paramref name="commentField"/>) so the caller shows the page again.
    /// </summary>
    public static IActionResult? Outcome(this Controller controller, CommandResult<int> result, string commentField, string success, string conflictMessage)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Status)
        {
            case CommandStatus.NotFound:
                return controller.NotFound();
            case CommandStatus.NotAllowed:
                controller.ModelState.AddModelError(commentField, "The action's status has changed since you opened this page. Check it below");
                return null;
            case CommandStatus.Conflict:
                controller.ModelState.AddModelError(commentField, conflictMessage);
                return null;
        }

        // A comment's error goes beside the comment box of the form that was posted.
        var errors = result.Errors.Select(e => e.Field == "Comment" ? e with { Field = commentField } : e);
        if (!controller.ShowResult(result with { Errors = errors.ToList() }, result.Status == CommandStatus.Unchanged ? "Nothing was changed" : success))
        {
            return null;
        }

        return controller.RedirectToAction("Show", new { id = result.Value });
    }

    /// <summary>An evidence file as an attachment: only PDFs and images keep their type, and nothing is sniffed; 404 when there is none.</summary>
    public static IActionResult EvidenceFile(this ControllerBase controller, EvidenceDownload? file)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (file is null)
        {
            return controller.NotFound();
        }

        controller.Response.Headers.XContentTypeOptions = "nosniff";
        return controller.File(file.Content, EvidenceFileTypes.IsSafeToShow(file.ContentType) ? file.ContentType : "application/octet-stream", file.FileName);
    }
}
