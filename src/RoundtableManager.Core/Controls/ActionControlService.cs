namespace RoundtableManager.Core.Controls;

/// <summary>Links between follow-up actions and the controls they address. Staff link and unlink; audited on the action.</summary>
public sealed class ActionControlService(AppDbContext db, IAuditLog audit, TimeProvider time)
{
    /// <summary>The controls the action addresses, with where its owning organisation stands on each.</summary>
    public async Task<IReadOnlyList<ActionControlRow>> ForActionAsync(int actionId, CancellationToken cancellationToken)
    {
        var owner = await db.FollowUpActions.AsNoTracking().Where(a => a.Id == actionId)
            .Select(a => a.OwnerKind == ActionOwnerKind.Organisation ? a.OwnerOrganisationId : null).FirstOrDefaultAsync(cancellationToken);
        return await db.ActionControls.AsNoTracking().Where(l => l.ActionId == actionId)
            .Join(db.Controls, l => l.ControlId, c => c.Id, (l, c) => c)
            .OrderBy(c => c.ControlSetId).ThenBy(c => c.Position)
            .Select(c => new
            {
                c.Id,
                Set = c.ControlSet.Name,
                c.Code,
                c.Title,
                Retired = c.RetiredUtc != null,
                Answer = db.ControlAnswers.Where(a => a.ControlId == c.Id && a.OrganisationId == owner).Select(a => new { a.Id, a.Status, a.Verification }).FirstOrDefault(),
            })
            .Select(r => new ActionControlRow(r.Id, r.Set, r.Code + " " + r.Title, r.Retired,
                r.Answer == null ? null : r.Answer.Id, r.Answer == null ? null : r.Answer.Status, r.Answer == null ? null : r.Answer.Verification))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Controls the action could be linked to: those not retired and not linked yet, the owning organisation's adopted sets first.</summary>
    public async Task<IReadOnlyList<ControlChoice>> ChoicesAsync(int actionId, CancellationToken cancellationToken)
    {
        var owner = await db.FollowUpActions.AsNoTracking().Where(a => a.Id == actionId)
            .Select(a => a.OwnerKind == ActionOwnerKind.Organisation ? a.OwnerOrganisationId : null).FirstOrDefaultAsync(cancellationToken);
        var rows = await db.Controls.AsNoTracking()
            .Where(c => c.RetiredUtc == null && !db.ActionControls.Any(l => l.ActionId == actionId && l.ControlId == c.Id))
            .Select(c => new
            {
                c.Id,
                Set = c.ControlSet.Name,
                c.ControlSetId,
                c.Position,
                c.Code,
                c.Title,
                Adopted = db.ControlAdoptions.Any(a => a.ControlSetId == c.ControlSetId && a.OrganisationId == owner),
            })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Adopted).ThenBy(r => r.ControlSetId).ThenBy(r => r.Position)
            .Select(r => new ControlChoice(r.Id, r.Set, $"{r.Code} {r.Title}")).ToList();
    }

    public async Task<CommandResult<int>> LinkAsync(int actionId, int? controlId, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var action = await db.FollowUpActions.AsNoTracking().Where(a => a.Id == actionId).Select(a => new { a.Title, a.OwnerOrganisationId }).FirstOrDefaultAsync(cancellationToken);
        if (action is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        var control = controlId is null ? null : await db.Controls.AsNoTracking().Where(c => c.Id == controlId && c.RetiredUtc == null).Select(c => new { c.Id, c.Code, c.Title }).FirstOrDefaultAsync(cancellationToken);
        if (control is null)
        {
            return CommandResult.Invalid(new FieldError("ControlId", "Select a control")).As<int>();
        }

        if (await db.ActionControls.AnyAsync(l => l.ActionId == actionId && l.ControlId == control.Id, cancellationToken))
        {
            return CommandResult.Unchanged(actionId);
        }

        db.ActionControls.Add(new ActionControl { ActionId = actionId, ControlId = control.Id, LinkedUtc = time.GetUtcNow().UtcDateTime });
        audit.Record("Action.ControlLinked", $"Linked the action \"{action.Title}\" to the control {control.Code} {control.Title}", ActionCommands.SubjectType,
            actionId.ToString(CultureInfo.InvariantCulture), action.OwnerOrganisationId, (actor.UserId, actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(actionId);
    }

    public async Task<CommandResult<int>> UnlinkAsync(int actionId, int controlId, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var link = await db.ActionControls.FirstOrDefaultAsync(l => l.ActionId == actionId && l.ControlId == controlId, cancellationToken);
        if (link is null)
        {
            return await db.FollowUpActions.AnyAsync(a => a.Id == actionId, cancellationToken) ? CommandResult.Unchanged(actionId) : CommandResult.NotFound().As<int>();
        }

        var names = await db.FollowUpActions.AsNoTracking().Where(a => a.Id == actionId)
            .Select(a => new { a.Title, a.OwnerOrganisationId, Control = db.Controls.Where(c => c.Id == controlId).Select(c => c.Code + " " + c.Title).First() }).FirstAsync(cancellationToken);
        db.ActionControls.Remove(link);
        audit.Record("Action.ControlUnlinked", $"Unlinked the action \"{names.Title}\" from the control {names.Control}", ActionCommands.SubjectType,
            actionId.ToString(CultureInfo.InvariantCulture), names.OwnerOrganisationId, (actor.UserId, actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(actionId);
    }
}
