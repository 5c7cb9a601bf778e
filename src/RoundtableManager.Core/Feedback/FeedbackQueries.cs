namespace RoundtableManager.Core.Feedback;

/// <summary>What the "mark as held" page needs: who would get a link now.</summary>
public sealed record MarkHeldView(Roundtable Roundtable, int CheckedIn, int LinksSent, int WouldGetLink);

/// <summary>A person sent a feedback link, as organisers see them.</summary>
public sealed record FeedbackPerson(int RequestId, string Name, string OrganisationName, bool Answered, bool Withdrawn);

/// <summary>One answer's comments, with the organisation (never the person) it came from.</summary>
public sealed record FeedbackComment(string OrganisationName, int Usefulness, string? WhatShouldChange, string? TopicsForNextTime);

/// <summary>
/// A roundtable's feedback: how many answered each score from 1 to 5 (<see cref="Counts"/>[0] is score 1), the comments,
/// and the people asked. Withdrawn links' answers are not counted.
/// </summary>
public sealed record FeedbackResults(
    int RoundtableId,
    string RoundtableTitle,
    RoundtableStatus Status,
    DateTime? FeedbackClosesUtc,
    IReadOnlyList<int> Counts,
    IReadOnlyList<FeedbackComment> Comments,
    IReadOnlyList<FeedbackPerson> People)
{
    public int Answered => Counts.Sum();

    public int LinksSent => People.Count(p => !p.Withdrawn);

    /// <summary>The mean score to one decimal place, or null before anyone answers.</summary>
    public double? Average => Answered == 0 ? null : Math.Round(Counts.Select((count, i) => count * (i + FeedbackRules.LowestScore)).Sum() / (double)Answered, 1, MidpointRounding.AwayFromZero);
}

/// <summary>Reads of feedback for organisers and staff, with no tracking.</summary>
public sealed class FeedbackQueries(AppDbContext db)
{
    public async Task<MarkHeldView?> MarkHeldViewAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundtableId, cancellationToken);
        if (roundtable is null)
        {
            return null;
        }

        var checkedIn = db.Delegates.Where(d => d.RoundtableId == roundtableId && d.Status == DelegateStatus.Confirmed && d.AttendedUtc != null && d.ErasedUtc == null);
        return new MarkHeldView(
            roundtable,
            await checkedIn.CountAsync(cancellationToken),
            await db.FeedbackRequests.CountAsync(f => f.RoundtableId == roundtableId && f.RevokedUtc == null, cancellationToken),
            await checkedIn.CountAsync(d => !db.FeedbackRequests.Any(f => f.DelegateId == d.Id), cancellationToken));
    }

    public async Task<FeedbackResults?> ResultsAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().Where(r => r.Id == roundtableId)
            .Select(r => new { r.Title, r.Status, r.FeedbackClosesUtc }).SingleOrDefaultAsync(cancellationToken);
        if (roundtable is null)
        {
            return null;
        }

        var rows = await db.FeedbackRequests.AsNoTracking().Where(f => f.RoundtableId == roundtableId)
            .OrderBy(f => f.Delegate.Invitation.Organisation.Name).ThenBy(f => f.Delegate.FullName)
            .Select(f => new
            {
                f.Id,
                f.Delegate.FullName,
                Organisation = f.Delegate.Invitation.Organisation.Name,
                f.Usefulness,
                f.WhatShouldChange,
                f.TopicsForNextTime,
                f.AnswerChangedUtc,
                Withdrawn = f.RevokedUtc != null,
            })
            .ToListAsync(cancellationToken);
        var counted = rows.Where(r => !r.Withdrawn && r.Usefulness is not null).ToList();
        var counts = Enumerable.Range(FeedbackRules.LowestScore, FeedbackRules.HighestScore - FeedbackRules.LowestScore + 1)
            .Select(score => counted.Count(r => r.Usefulness == score)).ToList();
        var comments = counted.Where(r => r.WhatShouldChange is not null || r.TopicsForNextTime is not null)
            .OrderByDescending(r => r.AnswerChangedUtc)
            .Select(r => new FeedbackComment(r.Organisation, r.Usefulness!.Value, r.WhatShouldChange, r.TopicsForNextTime)).ToList();
        var people = rows.Select(r => new FeedbackPerson(r.Id, r.FullName, r.Organisation, r.Usefulness is not null, r.Withdrawn)).ToList();
        return new FeedbackResults(roundtableId, roundtable.Title, roundtable.Status, roundtable.FeedbackClosesUtc, counts, comments, people);
    }
}
