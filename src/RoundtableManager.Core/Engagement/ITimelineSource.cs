namespace RoundtableManager.Core.Engagement;

/// <summary>A kind of entry on an organisation's timeline: a stable code (in filters and page links) and its name for people.</summary>
/// <param name="Code">Lower-case letters and hyphens, unique among sources, e.g. "invitations".</param>
/// <param name="Name">For the filter: "Invitations and replies".</param>
/// <param name="Order">Where the kind sits in the filter's list (lower first).</param>
/// <param name="OrganisersOnly">True when staff may not see these entries (the email log is for organisers only).</param>
public sealed record TimelineKind(string Code, string Name, int Order = 100, bool OrganisersOnly = false);

/// <summary>
/// One thing that happened with an organisation. <see cref="Sequence"/> must be unique within its source and stable, so
/// that (time, source code, sequence) orders every entry exactly and a page can continue where the last one ended.
/// </summary>
/// <param name="Title">One line: "Accepted the invitation to Contracting roundtable".</param>
/// <param name="Detail">Optional text shown under the title (line breaks kept).</param>
/// <param name="Url">Optional staff page for more (never a portal or personal link).</param>
/// <param name="Status">Optional short state shown as a tag ("Done", "Checked in", "Failed").</param>
/// <param name="Marking">Optional Traffic Light Protocol marking of what the entry shows.</param>
/// <param name="DateOnly">True when only the day is known (a logged interaction): shown without a time.</param>
public sealed record TimelineEntry(
    string KindCode,
    DateTime OccurredUtc,
    long Sequence,
    string Title,
    string? Detail = null,
    string? Url = null,
    string? Status = null,
    TlpMarking? Marking = null,
    bool DateOnly = false)
{
    /// <summary>Who did it, when the source knows ("Priya Shah", "Alex Organiser").</summary>
    public string? Actor { get; init; }

    /// <summary>A second link, e.g. to change a logged interaction (organisers and staff only, like the page).</summary>
    public string? EditUrl { get; init; }
}

/// <summary>Where a page of the timeline ends: the next page holds the entries after this one in timeline order.</summary>
public sealed record TimelineCursor(DateTime OccurredUtc, string KindCode, long Sequence);

/// <summary>
/// What a source is asked for: entries of one organisation, newest first, in the period (inclusive), after the cursor,
/// at most <see cref="Limit"/>. Timeline order is time descending, then source code descending (ordinal), then
/// sequence descending; use <see cref="TimelineWindow"/> to apply all of it to a query.
/// </summary>
public sealed record TimelineQuery(int OrganisationId, DateTime? FromUtc, DateTime? ToUtc, TimelineCursor? After, int Limit)
{
    /// <summary>
    /// For a source with this code, the entries at exactly the cursor's time that still belong after it: those with a
    /// sequence below the returned value (long.MaxValue: all of them; long.MinValue: none).
    /// </summary>
    public long SequenceBelowAtCursorTime(string kindCode)
    {
        if (After is null)
        {
            return long.MaxValue;
        }

        var order = string.CompareOrdinal(kindCode, After.KindCode);
        return order < 0 ? long.MaxValue : order == 0 ? After.Sequence : long.MinValue;
    }
}

/// <summary>
/// One feature's part of the organisation record: its entries for one organisation. Adding a part is one class
/// implementing this in the feature's own folder plus <c>services.AddTimelineSource&lt;T&gt;()</c> in the feature's
/// registration; the page, its kind filter, period filter and paging pick it up. The timeline is for organisers and
/// staff only (suppliers never reach it), so a source may show staff-only facts.
/// </summary>
public interface ITimelineSource
{
    TimelineKind Kind { get; }

    /// <summary>
    /// At most <c>query.Limit</c> entries, newest first in timeline order, with the period and cursor applied in the
    /// database query (the WHERE on an indexed column, then ORDER BY and LIMIT), never by loading every row.
    /// </summary>
    Task<IReadOnlyList<TimelineEntry>> FindAsync(TimelineQuery query, CancellationToken cancellationToken);
}
