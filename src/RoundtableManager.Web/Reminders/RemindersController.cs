namespace RoundtableManager.Web.Reminders;

[Authorize(Policy = Policies.Staff)]
[Route("roundtables/{roundtableId:int}/reminders")]
public sealed class RemindersController(RoundtableQueries roundtables, ReminderService reminders, IOptions<RemindersOptions> options) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int roundtableId, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await PageAsync(roundtableId, null, cancellationToken));

    [Authorize(Policy = Policies.Organiser)]
    [HttpPost("")]
    public async Task<IActionResult> Index(int roundtableId, [Bind(Prefix = "Form")] RemindersForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var changes = form.Validate(reminders.Kinds, ModelState);
        if (changes is null)
        {
            var page = await PageAsync(roundtableId, form, cancellationToken);
            return this.ViewOrNotFound(page);
        }

        if (await roundtables.FindAsync(roundtableId, cancellationToken) is null)
        {
            return NotFound();
        }

        var result = await reminders.UpdateSettingsAsync(roundtableId, changes, cancellationToken);
        this.ShowResult(result, result.Status == CommandStatus.Unchanged ? "Reminder settings unchanged" : "Reminder settings saved");
        return RedirectToAction(nameof(Index), new { roundtableId });
    }

    private async Task<RemindersPage?> PageAsync(int roundtableId, RemindersForm? posted, CancellationToken cancellationToken)
    {
        var roundtable = await roundtables.FindAsync(roundtableId, cancellationToken);
        if (roundtable is null)
        {
            return null;
        }

        var overview = await reminders.OverviewAsync(roundtableId, cancellationToken);
        return new RemindersPage(roundtable.Id, roundtable.Title, roundtable.Status, overview, posted ?? RemindersForm.From(overview.Settings),
            User.IsInRole(Roles.Organiser), options.Value);
    }
}

public sealed record RemindersPage(int RoundtableId, string Title, RoundtableStatus Status, ReminderOverview Overview, RemindersForm Form, bool CanChange, RemindersOptions Options);

public sealed class RemindersForm
{
    public List<ReminderKindForm> Kinds { get; set; } = [];

    public static RemindersForm From(IEnumerable<ReminderKindSettings> settings) => new()
    {
        Kinds = [.. settings.Select(s => new ReminderKindForm { Code = s.Kind.Code, Enabled = s.Setting.Enabled, Days = s.Setting.OffsetText })],
    };

    /// <summary>The changes, or null with errors in ModelState. Unknown kinds are ignored.</summary>
    public IReadOnlyList<ReminderSettingChange>? Validate(IReadOnlyList<ReminderKind> kinds, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(modelState);
        var changes = new List<ReminderSettingChange>();
        for (var i = 0; i < Kinds.Count; i++)
        {
            var kind = kinds.SingleOrDefault(k => k.Code == Kinds[i].Code);
            if (kind is null)
            {
                continue;
            }

            if (TextRules.CheckSingleLine(Kinds[i].Days, char.ToUpperInvariant(kind.OffsetMeaning[0]) + kind.OffsetMeaning[1..]) is { } notOneLine)
            {
                modelState.AddModelError($"Form.Kinds[{i}].Days", notOneLine);
            }
            else if (ReminderOffsets.TryParse(Kinds[i].Days, out var days))
            {
                changes.Add(new(kind.Code, Kinds[i].Enabled, days));
            }
            else
            {
                modelState.AddModelError($"Form.Kinds[{i}].Days",
                    $"Enter the {kind.OffsetMeaning} as up to {ReminderKind.MaxOffsets} whole numbers from 1 to {ReminderKind.MaxOffsetDays}, like 7, 2");
            }
        }

        return modelState.IsValid ? changes : null;
    }
}

public sealed class ReminderKindForm
{
    public string Code { get; set; } = "";

    public bool Enabled { get; set; }

    public string? Days { get; set; }
}
