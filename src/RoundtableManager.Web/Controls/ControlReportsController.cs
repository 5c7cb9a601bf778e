namespace RoundtableManager.Web.Controls;

/// <summary>The programme views of security controls: the heatmap (with its CSV download) and the trend.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("controls")]
public sealed class ControlReportsController(ControlReports reports, ControlQueries controls, ControlExportService export, TagQueries tags, TimeProvider time) : Controller
{
    [HttpGet("heatmap")]
    public async Task<IActionResult> Heatmap(HeatmapFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sets = await controls.SetsAsync(cancellationToken);
        var setId = filter.Set is { } chosen && sets.Any(s => s.Id == chosen) ? chosen : sets.OrderByDescending(s => s.Organisations).ThenBy(s => s.Id).First().Id;
        var heatmap = await reports.HeatmapAsync(filter.ToQuery(setId), cancellationToken);
        return View(new HeatmapPage(filter with { Set = setId }, heatmap!, sets, await tags.NamesAsync(cancellationToken)));
    }

    /// <summary>The heatmap's answers for every organisation matching the filter, as CSV or XLSX (heatmap.csv, heatmap.xlsx).</summary>
    [HttpGet("heatmap.{format}")]
    public async Task<IActionResult> Export(string format, HeatmapFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!TableDownload.IsFormat(format) || filter.Set is not { } setId || await controls.SetAsync(setId, cancellationToken) is not { } set)
        {
            return NotFound();
        }

        var table = await export.TableAsync(filter.ToQuery(setId) with { Page = 1 }, new ControlActor(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", User.DisplayName()), cancellationToken);
        var date = Core.Common.UkTime.ToUk(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var marked = set.Marking is { } marking ? "-" + marking.FileNamePart() : "";
        return TableDownload.File(table, format, $"security-controls-{date}{marked}")!;
    }

    [HttpGet("trend")]
    public async Task<IActionResult> Trend(int? set, int? control, CancellationToken cancellationToken)
    {
        var sets = await controls.SetsAsync(cancellationToken);
        var setId = set is { } chosen && sets.Any(s => s.Id == chosen) ? chosen : sets.OrderByDescending(s => s.Organisations).ThenBy(s => s.Id).First().Id;
        var trend = await reports.TrendAsync(setId, cancellationToken);
        return View(new TrendPage(trend!, sets, trend!.Controls.FirstOrDefault(c => c.ControlId == control)));
    }
}

/// <summary>The heatmap's query string: ?set=1&amp;tag=2&amp;type=ManagedServiceProvider&amp;organisation=3&amp;page=2.</summary>
public sealed record HeatmapFilter
{
    public int? Set { get; init; }

    public int? Tag { get; init; }

    public string? Type { get; init; }

    public int? Organisation { get; init; }

    public int Page { get; init; } = 1;

    public HeatmapQuery ToQuery(int setId) => new(setId, Tag, SupplierListModel.ParseType(Type), Organisation, Page);

    /// <summary>This filter as a query string, for links (another page, the download).</summary>
    public string QueryString(int? page = null)
    {
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"set={Set}") };
        if (Tag is { } tag)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"tag={tag}"));
        }

        if (SupplierListModel.ParseType(Type) is { } type)
        {
            parts.Add($"type={type}");
        }

        if (Organisation is { } organisation)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"organisation={organisation}"));
        }

        if (page is > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"page={page}"));
        }

        return "?" + string.Join("&", parts);
    }
}

public sealed record HeatmapPage(HeatmapFilter Filter, Heatmap Heatmap, IReadOnlyList<ControlSetSummary> Sets, IReadOnlyList<TagName> Tags);

public sealed record TrendPage(Trend Trend, IReadOnlyList<ControlSetSummary> Sets, ControlTrend? Control);
