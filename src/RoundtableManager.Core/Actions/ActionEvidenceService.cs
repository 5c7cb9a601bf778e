namespace RoundtableManager.Core.Actions;

/// <summary>
/// Links and files showing progress on an action, added by staff or by the owning supplier. Files are kept outside
/// wwwroot under a random name; what the user called the file is kept for display and the download's name only.
/// </summary>
public sealed class ActionEvidenceService(AppDbContext db, IAuditLog audit, TimeProvider time, EvidenceStore store)
{
    public string MaxSizeText => store.MaxSizeText;

    /// <summary>
    /// Adds a link or a file (one of the two, with a title). With <paramref name="organisationId"/>, NotFound unless that
    /// organisation owns the action, and NotAllowed once it is Done or Cancelled. Writes an EvidenceAdded history entry
    /// and an audit event with the evidence.
    /// </summary>
    public async Task<CommandResult<int>> AddAsync(int id, int? organisationId, string? title, string? url, EvidenceUpload? file, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var action = await db.FollowUpActions.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null || (organisationId is { } org && (action.OwnerKind != ActionOwnerKind.Organisation || action.OwnerOrganisationId != org)))
        {
            return CommandResult.NotFound().As<int>();
        }

        if (organisationId is not null && !action.Status.IsActive())
        {
            return CommandResult.NotAllowed("The action's status does not allow this").As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (kept, invalid) = await store.AddAsync<ActionEvidence>(title, url, file, actor, now, cancellationToken);
        if (kept is null)
        {
            return invalid!.As<int>();
        }

        action.Evidence.Add(kept.Item);
        action.History.Add(ActionCommands.NewEntry(actor, ActionHistoryKind.EvidenceAdded, null, kept.Description, null, now));
        audit.Record("Action.EvidenceAdded", $"Added {kept.LinkOrFile} as evidence to the action \"{action.Title}\"", ActionCommands.SubjectType, id.ToString(CultureInfo.InvariantCulture), action.OwnerOrganisationId, (actor.UserId, actor.Name));
        action.Version++;
        action.UpdatedUtc = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            EvidenceStore.DeleteQuietly(kept.Path);
            return CommandResult.Conflict("Someone else changed this action since it was shown").As<int>();
        }
        catch
        {
            EvidenceStore.DeleteQuietly(kept.Path);
            throw;
        }

        return CommandResult.Done(id);
    }

    /// <summary>An evidence file of the action; with <paramref name="organisationId"/>, only if that organisation owns the action.</summary>
    public async Task<EvidenceDownload?> OpenAsync(int actionId, int evidenceId, int? organisationId, CancellationToken cancellationToken)
    {
        var query = db.ActionEvidence.AsNoTracking().Where(e => e.Id == evidenceId && e.ActionId == actionId && e.Kind == ActionEvidenceKind.File);
        if (organisationId is { } org)
        {
            query = query.Where(e => db.FollowUpActions.Any(a => a.Id == e.ActionId && a.OwnerKind == ActionOwnerKind.Organisation && a.OwnerOrganisationId == org));
        }

        var evidence = await query.Select(e => new { e.StoredFileName, e.ContentType, e.OriginalFileName }).SingleOrDefaultAsync(cancellationToken);
        return evidence is null ? null : store.Open(evidence.StoredFileName, evidence.ContentType, evidence.OriginalFileName);
    }
}
