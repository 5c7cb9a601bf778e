namespace RoundtableManager.Core.Feedback;

/// <summary>
/// The organisation record's entries for feedback: each of its delegates who answered, when they first answered (a
/// withdrawn link's answer is not counted, so it is not shown). The score is shown; the comments stay on the feedback page.
/// </summary>
public sealed class FeedbackTimelineSource(AppDbContext db) : ITimelineSource
{
    public static readonly TimelineKind Definition = new("feedback", "Feedback after roundtables", 70);

    public TimelineKind Kind => Definition;

    public async Task<IReadOnlyList<TimelineEntry>> FindAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await db.FeedbackRequests.AsNoTracking()
            .Where(f => f.OrganisationId == query.OrganisationId && f.AnsweredUtc != null && f.RevokedUtc == null)
            .Window(query, Definition.Code, f => f.AnsweredUtc!.Value, f => (long)f.Id)
            .Select(f => new { f.Id, f.RoundtableId, f.Roundtable.Title, Answered = f.AnsweredUtc!.Value, f.AnswerChangedUtc, f.Usefulness, f.Delegate.FullName })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TimelineEntry(
            Definition.Code,
            r.Answered,
            r.Id,
            $"Answered feedback on {r.Title}",
            string.Create(CultureInfo.InvariantCulture, $"Usefulness {r.Usefulness} out of {FeedbackRules.HighestScore}")
                + (r.AnswerChangedUtc > r.Answered ? $" (answer last changed {Common.UkTime.Format(r.AnswerChangedUtc.Value)})" : ""),
            $"/roundtables/{r.RoundtableId}/feedback")
        {
            Actor = r.FullName,
        })];
    }
}
