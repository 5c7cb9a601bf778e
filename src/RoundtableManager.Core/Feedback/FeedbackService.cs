namespace RoundtableManager.Core.Feedback;

/// <summary>
/// Marking a roundtable held and asking the people who were there for feedback: personal links made like invitation
/// links (<see cref="InvitationToken"/>: 256 random bits, only the hash stored), emailed through the outbox with the
/// link withheld from the stored row, and withdrawn one by one.
/// </summary>
public sealed class FeedbackService(AppDbContext db, IEmailOutbox outbox, IAuditLog audit, IOptions<EmailOptions> email, TimeProvider time)
{
    public const string EmailKind = "FeedbackRequest";

    /// <summary>
    /// Marks the roundtable held with feedback open until the end of <paramref name="closesOn"/> (UK date), and sends a
    /// feedback link to every checked-in delegate who has none yet. Run again, it moves the closing date and reaches
    /// people checked in since; nobody gets a second link.
    /// </summary>
    /// <returns>Done with the number of links sent; NotAllowed before the start, for a draft or a cancelled roundtable; Invalid for a bad date.</returns>
    public async Task<CommandResult<int>> MarkHeldAsync(int roundtableId, DateOnly closesOn, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (FeedbackRules.CheckClosingDate(closesOn, now) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        // Serializable takes SQLite's write lock at once, so two organisers pressing the button send one link each.
        return await db.InTransactionAsync(async () =>
        {
            var roundtable = await db.Roundtables.SingleOrDefaultAsync(r => r.Id == roundtableId, cancellationToken);
            if (roundtable is null)
            {
                return CommandResult.NotFound().As<int>();
            }

            if (CannotMarkHeld(roundtable, now) is { } refusal)
            {
                return CommandResult.NotAllowed(refusal).As<int>();
            }

            var firstTime = roundtable.Status != RoundtableStatus.Held || roundtable.FeedbackClosesUtc is null;
            roundtable.Status = RoundtableStatus.Held;
            roundtable.HeldUtc ??= now;
            roundtable.FeedbackClosesUtc = FeedbackRules.ClosesUtc(closesOn);
            roundtable.UpdatedUtc = now;
            var sent = await SendLinksAsync(roundtable, now, cancellationToken);
            audit.Record(firstTime ? "Feedback.Opened" : "Feedback.Changed",
                $"{(firstTime ? "Marked held" : "Feedback closing date set")}: feedback closes {FeedbackRules.FormatClosing(roundtable.FeedbackClosesUtc.Value)}; {Plural.Count(sent, "feedback link")} sent",
                nameof(Roundtable), roundtable.Id.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done(sent);
        }, cancellationToken, System.Data.IsolationLevel.Serializable);
    }

    /// <summary>Why the roundtable cannot be marked held now, or null when it can.</summary>
    public static string? CannotMarkHeld(Roundtable roundtable, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        return roundtable.Status switch
        {
            RoundtableStatus.Cancelled => "This roundtable has been cancelled, so it cannot be marked as held",
            RoundtableStatus.Draft => "A draft roundtable cannot be marked as held",
            _ when roundtable.StartsUtc > nowUtc => $"You can mark the roundtable as held once it has started ({UkTime.Format(roundtable.StartsUtc)})",
            _ => null,
        };
    }

    /// <summary>Withdraws one person's link: it gets the same "not valid" page as an unknown one, and their answer no longer counts.</summary>
    public async Task<CommandResult> RevokeAsync(int roundtableId, int requestId, CancellationToken cancellationToken)
    {
        var organisationId = await db.FeedbackRequests.Where(f => f.Id == requestId && f.RoundtableId == roundtableId && f.RevokedUtc == null)
            .Select(f => (int?)f.OrganisationId).SingleOrDefaultAsync(cancellationToken);
        if (organisationId is null)
        {
            return CommandResult.NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.FeedbackRequests.Where(f => f.Id == requestId && f.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RevokedUtc, now), cancellationToken);
        audit.Record("Feedback.LinkWithdrawn", "Feedback link withdrawn", nameof(FeedbackRequest), requestId.ToString(CultureInfo.InvariantCulture), organisationId);
        await db.SaveChangesAsync(cancellationToken);
        return changed == 1 ? CommandResult.Done() : CommandResult.NotFound();
    }

    private async Task<int> SendLinksAsync(Roundtable roundtable, DateTime now, CancellationToken cancellationToken)
    {
        var people = await db.Delegates.AsNoTracking()
            .Where(d => d.RoundtableId == roundtable.Id && d.Status == DelegateStatus.Confirmed && d.AttendedUtc != null && d.ErasedUtc == null)
            .Where(d => !db.FeedbackRequests.Any(f => f.DelegateId == d.Id))
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.FullName, d.Email, d.Invitation.OrganisationId })
            .ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            var (token, hash) = InvitationToken.Create();
            db.FeedbackRequests.Add(new FeedbackRequest
            {
                RoundtableId = roundtable.Id,
                DelegateId = person.Id,
                OrganisationId = person.OrganisationId,
                TokenHash = hash,
                TokenIssuedUtc = now,
                CreatedUtc = now,
            });
            outbox.Enqueue(Draft(roundtable, person.FullName, person.Email, $"{email.Value.PublicBaseUrl.TrimEnd('/')}/feedback/{token}"));
        }

        return people.Count;
    }

    private EmailDraft Draft(Roundtable roundtable, string name, string address, string link) =>
        new(EmailKind, address, name, "Your feedback: " + roundtable.Title, new EmailBody()
            .Heading($"How was {roundtable.Title}?")
            .Paragraph($"Dear {name},")
            .Paragraph($"Thank you for attending {roundtable.Title} on {UkTime.FormatDate(roundtable.StartsUtc)}. Please tell us how useful it was, what should change and what you would like discussed next time. It takes about two minutes.")
            .PersonalLink("Give your feedback", link)
            .Inset($"This link is personal to you: do not forward it. You can change your answers until {FeedbackRules.FormatClosing(roundtable.FeedbackClosesUtc!.Value)}.")
            .Paragraph($"If you have a question, email the roundtable team at {email.Value.FromAddress}."))
        {
            RoundtableId = roundtable.Id,
        };
}
