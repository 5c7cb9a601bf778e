namespace RoundtableManager.Web.Roundtables;

/// <summary>The roundtable form, kept as typed so a mistake is shown back exactly as entered.</summary>
public sealed class RoundtableForm
{
    public static readonly IReadOnlyList<SelectListItem> StatusOptions =
    [
        new("Draft: not ready to invite anyone", nameof(RoundtableStatus.Draft)),
        new("Open for responses", nameof(RoundtableStatus.OpenForResponses)),
        new("Closed for responses", nameof(RoundtableStatus.Closed)),
        new("Held", nameof(RoundtableStatus.Held)),
    ];

    public string? Title { get; set; }

    public string? Description { get; set; }

    public DateInput Date { get; set; } = new();

    public string? StartTime { get; set; }

    public string? EndTime { get; set; }

    public string? VenueAddress { get; set; }

    public string? OnlineJoiningDetails { get; set; }

    public string? Capacity { get; set; }

    public string? DelegatesPerOrganisation { get; set; } = "2";

    public DateInput RsvpDeadlineDate { get; set; } = new();

    public string? RsvpDeadlineTime { get; set; }

    public string? Status { get; set; } = nameof(RoundtableStatus.Draft);

    public static RoundtableForm From(Roundtable roundtable)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        return new()
        {
            Title = roundtable.Title,
            Description = roundtable.Description,
            Date = DateInput.From(DateOnly.FromDateTime(UkTime.ToUk(roundtable.StartsUtc))),
            StartTime = UkTime.FormatTime(roundtable.StartsUtc),
            EndTime = UkTime.FormatTime(roundtable.EndsUtc),
            VenueAddress = roundtable.VenueAddress,
            OnlineJoiningDetails = roundtable.OnlineJoiningDetails,
            Capacity = roundtable.Capacity.ToString(CultureInfo.InvariantCulture),
            DelegatesPerOrganisation = roundtable.DelegatesPerOrganisation.ToString(CultureInfo.InvariantCulture),
            RsvpDeadlineDate = DateInput.From(DateOnly.FromDateTime(UkTime.ToUk(roundtable.RsvpDeadlineUtc))),
            RsvpDeadlineTime = UkTime.FormatTime(roundtable.RsvpDeadlineUtc),
            Status = roundtable.Status.ToString(),
        };
    }

    /// <summary>A follow-up's form: the previous roundtable's details and times, "(follow-up)" after the title, new dates to enter, a draft.</summary>
    public static RoundtableForm FollowUpOf(Roundtable previous)
    {
        var form = From(previous);
        form.Title = previous.Title + FollowUpService.TitleSuffix;
        form.Date = new();
        form.RsvpDeadlineDate = new();
        form.Status = nameof(RoundtableStatus.Draft);
        return form;
    }

    /// <summary>
    /// Reads what was typed, adding a GOV.UK error message to <paramref name="errors"/> for anything missing or not
    /// understood; returns the details only if everything was read (Core's <see cref="RoundtableRules"/> then decide).
    /// When something was not read, the rules are checked on what was, so every problem shows at once.
    /// </summary>
    public RoundtableDetails? Parse(ModelStateDictionary errors)
    {
        ArgumentNullException.ThrowIfNull(errors);

        var date = Date.Read(errors, nameof(Date), "Date");
        var start = TimeInput.Read(errors, nameof(StartTime), StartTime, "Start time");
        var end = TimeInput.Read(errors, nameof(EndTime), EndTime, "End time");
        var capacity = WholeNumber(errors, nameof(Capacity), Capacity, "number of seats", "Number of seats", "40");
        var delegates = WholeNumber(errors, nameof(DelegatesPerOrganisation), DelegatesPerOrganisation, "number of delegates per organisation", "Delegates per organisation", "2");
        var deadlineDate = RsvpDeadlineDate.Read(errors, nameof(RsvpDeadlineDate), "Reply-by date");
        var deadlineTime = TimeInput.Read(errors, nameof(RsvpDeadlineTime), RsvpDeadlineTime, "Reply-by time");
        var startsUtc = Utc(date, start);
        var endsUtc = Utc(date, end);
        var deadlineUtc = Utc(deadlineDate, deadlineTime);
        if (!Enum.TryParse<RoundtableStatus>(Status, out var status) || !StatusOptions.Any(o => o.Value == Status))
        {
            errors.AddModelError(nameof(Status), "Select the status");
        }

        if (errors.ErrorCount > 0)
        {
            errors.AddFieldErrors(RoundtableRules.Check(Title, Description, VenueAddress, OnlineJoiningDetails, startsUtc, endsUtc, capacity, delegates, deadlineUtc));
            return null;
        }

        return new RoundtableDetails(Title!, Description, startsUtc!.Value, endsUtc!.Value, VenueAddress, OnlineJoiningDetails,
            capacity!.Value, delegates!.Value, deadlineUtc!.Value, status);
    }

    private static DateTime? Utc(DateOnly? date, TimeOnly? time) =>
        date is { } day && time is { } clock ? UkTime.ToUtc(day.ToDateTime(clock)) : null;

    private static int? WholeNumber(ModelStateDictionary errors, string key, string? text, string what, string label, string example)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.AddModelError(key, $"Enter the {what}");
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.AddModelError(key, $"{label} must be a whole number, like {example}");
            return null;
        }

        return value;
    }
}

public sealed record RoundtablePage(
    Roundtable Roundtable,
    IReadOnlyList<InvitationView> Invitations,
    IReadOnlyDictionary<OutboxStatus, int> EmailCounts,
    bool CanChange,
    RoundtableSeries Series)
{
    public int Emails(params OutboxStatus[] statuses) => statuses.Sum(s => EmailCounts.GetValueOrDefault(s));

    public int Count(InvitationState state) => Invitations.Count(i => i.State == state);
}
