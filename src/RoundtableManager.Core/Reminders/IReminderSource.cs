namespace RoundtableManager.Core.Reminders;

/// <summary>A kind of reminder: its code (in keys and the log), how organisers see it, and its defaults.</summary>
/// <param name="Code">Stable code, e.g. "RsvpChaser": stored in settings and the log, and the outbox row's Kind.</param>
/// <param name="KeyPrefix">Start of every dedupe key of this kind, e.g. "rsvp-chaser".</param>
/// <param name="AnchorName">The date the reminder depends on, in keys ("deadline").</param>
/// <param name="Name">For organisers: "RSVP chaser".</param>
/// <param name="OffsetMeaning">For organisers: "days before the reply-by deadline".</param>
/// <param name="TargetNoun">What the schedule counts: "organisation".</param>
/// <param name="OffsetsAfterAnchor">
/// True when the offsets count days AFTER the anchor ("overdue": a day after the due date). Such a reminder that would
/// fall on a non-working day moves to the working day after, not before, and the sweep looks back for anchors, not ahead.
/// </param>
public sealed record ReminderKind(
    string Code,
    string KeyPrefix,
    string AnchorName,
    string Name,
    string OffsetMeaning,
    string TargetNoun,
    IReadOnlyList<int> DefaultOffsetDays,
    bool EnabledByDefault = true,
    bool OffsetsAfterAnchor = false)
{
    public const int MaxOffsetDays = 60;
    public const int MaxOffsets = 3;
}

/// <summary>Which anchors a source should return: those after <see cref="FromUtc"/>, up to <see cref="ToUtc"/> if given.</summary>
public sealed record ReminderQuery(DateTime FromUtc, DateTime? ToUtc, int? RoundtableId = null)
{
    /// <summary>
    /// How far from now an anchor may lie and still have a reminder due: the longest offset, plus the longest run of
    /// non-working days a reminder can be moved over (Easter or Christmas with a weekend: four) and a clock change.
    /// </summary>
    public static readonly TimeSpan Lookahead = TimeSpan.FromDays(ReminderKind.MaxOffsetDays + 6);

    /// <summary>Anchors that may have a reminder due now: ahead of now, or for after-anchor kinds behind it.</summary>
    public static ReminderQuery DueNow(ReminderKind kind, DateTime nowUtc) =>
        kind?.OffsetsAfterAnchor == true ? new(nowUtc - Lookahead, nowUtc) : new(nowUtc, nowUtc + Lookahead);

    /// <summary>Anchors that may still have a reminder to come (for the organiser's schedule).</summary>
    public static ReminderQuery Pending(ReminderKind kind, DateTime nowUtc, int roundtableId) =>
        new(kind?.OffsetsAfterAnchor == true ? nowUtc - Lookahead : nowUtc, null, roundtableId);
}

/// <summary>One person who should get a reminder of a kind, given the facts at query time.</summary>
/// <param name="AnchorUtc">The date the reminder depends on; a change to it makes new keys, so the old reminder is never sent.</param>
/// <param name="TargetId">What the reminder is about (for RSVP chasers, the invitation).</param>
/// <param name="RecipientId">The person (for RSVP chasers, the invitation recipient). Unique within the kind.</param>
/// <param name="EarliestUtc">Reminders due before this do not apply (the person was not yet invited).</param>
/// <remarks>
/// People without an int id (staff accounts have string ids) set <see cref="RecipientKey"/>, which then stands in the
/// dedupe key instead of <see cref="RecipientId"/>; it must be unique within the kind and stable (e.g. "action:12:user:abc").
/// </remarks>
public sealed record ReminderCandidate(
    int RoundtableId,
    DateTime AnchorUtc,
    int TargetId,
    string TargetName,
    int RecipientId,
    string RecipientName,
    string RecipientEmail,
    DateTime EarliestUtc)
{
    /// <summary>For <see cref="RoundtableId"/>: a reminder about no roundtable (it follows the kind's default settings).</summary>
    public const int NoRoundtable = 0;

    public string? RecipientKey { get; init; }

    /// <summary>The roundtable as logs and emails store it (null for <see cref="NoRoundtable"/>).</summary>
    public int? Roundtable => RoundtableId == NoRoundtable ? null : RoundtableId;
}

public static class ReminderCandidates
{
    /// <summary>
    /// The candidates in recipient order, sorted here, not in SQL: an ORDER BY on the recipients' id makes SQLite (which
    /// has no statistics) walk every recipient in id order instead of starting from the few roundtables near their date.
    /// </summary>
    public static async Task<IReadOnlyList<ReminderCandidate>> ToListByRecipientAsync(this IQueryable<ReminderCandidate> candidates, CancellationToken cancellationToken) =>
        (await candidates.ToListAsync(cancellationToken)).OrderBy(c => c.RecipientId).ToList();
}

/// <summary>
/// One kind of reminder. Adding a kind is one class implementing this plus one registration
/// (<c>services.AddReminderSource&lt;T&gt;()</c>); the sweep, keys, working-day times, settings, missed and skipped
/// logging and the organiser's page come from the engine.
/// </summary>
public interface IReminderSource
{
    ReminderKind Kind { get; }

    /// <summary>
    /// Everyone the reminder still applies to, for roundtables whose anchor lies in the query's window. The WHERE
    /// must use an indexed date column so the sweep reads only what is near due, not every row ever written.
    /// </summary>
    Task<IReadOnlyList<ReminderCandidate>> FindAsync(ReminderQuery query, CancellationToken cancellationToken);

    /// <summary>Checked again just before sending: null if the reminder still applies, otherwise why not (for the log).</summary>
    Task<string?> RecheckAsync(ReminderCandidate candidate, DateTime nowUtc, CancellationToken cancellationToken);

    /// <summary>The email. Job arguments and logs never hold its contents.</summary>
    Task<EmailDraft> ComposeAsync(ReminderCandidate candidate, CancellationToken cancellationToken);
}
