namespace RoundtableManager.Web.Engagement.Record;

/// <summary>The timeline page's filters (GET, so a filtered page can be bookmarked) and where the page starts.</summary>
public sealed class TimelineFilter
{
    /// <summary>The kinds ticked (codes); none ticked shows every kind.</summary>
    public List<string> Kind { get; set; } = [];

    public DateInput From { get; set; } = new();

    public DateInput To { get; set; } = new();

    /// <summary>Where the previous page ended (a cursor from <see cref="TimelineService.Format"/>).</summary>
    public string? After { get; set; }

    /// <summary>This page's address with the same filters, starting after <paramref name="after"/> (null: the newest).</summary>
    public string Url(int organisationId, string? after) =>
        $"/suppliers/{organisationId}/record" + QueryString.Create(
            Kind.Select(k => new KeyValuePair<string, string?>("Kind", k)).Concat(new Dictionary<string, string?>
            {
                ["From.Day"] = From.Day, ["From.Month"] = From.Month, ["From.Year"] = From.Year,
                ["To.Day"] = To.Day, ["To.Month"] = To.Month, ["To.Year"] = To.Year,
                ["After"] = after,
            }).Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public bool IsFiltered => Kind.Count > 0 || !From.IsEmpty || !To.IsEmpty;
}

public sealed record RecordPage(int OrganisationId, string OrganisationName, TimelineFilter Filter, TimelinePage Timeline, bool FirstPage)
{
    // The filter's fields, named as the form's (and ModelState's) keys, for the GOV.UK field tag helpers.
    public List<string> Kind => Filter.Kind;

    public DateInput From => Filter.From;

    public DateInput To => Filter.To;

    public IEnumerable<Infrastructure.TagHelpers.CheckboxItem> KindOptions =>
        Timeline.Kinds.Select(k => new Infrastructure.TagHelpers.CheckboxItem(k.Code, k.Name, Checked: Filter.Kind.Contains(k.Code)));

    public TimelineList List => new(Timeline.Entries, Timeline.Kinds);
}

/// <summary>A few of the newest entries, for the organisation's page.</summary>
public sealed record TimelineSummary(int OrganisationId, TimelineList List, bool More);

/// <summary>Entries to show, and the kinds (to name each entry's kind).</summary>
public sealed record TimelineList(IReadOnlyList<TimelineEntry> Entries, IReadOnlyList<TimelineKind> Kinds)
{
    public string KindName(TimelineEntry entry) => Kinds.FirstOrDefault(k => k.Code == entry?.KindCode)?.Name ?? "";
}

public static class TimelineDisplay
{
    /// <summary>When the entry happened, as the page shows it: a day for a logged interaction, else day and time.</summary>
    public static string When(TimelineEntry entry) =>
        entry is null ? "" : entry.DateOnly ? UkTime.FormatDate(entry.OccurredUtc) : UkTime.Format(entry.OccurredUtc);

    /// <summary>The GOV.UK tag colour for a source's status text (Core says the state, Web picks the colour).</summary>
    public static string Colour(string status) => status switch
    {
        "Accepted" or "Checked in" or "Done" or "Sent" or "Confirmed" => "green",
        "Declined" or "Failed" or "Overdue" or "Not checked in" or "Revoked" => "red",
        "Waitlisted" or "Awaiting confirmation" or "Blocked" => "yellow",
        "Queued" or "Sending" or "Cancelled" => "grey",
        _ => "blue",
    };
}

/// <summary>The log-or-change form for an interaction: kept as typed, so a mistake comes back exactly as entered.</summary>
public sealed class InteractionForm
{
    public static readonly IReadOnlyList<SelectListItem> KindOptions =
        InteractionNames.Kinds.Select(k => new SelectListItem(k.DisplayName(), k.ToString())).ToList();

    public static readonly IReadOnlyList<SelectListItem> MarkingOptions =
        AgendaNames.Markings.Select(m => new SelectListItem($"{m.Label()}: {MarkingMeaning(m)}", m.ToString())).ToList();

    [BindNever]
    public int? Id { get; set; }

    public string? Kind { get; set; }

    public DateInput OccurredOn { get; set; } = new();

    public string? Summary { get; set; }

    public string? Participants { get; set; }

    public string? Marking { get; set; } = nameof(TlpMarking.Amber);

    public int Version { get; set; }

    public static InteractionForm From(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return new()
        {
            Id = interaction.Id,
            Kind = interaction.Kind.ToString(),
            OccurredOn = DateInput.From(interaction.OccurredOn),
            Summary = interaction.Summary,
            Participants = interaction.Participants,
            Marking = interaction.Marking.ToString(),
            Version = interaction.Version,
        };
    }

    /// <summary>
    /// The input for Core. A date that cannot be read is reported here, beside its field, and goes to Core as missing, so
    /// Core's checks of the other fields still run (the controller keeps this message rather than Core's "Enter the date").
    /// </summary>
    public InteractionInput ToInput(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        DateOnly? date = null;
        if (!OccurredOn.IsEmpty)
        {
            if (OccurredOn.TryRead("Date of the interaction", out var read, out var error))
            {
                date = read;
            }
            else
            {
                modelState.AddModelError(nameof(OccurredOn), error!);
            }
        }

        return new InteractionInput(
            Enum.TryParse<InteractionKind>(Kind, out var kind) && Enum.IsDefined(kind) && !int.TryParse(Kind, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? kind : null,
            date,
            Summary,
            Participants,
            Enum.TryParse<TlpMarking>(Marking, out var marking) && Enum.IsDefined(marking) && !int.TryParse(Marking, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? marking : null);
    }

    private static string MarkingMeaning(TlpMarking marking) => marking == TlpMarking.Red
        ? "for the people present only"
        : marking.Meaning();
}
