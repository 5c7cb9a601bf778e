namespace RoundtableManager.Core.Feedback;

/// <summary>What the feedback form shows: the roundtable, who is answering, and their answer so far (if any).</summary>
public sealed record FeedbackForm(
    string RoundtableTitle,
    DateTime StartsUtc,
    DateTime ClosesUtc,
    string PersonName,
    string OrganisationName,
    int? Usefulness,
    string? WhatShouldChange,
    string? TopicsForNextTime,
    DateTime? AnswerChangedUtc,
    string ContactAddress);

/// <summary>
/// Personal feedback links once sent: opening one, showing the form and saving the answer. Whether a link works is
/// <see cref="FeedbackLinkRule"/>'s to say; an unknown, expired or withdrawn link is null or NotFound alike.
/// </summary>
public sealed class FeedbackLinks(AppDbContext db, IAuditLog audit, IOptions<EmailOptions> email, TimeProvider time)
{
    /// <summary>
    /// Checks a link and records when it was first opened; returns its token's hash, or null. Nothing else changes:
    /// mail scanners fetch links before people do, so opening one must not record or use up anything.
    /// </summary>
    public async Task<string?> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (InvitationToken.HashIfWellFormed(token) is not { } hash)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.FeedbackRequests.AsNoTracking().Where(f => f.TokenHash == hash).Where(FeedbackLinkRule.UsableAt(now))
            .Select(f => new { f.Id, f.LinkOpenedUtc }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        if (found.LinkOpenedUtc is null)
        {
            await db.FeedbackRequests.Where(f => f.Id == found.Id && f.LinkOpenedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.LinkOpenedUtc, now), cancellationToken);
        }

        return hash;
    }

    /// <summary>The form behind a token hash, if the link still works.</summary>
    public async Task<FeedbackForm?> FindAsync(string? tokenHash, CancellationToken cancellationToken)
    {
        if (tokenHash is not { Length: InvitationRecipient.TokenHashLength })
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return await db.FeedbackRequests.AsNoTracking().Where(f => f.TokenHash == tokenHash).Where(FeedbackLinkRule.UsableAt(now))
            .Select(f => new FeedbackForm(f.Roundtable.Title, f.Roundtable.StartsUtc, f.Roundtable.FeedbackClosesUtc!.Value, f.Delegate.FullName,
                f.Delegate.Invitation.Organisation.Name, f.Usefulness, f.WhatShouldChange, f.TopicsForNextTime, f.AnswerChangedUtc, email.Value.FromAddress))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Saves the person's answer, replacing any earlier one (one answer per person), while the link works.
    /// </summary>
    /// <returns>Done; NotFound when the link does not work (closed, withdrawn, unknown); Invalid with the broken rules.</returns>
    public async Task<CommandResult> AnswerAsync(string? tokenHash, FeedbackAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (tokenHash is not { Length: InvitationRecipient.TokenHashLength })
        {
            return CommandResult.NotFound();
        }

        // Serializable takes SQLite's write lock at once: the link is checked and the answer saved as one step, so an
        // answer cannot slip in after the link stops working.
        return await db.InTransactionAsync(async () =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var request = await db.FeedbackRequests.Where(f => f.TokenHash == tokenHash).Where(FeedbackLinkRule.UsableAt(now))
                .Include(f => f.Roundtable).Include(f => f.Delegate).ThenInclude(d => d.Invitation).ThenInclude(i => i.Organisation)
                .SingleOrDefaultAsync(cancellationToken);
            if (request is null)
            {
                return CommandResult.NotFound();
            }

            var (errors, change, topics) = FeedbackRules.CheckAnswer(answer);
            if (errors.Count > 0)
            {
                return CommandResult.Invalid(errors);
            }

            var first = request.AnsweredUtc is null;
            request.Usefulness = answer.Usefulness;
            request.WhatShouldChange = change;
            request.TopicsForNextTime = topics;
            request.AnsweredUtc ??= now;
            request.AnswerChangedUtc = now;
            audit.Record(first ? "Feedback.Answered" : "Feedback.AnswerChanged",
                $"A delegate of {request.Delegate.Invitation.Organisation.Name} {(first ? "gave" : "changed their")} feedback on {request.Roundtable.Title}",
                nameof(FeedbackRequest), request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), request.OrganisationId, (null, "Feedback link"));
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done();
        }, cancellationToken, System.Data.IsolationLevel.Serializable);
    }
}
