namespace RoundtableManager.Web.Audit;

[Authorize(Policy = Policies.Organiser)]
public sealed class AuditController(AuditQueryService audit) : Controller
{
    [HttpGet("audit")]
    public async Task<IActionResult> Index(AuditSearchModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        DateOnly? from = null, to = null;
        if (!model.From.IsEmpty)
        {
            if (model.From.TryRead("From date", out var date, out var error))
            {
                from = date;
            }
            else
            {
                ModelState.AddModelError(nameof(AuditSearchModel.From), error!);
            }
        }

        if (!model.To.IsEmpty)
        {
            if (model.To.TryRead("To date", out var date, out var error))
            {
                to = date;
            }
            else
            {
                ModelState.AddModelError(nameof(AuditSearchModel.To), error!);
            }
        }

        if (from is { } f && to is { } t && t < f)
        {
            ModelState.AddModelError(nameof(AuditSearchModel.To), "To date must be the same as or after the from date");
            to = null;
        }

        model.Results = await audit.SearchAsync(new AuditFilter(model.Search, model.EventType, from, to, model.Page), cancellationToken);
        return View(model);
    }
}

public sealed class AuditSearchModel
{
    public string? Search { get; set; }

    /// <summary>The audit action code to show. Not named Action: MVC's route value of that name would win.</summary>
    public string? EventType { get; set; }

    public DateInput From { get; set; } = new();

    public DateInput To { get; set; } = new();

    public int Page { get; set; } = 1;

    public AuditPage? Results { get; set; }

    public IEnumerable<SelectListItem> ActionOptions =>
        new[] { new SelectListItem("Any action", "") }.Concat((Results?.Actions ?? []).Select(a => new SelectListItem(a, a)));

    public string QueryFor(int page) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["Search"] = Search, ["EventType"] = EventType,
            ["From.Day"] = From.Day, ["From.Month"] = From.Month, ["From.Year"] = From.Year,
            ["To.Day"] = To.Day, ["To.Month"] = To.Month, ["To.Year"] = To.Year,
            ["Page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
