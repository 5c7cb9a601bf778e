namespace RoundtableManager.Core.Controls;

/// <summary>A supplier's answer for one control, as the form gives it (parsed). <see cref="Version"/> is the version the page showed.</summary>
public sealed record ControlAnswerInput(ControlStatus? Status, string? NotApplicableReason, DateOnly? TargetDate, string? Comment, int Version);

/// <summary>
/// Changes to answers: the supplier answers and adds evidence (each makes the answer Unverified again), staff verify an
/// In place answer or return any answer with a reason. Every change writes an append-only history entry and an audit
/// event. A supplier's change names its organisation: another organisation's answer is NotFound.
/// </summary>
public sealed class ControlAnswerCommands(AppDbContext db, IAuditLog audit, EvidenceStore evidence, TimeProvider time)
{
    public const string SubjectType = "ControlAnswer";

    public async Task<CommandResult<int>> AnswerAsync(int answerId, int organisationId, ControlAnswerInput input, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var (answer, refusal) = await LoadAssessedAsync(answerId, organisationId, cancellationToken);
        if (answer is null)
        {
            return refusal!.As<int>();
        }

        var errors = new List<FieldError>();
        var reason = errors.CheckMultiLine(nameof(input.NotApplicableReason), "The reason", input.NotApplicableReason, ControlAnswer.TextMaxLength);
        var comment = errors.CheckMultiLine(nameof(input.Comment), "Comment", input.Comment, ControlAnswer.TextMaxLength);
        if (input.Status is not { } status)
        {
            errors.Insert(0, new(nameof(input.Status), "Select where this control stands"));
            return CommandResult.Invalid(errors).As<int>();
        }

        if (status == ControlStatus.NotApplicable && reason is null && errors.All(e => e.Field != nameof(input.NotApplicableReason)))
        {
            errors.Add(new(nameof(input.NotApplicableReason), "Enter why this control does not apply to your organisation"));
        }

        if (status.NeedsTargetDate() && input.TargetDate is null && errors.All(e => e.Field != nameof(input.TargetDate)))
        {
            errors.Add(new(nameof(input.TargetDate), "Enter the date you expect this control to be in place"));
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        if (answer.Version != input.Version)
        {
            return CommandResult.Conflict("Someone else changed this answer since you opened the page. Check it below, then try again").As<int>();
        }

        var target = status.NeedsTargetDate() ? input.TargetDate : null;
        var why = status == ControlStatus.NotApplicable ? reason : null;
        if (answer.AnsweredUtc is not null && answer.Status == status && answer.TargetDate == target && answer.NotApplicableReason == why && answer.Comment == comment)
        {
            return CommandResult.Unchanged(answerId);
        }

        var now = time.GetUtcNow().UtcDateTime;
        answer.Status = status;
        answer.TargetDate = target;
        answer.NotApplicableReason = why;
        answer.Comment = comment;
        answer.Verification = ControlVerification.Unverified;
        answer.VerifiedUtc = null;
        answer.VerifiedByName = null;
        answer.AnsweredUtc = now;
        answer.AnsweredByName = actor.Name;
        var text = why is null ? comment : comment is null ? $"Not applicable: {why}" : $"Not applicable: {why}\n{comment}";
        return await SaveAsync(answer, ControlEntryKind.Answered, text, actor, now, "Controls.Answered",
            $"Answered {answer.Control.Display}: {status.DisplayName()}{(target is { } d ? $", target {ControlNames.FormatDate(d)}" : "")}", null, cancellationToken);
    }

    public async Task<CommandResult<int>> AddEvidenceAsync(int answerId, int organisationId, string? title, string? url, EvidenceUpload? file, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (answer, refusal) = await LoadAssessedAsync(answerId, organisationId, cancellationToken);
        if (answer is null)
        {
            return refusal!.As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (kept, invalid) = await evidence.AddAsync<ControlEvidence>(title, url, file, actor.AsEvidenceActor(), now, cancellationToken);
        if (kept is null)
        {
            return invalid!.As<int>();
        }

        answer.Evidence.Add(kept.Item);
        answer.Verification = ControlVerification.Unverified;
        try
        {
            return await SaveAsync(answer, ControlEntryKind.EvidenceAdded, kept.Description, actor, now,
                "Controls.EvidenceAdded", $"Added {kept.LinkOrFile} as evidence for {answer.Control.Display}", kept.Path, cancellationToken);
        }
        catch
        {
            EvidenceStore.DeleteQuietly(kept.Path);
            throw;
        }
    }

    /// <summary>Staff: an In place answer is verified. NotAllowed for any other status or when already verified.</summary>
    public async Task<CommandResult<int>> VerifyAsync(int answerId, int version, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var answer = await LoadAsync(answerId, null, cancellationToken);
        if (answer is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (answer.Version != version)
        {
            return CommandResult.Conflict("The supplier changed this answer since you opened the page. Check it below, then try again").As<int>();
        }

        if (answer.Status != ControlStatus.InPlace || answer.Verification == ControlVerification.Verified)
        {
            return CommandResult.NotAllowed(answer.Verification == ControlVerification.Verified ? "This answer is already verified" : "Only an answer of In place can be verified").As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        answer.Verification = ControlVerification.Verified;
        answer.VerifiedUtc = now;
        answer.VerifiedByName = actor.Name;
        answer.ReturnReason = null;
        return await SaveAsync(answer, ControlEntryKind.Verified, null, actor, now, "Controls.Verified", $"Verified {answer.Control.Display} as in place", null, cancellationToken);
    }

    /// <summary>Staff: an answer goes back to the supplier with a reason it sees.</summary>
    public async Task<CommandResult<int>> ReturnAsync(int answerId, int version, string? reason, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var answer = await LoadAsync(answerId, null, cancellationToken);
        if (answer is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        var errors = new List<FieldError>();
        var why = errors.CheckMultiLine("ReturnReason", "The reason", reason, ControlAnswer.TextMaxLength, "Enter why you are returning the answer: the supplier sees this");
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        if (answer.Version != version)
        {
            return CommandResult.Conflict("The supplier changed this answer since you opened the page. Check it below, then try again").As<int>();
        }

        if (answer.AnsweredUtc is null)
        {
            return CommandResult.NotAllowed("The supplier has not answered yet: there is nothing to return").As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        answer.Verification = ControlVerification.Returned;
        answer.ReturnReason = why;
        answer.VerifiedUtc = null;
        answer.VerifiedByName = null;
        return await SaveAsync(answer, ControlEntryKind.Returned, why, actor, now, "Controls.Returned", $"Returned {answer.Control.Display} to the supplier", null, cancellationToken);
    }

    /// <summary>The organisation's answer to a control still assessed; otherwise why not (NotFound, or NotAllowed when the control is retired).</summary>
    private async Task<(ControlAnswer? Answer, CommandResult? Refusal)> LoadAssessedAsync(int answerId, int organisationId, CancellationToken cancellationToken)
    {
        var answer = await LoadAsync(answerId, organisationId, cancellationToken);
        return answer is null ? (null, CommandResult.NotFound())
            : answer.Control.RetiredUtc is not null ? (null, CommandResult.NotAllowed("This control has been retired: it is no longer assessed"))
            : (answer, null);
    }

    private Task<ControlAnswer?> LoadAsync(int answerId, int? organisationId, CancellationToken cancellationToken) =>
        db.ControlAnswers.Include(a => a.Control)
            .Where(a => a.Id == answerId && (organisationId == null || a.OrganisationId == organisationId))
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<CommandResult<int>> SaveAsync(ControlAnswer answer, ControlEntryKind kind, string? text, ControlActor actor, DateTime now, string auditAction, string summary, string? filePath, CancellationToken cancellationToken)
    {
        answer.Version++;
        answer.History.Add(new ControlAnswerEntry
        {
            OrganisationId = answer.OrganisationId,
            ControlId = answer.ControlId,
            Kind = kind,
            Status = answer.Status,
            Verification = answer.Verification,
            TargetDate = answer.TargetDate,
            Text = text,
            ByUserId = actor.UserId,
            ByName = actor.Name.Length > 200 ? actor.Name[..200] : actor.Name,
            ByOrganisationId = actor.OrganisationId,
            AtUtc = now,
        });
        audit.Record(auditAction, summary, SubjectType, answer.Id.ToString(CultureInfo.InvariantCulture), answer.OrganisationId, (actor.UserId, actor.Name));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            EvidenceStore.DeleteQuietly(filePath);
            return CommandResult.Conflict("Someone else changed this answer at the same time. Check it below, then try again").As<int>();
        }

        return CommandResult.Done(answer.Id);
    }
}
