namespace RoundtableManager.Core.Engagement;

/// <summary>
/// What the organisation page asks for: which kinds (none: all), the period, where the last page ended, and whether the
/// reader is an organiser (staff do not get the kinds marked <see cref="TimelineKind.OrganisersOnly"/>).
/// </summary>
public sealed record TimelineRequest(int OrganisationId, IReadOnlyCollection<string>? Kinds, DateTime? FromUtc, DateTime? ToUtc, TimelineCursor? After, bool Organiser, int PageSize = TimelineService.DefaultPageSize);

/// <summary>One page of the timeline and, when there is more, where the next page starts.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, TimelineCursor? Next, IReadOnlyList<TimelineKind> Kinds);

/// <summary>
/// The organisation record's timeline: asks each chosen source for one page more than it shows (each source's query is
/// limited in the database), merges them in timeline order and keeps one page. So a page costs one small query per
/// source however many thousands of entries an organisation has, and paging continues from a cursor, not an offset.
/// </summary>
public sealed class TimelineService(IEnumerable<ITimelineSource> sources)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    private readonly IReadOnlyList<ITimelineSource> _sources = sources.OrderBy(s => s.Kind.Order).ThenBy(s => s.Kind.Name, StringComparer.Ordinal).ToList();

    /// <summary>Every kind of entry this reader may see, in the order the filter lists them.</summary>
    public IReadOnlyList<TimelineKind> KindsFor(bool organiser) => _sources.Select(s => s.Kind).Where(k => organiser || !k.OrganisersOnly).ToList();

    public async Task<TimelinePage> PageAsync(TimelineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var query = new TimelineQuery(request.OrganisationId, request.FromUtc, request.ToUtc, request.After, size + 1);
        var chosen = _sources.Where(s => (request.Organiser || !s.Kind.OrganisersOnly)
            && (request.Kinds is not { Count: > 0 } kinds || kinds.Contains(s.Kind.Code))).ToList();
        var found = new List<TimelineEntry>();
        // One after another: the sources share the request's DbContext, which allows one query at a time.
        foreach (var source in chosen)
        {
            found.AddRange(await source.FindAsync(query, cancellationToken));
        }

        var ordered = found.OrderDescending(TimelineOrder.Instance).Take(size + 1).ToList();
        var next = ordered.Count > size ? ordered[size - 1] : null;
        return new TimelinePage(ordered.Take(size).ToList(), next is null ? null : new TimelineCursor(next.OccurredUtc, next.KindCode, next.Sequence), KindsFor(request.Organiser));
    }

    /// <summary>A cursor as text for a page link: ticks, code and sequence.</summary>
    public static string Format(TimelineCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        return string.Create(CultureInfo.InvariantCulture, $"{cursor.OccurredUtc.Ticks}.{cursor.KindCode}.{cursor.Sequence}");
    }

    /// <summary>The cursor a page link carries, or null when it is missing or not one of ours (then the page starts at the newest).</summary>
    public static TimelineCursor? Parse(string? text)
    {
        var parts = text?.Split('.');
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks
            || parts[1].Length is 0 or > 40 || !parts[1].All(c => c is (>= 'a' and <= 'z') or '-')
            || !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        return new TimelineCursor(new DateTime(ticks, DateTimeKind.Utc), parts[1], sequence);
    }
}
