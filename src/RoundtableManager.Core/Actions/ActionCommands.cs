namespace RoundtableManager.Core.Actions;

/// <summary>
/// Changes to actions, from the staff pages and the supplier portal alike. Each checks <see cref="ActionRules"/> first;
/// every change writes one history entry per thing changed and one audit event, in the same SaveChanges as the change,
/// and raises the action's Version. Each returns the action's id.
/// </summary>
public sealed class ActionCommands(AppDbContext db, ActionRules rules, IAuditLog audit, TimeProvider time)
{
    public const string SubjectType = "FollowUpAction";

    public async Task<CommandResult<int>> CreateAsync(ActionInput input, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = await rules.CheckAsync(input, (FollowUpAction?)null, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        // The audit event names the new id, so the action is saved first; one transaction keeps the two together.
        return await db.InTransactionAsync(async () =>
        {
            var now = Now();
            var action = new FollowUpAction
            {
                RoundtableId = input.RoundtableId,
                Status = ActionStatus.Open,
                CreatedUtc = now,
                UpdatedUtc = now,
            };
            Apply(action, input);
            action.History.Add(Entry(actor, ActionHistoryKind.Created, null, ActionStatus.Open.DisplayName(), null));
            db.FollowUpActions.Add(action);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record("Action.Created", $"Created the action \"{action.Title}\" due {ActionNames.FormatDate(action.DueDate)}", SubjectType, Id(action.Id), action.OwnerOrganisationId, (actor.UserId, actor.Name));
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done(action.Id);
        }, cancellationToken);
    }

    /// <summary>
    /// Saves an edit made from the copy at <paramref name="expectedVersion"/>: refused with Conflict if the action has
    /// changed since. Writes a history entry for each field that changed. The roundtable of an action does not change.
    /// </summary>
    public async Task<CommandResult<int>> UpdateAsync(int id, int expectedVersion, ActionInput input, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var action = await LoadAsync(id, cancellationToken);
        if (action is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (action.Version != expectedVersion)
        {
            return Conflict();
        }

        input = input with { RoundtableId = action.RoundtableId };
        var errors = await rules.CheckAsync(input, action, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var before = await DescribeAsync(action, cancellationToken);
        var oldDue = action.DueDate;
        var oldPriority = action.Priority;
        var oldTitle = action.Title;
        var oldDescription = action.Description;
        Apply(action, input);
        var after = await DescribeAsync(action, cancellationToken);
        var entries = new List<ActionHistoryEntry>();
        if (oldTitle != action.Title)
        {
            entries.Add(Entry(actor, ActionHistoryKind.TitleChanged, oldTitle, action.Title, null));
        }

        if (oldDescription != action.Description)
        {
            entries.Add(Entry(actor, ActionHistoryKind.DescriptionChanged, oldDescription, action.Description, null));
        }

        if (before.Source != after.Source)
        {
            entries.Add(Entry(actor, ActionHistoryKind.SourceChanged, before.Source, after.Source, null));
        }

        if (before.Owner != after.Owner)
        {
            entries.Add(Entry(actor, ActionHistoryKind.OwnerChanged, before.Owner, after.Owner, null));
        }

        if (before.StaffLead != after.StaffLead)
        {
            entries.Add(Entry(actor, ActionHistoryKind.StaffLeadChanged, before.StaffLead, after.StaffLead, null));
        }

        if (oldDue != action.DueDate)
        {
            entries.Add(Entry(actor, ActionHistoryKind.DueDateChanged, ActionNames.FormatDate(oldDue), ActionNames.FormatDate(action.DueDate), null));
        }

        if (oldPriority != action.Priority)
        {
            entries.Add(Entry(actor, ActionHistoryKind.PriorityChanged, oldPriority.DisplayName(), action.Priority.DisplayName(), null));
        }

        if (entries.Count == 0)
        {
            return CommandResult.Unchanged(id);
        }

        action.History.AddRange(entries);
        audit.Record("Action.Updated", $"Changed {string.Join(", ", entries.Select(e => e.Kind.Describe().Replace(" changed", "", StringComparison.Ordinal).ToLowerInvariant()))} of the action \"{action.Title}\"", SubjectType, Id(id), action.OwnerOrganisationId, (actor.UserId, actor.Name));
        return await SaveAsync(action, cancellationToken);
    }

    /// <summary>A staff comment; <paramref name="staffOnly"/> keeps it from the owning supplier.</summary>
    public async Task<CommandResult<int>> AddCommentAsync(int id, string? comment, bool staffOnly, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var text = ActionRules.CheckComment(comment, required: true, out var error);
        if (error is not null)
        {
            return CommandResult.Invalid(error).As<int>();
        }

        var action = await LoadAsync(id, cancellationToken);
        if (action is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        var entry = Entry(actor, ActionHistoryKind.Commented, null, null, text);
        entry.StaffOnly = staffOnly;
        action.History.Add(entry);
        audit.Record("Action.Commented", $"Commented on the action \"{action.Title}\"", SubjectType, Id(id), action.OwnerOrganisationId, (actor.UserId, actor.Name));
        return await SaveAsync(action, cancellationToken);
    }

    /// <summary>Staff set any status but Awaiting confirmation, with an optional comment.</summary>
    public async Task<CommandResult<int>> ChangeStatusAsync(int id, ActionStatus status, string? comment, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ActionRules.StaffStatuses.Contains(status))
        {
            return CommandResult.Invalid(new FieldError("Status", "Select a status")).As<int>();
        }

        return await ChangeStatusCoreAsync(id, null, _ => true, status, comment, commentRequired: false, "Action.StatusChanged", actor, cancellationToken);
    }

    /// <summary>Staff accept a supplier's "done": Awaiting confirmation becomes Done.</summary>
    public Task<CommandResult<int>> ConfirmDoneAsync(int id, string? comment, ActionActor actor, CancellationToken cancellationToken) =>
        ChangeStatusCoreAsync(id, null, s => s == ActionStatus.AwaitingConfirmation, ActionStatus.Done, comment, commentRequired: false, "Action.Confirmed", actor, cancellationToken);

    /// <summary>Staff send a supplier's "done" back: Awaiting confirmation becomes Open, with the reason (required).</summary>
    public Task<CommandResult<int>> ReturnToOpenAsync(int id, string? reason, ActionActor actor, CancellationToken cancellationToken) =>
        ChangeStatusCoreAsync(id, null, s => s == ActionStatus.AwaitingConfirmation, ActionStatus.Open, reason, commentRequired: true, "Action.Returned", actor, cancellationToken);

    /// <summary>
    /// A supplier's progress update from the portal: a comment, a status among <see cref="ActionRules.SupplierStatuses"/>, or both.
    /// NotFound unless the action belongs to <paramref name="organisationId"/>; NotAllowed once Done or Cancelled.
    /// </summary>
    public async Task<CommandResult<int>> SupplierUpdateAsync(int organisationId, int id, ActionStatus? status, string? comment, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (status is { } s && !ActionRules.SupplierStatuses.Contains(s))
        {
            return CommandResult.Invalid(new FieldError("Status", "Select a status")).As<int>();
        }

        var text = ActionRules.CheckComment(comment, required: false, out var error);
        if (error is not null)
        {
            return CommandResult.Invalid(error).As<int>();
        }

        var action = await LoadAsync(id, cancellationToken);
        if (action is null || !OwnedBy(action, organisationId))
        {
            return CommandResult.NotFound().As<int>();
        }

        if (!action.Status.IsActive())
        {
            return NotAllowed();
        }

        var changesStatus = status is { } to && to != action.Status;
        if (!changesStatus && text is null)
        {
            return CommandResult.Invalid(new FieldError("Comment", "Enter an update or choose a new status")).As<int>();
        }

        if (changesStatus)
        {
            SetStatus(action, status!.Value, text, actor);
        }
        else
        {
            action.History.Add(Entry(actor, ActionHistoryKind.Commented, null, null, text));
        }

        audit.Record("Action.SupplierUpdated", $"{(changesStatus ? $"Set the status to {status!.Value.DisplayName()} on" : "Added an update to")} the action \"{action.Title}\"", SubjectType, Id(id), organisationId, (actor.UserId, actor.Name));
        return await SaveAsync(action, cancellationToken);
    }

    /// <summary>The owning supplier says the action is done: it waits in Awaiting confirmation for staff.</summary>
    public Task<CommandResult<int>> SupplierMarkDoneAsync(int organisationId, int id, string? comment, ActionActor actor, CancellationToken cancellationToken) =>
        ChangeStatusCoreAsync(id, organisationId, s => s is ActionStatus.Open or ActionStatus.InProgress or ActionStatus.Blocked, ActionStatus.AwaitingConfirmation, comment, commentRequired: false, "Action.MarkedDone", actor, cancellationToken);

    private async Task<CommandResult<int>> ChangeStatusCoreAsync(
        int id, int? organisationId, Func<ActionStatus, bool> allowedFrom, ActionStatus to, string? comment, bool commentRequired, string auditAction, ActionActor actor, CancellationToken cancellationToken)
    {
        var text = ActionRules.CheckComment(comment, commentRequired, out var error);
        if (error is not null)
        {
            return CommandResult.Invalid(error).As<int>();
        }

        var action = await LoadAsync(id, cancellationToken);
        if (action is null || (organisationId is { } org && !OwnedBy(action, org)))
        {
            return CommandResult.NotFound().As<int>();
        }

        if (!allowedFrom(action.Status))
        {
            return NotAllowed();
        }

        if (action.Status == to && text is null)
        {
            return CommandResult.Unchanged(id);
        }

        var from = action.Status;
        if (from == to)
        {
            action.History.Add(Entry(actor, ActionHistoryKind.Commented, null, null, text));
        }
        else
        {
            SetStatus(action, to, text, actor);
        }

        audit.Record(auditAction, $"{from.DisplayName()} to {to.DisplayName()}: the action \"{action.Title}\"", SubjectType, Id(id), action.OwnerOrganisationId, (actor.UserId, actor.Name));
        return await SaveAsync(action, cancellationToken);
    }

    private void SetStatus(FollowUpAction action, ActionStatus to, string? comment, ActionActor actor)
    {
        action.History.Add(Entry(actor, ActionHistoryKind.StatusChanged, action.Status.DisplayName(), to.DisplayName(), comment));
        action.Status = to;
        action.ClosedUtc = to.IsActive() ? null : Now();
    }

    private async Task<CommandResult<int>> SaveAsync(FollowUpAction action, CancellationToken cancellationToken)
    {
        action.Version++;
        action.UpdatedUtc = Now();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict();
        }

        return CommandResult.Done(action.Id);
    }

    private static CommandResult<int> Conflict() =>
        CommandResult.Conflict("Someone else changed this action since it was shown").As<int>();

    private static CommandResult<int> NotAllowed() =>
        CommandResult.NotAllowed("The action's status does not allow this").As<int>();

    private Task<FollowUpAction?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.FollowUpActions.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    private static bool OwnedBy(FollowUpAction action, int organisationId) =>
        action.OwnerKind == ActionOwnerKind.Organisation && action.OwnerOrganisationId == organisationId;

    private static void Apply(FollowUpAction action, ActionInput input)
    {
        action.AgendaItemId = input.AgendaItemId;
        action.DecisionId = input.AgendaItemId is null ? null : input.DecisionId;
        action.Title = TextRules.SingleLine(input.Title)!;
        action.Description = TextRules.MultiLine(input.Description);
        action.OwnerKind = input.OwnerKind;
        action.OwnerUserId = input.OwnerKind == ActionOwnerKind.Staff ? input.OwnerUserId : null;
        action.OwnerOrganisationId = input.OwnerKind == ActionOwnerKind.Organisation ? input.OwnerOrganisationId : null;
        action.OwnerContactId = input.OwnerKind == ActionOwnerKind.Organisation ? input.OwnerContactId : null;
        action.StaffLeadUserId = input.StaffLeadUserId!;
        action.DueDate = input.DueDate;
        action.Priority = input.Priority;
    }

    private async Task<(string Owner, string StaffLead, string Source)> DescribeAsync(FollowUpAction action, CancellationToken cancellationToken)
    {
        async Task<string?> UserName(string? userId) => userId is null ? null
            : await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var organisation = action.OwnerOrganisationId is { } o ? await db.Organisations.Where(x => x.Id == o).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var contact = action.OwnerContactId is { } c ? await db.Contacts.Where(x => x.Id == c).Select(x => x.FullName).SingleOrDefaultAsync(cancellationToken) : null;
        var item = action.AgendaItemId is { } i ? await db.AgendaItems.Where(x => x.Id == i).Select(x => x.Title).SingleOrDefaultAsync(cancellationToken) : null;
        var decision = action.DecisionId is { } d ? await db.Decisions.Where(x => x.Id == d).Select(x => x.Text).SingleOrDefaultAsync(cancellationToken) : null;
        var source = item is null ? "None" : decision is null ? item : $"{item}: {decision}";
        return (ActionNames.Owner(action.OwnerKind, await UserName(action.OwnerUserId), organisation, contact), await UserName(action.StaffLeadUserId) ?? "", source);
    }

    internal static ActionHistoryEntry NewEntry(ActionActor actor, ActionHistoryKind kind, string? from, string? to, string? comment, DateTime atUtc) => new()
    {
        AtUtc = atUtc,
        ActorUserId = actor.UserId,
        ActorName = Truncate(actor.Name, 200)!,
        ActorOrganisationId = actor.OrganisationId,
        Kind = kind,
        FromValue = Truncate(from, ActionHistoryEntry.ValueMaxLength),
        ToValue = Truncate(to, ActionHistoryEntry.ValueMaxLength),
        Comment = comment,
    };

    private ActionHistoryEntry Entry(ActionActor actor, ActionHistoryKind kind, string? from, string? to, string? comment) =>
        NewEntry(actor, kind, from, to, comment, Now());

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
