namespace RoundtableManager.Web.Emails;

/// <summary>The email log: every outbox message, its state and why it failed; organisers may retry failures.</summary>
[Authorize(Policy = Policies.Organiser)]
public sealed class EmailsController(EmailLogService emails) : Controller
{
    [HttpGet("emails")]
    public async Task<IActionResult> Index(string? roundtable, string? kind, string? status, int page, CancellationToken cancellationToken)
    {
        var filter = new EmailLogFilter(
            int.TryParse(roundtable, NumberStyles.None, CultureInfo.InvariantCulture, out var roundtableId) ? roundtableId : null,
            string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(),
            Enum.TryParse<OutboxStatus>(status, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _) ? parsed : null);
        var results = await emails.ListAsync(filter, page, cancellationToken);
        var choices = await emails.GetChoicesAsync(filter.RoundtableId, cancellationToken);
        return View(new EmailsIndexModel(filter, results, choices));
    }

    [HttpGet("emails/{id:long}")]
    public async Task<IActionResult> Show(long id, CancellationToken cancellationToken) =>
        this.ViewOrNotFound(await emails.GetAsync(id, cancellationToken));

    [HttpPost("emails/{id:long}/retry")]
    public async Task<IActionResult> Retry(long id, CancellationToken cancellationToken)
    {
        // A refusal needs no words here: the page shows why an email cannot be sent again.
        this.ShowResult(await emails.RetryAsync(id, cancellationToken), "The email has been queued to be sent again");
        return RedirectToAction(nameof(Show), new { id });
    }
}

public sealed class EmailsIndexModel(EmailLogFilter filter, EmailLogPage results, EmailLogChoices choices)
{
    public EmailLogPage Results { get; } = results;

    public EmailLogFilter Filter { get; } = filter;

    public string? Roundtable { get; } = filter.RoundtableId?.ToString(CultureInfo.InvariantCulture);

    public string? Kind { get; } = filter.Kind;

    public string? Status { get; } = filter.Status?.ToString();

    public bool IsFiltered => Filter != new EmailLogFilter();

    public IReadOnlyList<SelectListItem> RoundtableItems { get; } =
        [new("All roundtables", ""), .. choices.Roundtables.Select(r => new SelectListItem(r.Title, r.Id.ToString(CultureInfo.InvariantCulture)))];

    public IReadOnlyList<SelectListItem> KindItems { get; } =
        [new("All kinds", ""), .. choices.Kinds.Select(k => new SelectListItem(EmailStatusText.Kind(k), k))];

    public IReadOnlyList<SelectListItem> StatusItems { get; } =
        [new("All statuses", ""), .. Enum.GetValues<OutboxStatus>().Select(s => new SelectListItem(EmailStatusText.Status(s), s.ToString()))];

    public Pagination Pagination => new(Results.Page, Results.PageCount, p =>
    {
        var query = new List<string>();
        if (Roundtable is not null)
        {
            query.Add("roundtable=" + Roundtable);
        }

        if (Kind is not null)
        {
            query.Add("kind=" + Uri.EscapeDataString(Kind));
        }

        if (Status is not null)
        {
            query.Add("status=" + Status);
        }

        query.Add("page=" + p.ToString(CultureInfo.InvariantCulture));
        return "/emails?" + string.Join('&', query);
    });
}

public static class EmailStatusText
{
    public static string Status(OutboxStatus status) => GovUkTagTagHelper.Describe(status).Text;

    public static string Outcome(OutboxAttemptOutcome outcome) => outcome switch
    {
        OutboxAttemptOutcome.Delivered => "Delivered",
        OutboxAttemptOutcome.WillRetry => "Not delivered: to be tried again",
        _ => "Not delivered: no more tries",
    };

    /// <summary>"RsvpChaser" reads as "Rsvp chaser".</summary>
    public static string Kind(string kind) =>
        string.IsNullOrEmpty(kind) ? kind : kind[0] + string.Concat(kind[1..].Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
