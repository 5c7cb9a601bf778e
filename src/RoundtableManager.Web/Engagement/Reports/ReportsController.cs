namespace RoundtableManager.Web.Engagement.Reports;

/// <summary>The programme report for organisers and staff: replies, attendance, follow-up actions and feedback across roundtables, and who has gone quiet.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("reports")]
public sealed class ReportsController(ProgrammeReportQueries reports) : Controller
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<string> Tables = ["by-type", "by-tag", "actions-by-category", "actions-by-owner", "not-engaged", "feedback"];

    [HttpGet("")]
    public async Task<IActionResult> Index(ProgrammeReportForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!form.Read(ModelState, reports.Today()))
        {
            return View(new ProgrammeReportPage(form, null, null, null, null));
        }

        var replies = await reports.RepliesAsync(form.Period!, cancellationToken);
        var actions = await reports.ActionsAsync(form.Period!, form.ActionsPage, PageSize, cancellationToken);
        var notEngaged = await reports.NotEngagedAsync(form.MonthsValue, form.EngagedPage, PageSize, cancellationToken);
        var feedback = await reports.FeedbackAsync(form.Period!, cancellationToken);
        return View(new ProgrammeReportPage(form, replies, actions, notEngaged, feedback));
    }

    /// <summary>One of the report's tables, whole (every owner, every organisation not engaged), as CSV or XLSX.</summary>
    [HttpGet("{table}.{format}")]
    public async Task<IActionResult> Download(string table, string format, ProgrammeReportForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!TableDownload.IsFormat(format) || !Tables.Contains(table))
        {
            return NotFound();
        }

        if (!form.Read(ModelState, reports.Today()))
        {
            return View(nameof(Index), new ProgrammeReportPage(form, null, null, null, null));
        }

        var period = form.Period!;
        ReportTable report = table switch
        {
            "by-type" => ProgrammeReportTables.ByType(await reports.RepliesAsync(period, cancellationToken)),
            "by-tag" => ProgrammeReportTables.ByTag(await reports.RepliesAsync(period, cancellationToken)),
            "actions-by-category" => ProgrammeReportTables.ActionsByCategory(await reports.ActionsAsync(period, 1, null, cancellationToken)),
            "actions-by-owner" => ProgrammeReportTables.ActionsByOrganisation(await reports.ActionsAsync(period, 1, null, cancellationToken)),
            "feedback" => ProgrammeReportTables.Feedback(await reports.FeedbackAsync(period, cancellationToken)),
            _ => ProgrammeReportTables.NotEngaged(await reports.NotEngagedAsync(form.MonthsValue, 1, null, cancellationToken)),
        };
        var stem = table == "not-engaged" ? $"organisations-not-engaged-{form.MonthsValue}-months" : $"programme-{table}-{period.FileStem()}";
        return TableDownload.File(report, format, stem)!;
    }
}

public sealed record ProgrammeReportPage(ProgrammeReportForm Form, ProgrammeReplies? Replies, ProgrammeActions? Actions, NotEngagedPage? NotEngaged, ProgrammeFeedback? Feedback);
