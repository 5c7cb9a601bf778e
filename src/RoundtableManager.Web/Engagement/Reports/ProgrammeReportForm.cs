namespace RoundtableManager.Web.Engagement.Reports;

/// <summary>The report's choices as typed into its GET form: the period (two GOV.UK date inputs) and the months for "not engaged".</summary>
public sealed class ProgrammeReportForm
{
    public const int DefaultMonths = 12;

    public DateInput From { get; set; } = new();

    public DateInput To { get; set; } = new();

    public string? Months { get; set; }

    public int ActionsPage { get; set; } = 1;

    public int EngagedPage { get; set; } = 1;

    public ReportPeriod? Period { get; private set; }

    public int MonthsValue { get; private set; } = DefaultMonths;

    /// <summary>
    /// Reads the choices, adding GOV.UK error messages for what cannot be read. Both dates left empty mean the default
    /// period, which is then shown in the inputs.
    /// </summary>
    public bool Read(ModelStateDictionary modelState, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (From.IsEmpty && To.IsEmpty)
        {
            Period = ReportPeriod.Default(today);
            From = DateInput.From(Period.From);
            To = DateInput.From(Period.To);
        }
        else
        {
            var fromRead = From.TryRead("From date", out var from, out var fromError);
            var toRead = To.TryRead("To date", out var to, out var toError);
            if (!fromRead)
            {
                modelState.AddModelError(nameof(From), fromError!);
            }

            if (!toRead)
            {
                modelState.AddModelError(nameof(To), toError!);
            }
            else if (fromRead && ReportPeriod.Problem(from, to) is { } problem)
            {
                modelState.AddModelError(nameof(To), problem);
            }

            Period = modelState.IsValid ? new ReportPeriod(from, to) : null;
        }

        if (!string.IsNullOrWhiteSpace(Months))
        {
            if (int.TryParse(Months.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months is >= 1 and <= ProgrammeReportQueries.MaxMonths)
            {
                MonthsValue = months;
            }
            else
            {
                modelState.AddModelError(nameof(Months), $"Months must be a whole number from 1 to {ProgrammeReportQueries.MaxMonths}");
                return false;
            }
        }

        Months = MonthsValue.ToString(CultureInfo.InvariantCulture);
        return modelState.IsValid;
    }

    /// <summary>The query string of these choices (after a successful <see cref="Read"/>), for downloads and page links.</summary>
    public string Query(int? actionsPage = null, int? engagedPage = null)
    {
        var period = Period ?? throw new InvalidOperationException("Read the form first");
        var parts = new List<string>
        {
            Part("From.Day", period.From.Day), Part("From.Month", period.From.Month), Part("From.Year", period.From.Year),
            Part("To.Day", period.To.Day), Part("To.Month", period.To.Month), Part("To.Year", period.To.Year),
            Part("Months", MonthsValue),
        };
        if (actionsPage is > 1)
        {
            parts.Add(Part("ActionsPage", actionsPage.Value));
        }

        if (engagedPage is > 1)
        {
            parts.Add(Part("EngagedPage", engagedPage.Value));
        }

        return "?" + string.Join("&", parts);
    }

    private static string Part(string name, int value) => name + "=" + value.ToString(CultureInfo.InvariantCulture);
}
