namespace RoundtableManager.Core.Common.Tables;

/// <summary>
/// One typed value of a <see cref="ReportTable"/>: text, a number (with its decimal places), a proportion shown as a
/// percentage, a UK date, or an instant (stored UTC, shown in UK time). Strings and whole numbers convert implicitly, so a
/// row can be written as <c>[organisation.Name, invited, TableCell.Percent(rate)]</c>.
/// </summary>
public readonly record struct TableCell
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    private TableCell(CellKind kind, string? text, decimal number, int decimals, DateTime? time)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Decimals = decimals;
        Time = time;
    }

    public CellKind Kind { get; }

    /// <summary>The text of a text cell; null for an empty cell.</summary>
    public string? Text { get; }

    /// <summary>The number, or the proportion (0.5 for 50%).</summary>
    public decimal Number { get; }

    public int Decimals { get; }

    /// <summary>A date (midnight) or, for <see cref="CellKind.DateTime"/>, the instant in UTC.</summary>
    public DateTime? Time { get; }

    public bool IsEmpty => Kind == CellKind.Text ? Text is null : Kind is CellKind.Date or CellKind.DateTime ? Time is null : Decimals < 0;

    public static TableCell Empty { get; } = new(CellKind.Text, null, 0, 0, null);

    public static TableCell Of(string? text) => new(CellKind.Text, text, 0, 0, null);

    public static TableCell Of(int number) => new(CellKind.Number, null, number, 0, null);

    /// <summary>A number rounded to <paramref name="decimals"/> places, or empty when there is none (a median of nothing).</summary>
    public static TableCell Of(double? number, int decimals) => number is { } n
        ? new(CellKind.Number, null, Math.Round((decimal)n, decimals, MidpointRounding.AwayFromZero), decimals, null)
        : new(CellKind.Number, null, 0, -1, null);

    /// <summary>A proportion shown as a whole percentage (2 of 3 is 67%); empty when the whole is zero.</summary>
    public static TableCell Percent(int part, int whole) => whole == 0
        ? new(CellKind.Percent, null, 0, -1, null)
        : new(CellKind.Percent, null, Math.Round((decimal)part / whole, 2, MidpointRounding.AwayFromZero), 0, null);

    public static TableCell Of(DateOnly? date) => new(CellKind.Date, null, 0, 0, date?.ToDateTime(TimeOnly.MinValue));

    public static TableCell Instant(DateTime? utc) => new(CellKind.DateTime, null, 0, 0, utc);

    public static implicit operator TableCell(string? text) => Of(text);

    public static implicit operator TableCell(int number) => Of(number);

    /// <summary>As the page shows it: "1,234", "2.5", "67%", "3 February 2027", "3 February 2027 at 2:30pm".</summary>
    public string Display => IsEmpty ? "" : Kind switch
    {
        CellKind.Number => Number.ToString("N" + Decimals.ToString(CultureInfo.InvariantCulture), British),
        CellKind.Percent => (Number * 100).ToString("0", CultureInfo.InvariantCulture) + "%",
        CellKind.Date => Time!.Value.ToString("d MMMM yyyy", British),
        CellKind.DateTime => UkTime.Format(Time!.Value),
        _ => Text!,
    };

    /// <summary>As a CSV holds it: numbers without separators, dates as ISO 8601 (instants in UK time), text protected against formulas.</summary>
    public string? CsvValue => IsEmpty ? null : Kind switch
    {
        CellKind.Number => Number.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        CellKind.Percent => (Number * 100).ToString("0", CultureInfo.InvariantCulture) + "%",
        CellKind.Date => Time!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CellKind.DateTime => UkTime.ToUk(Time!.Value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => FormulaProtection.Protect(Text!),
    };

    public override string ToString() => Display;
}
