using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Agenda;
using RoundtableManager.Core.Audit;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Core.Actions;

/// <summary>
/// The action register, used by the staff pages and the supplier portal alike. Every change writes one history entry per
/// thing changed and one audit event, in the same SaveChanges as the change; every change raises the action's Version.
/// </summary>
public sealed class ActionService(AppDbContext db, AgendaService agenda, IAuditLog audit, TimeProvider time)
{
    public const string SubjectType = "FollowUpAction";

    /// <summary>Statuses a supplier may set from the portal (Done goes through <see cref="SupplierMarkDoneAsync"/>).</summary>
    public static readonly IReadOnlyList<ActionStatus> SupplierStatuses = [ActionStatus.Open, ActionStatus.InProgress, ActionStatus.Blocked];

    /// <summary>Statuses staff may set directly (AwaitingConfirmation is the supplier's signal, not staff's).</summary>
    public static readonly IReadOnlyList<ActionStatus> StaffStatuses = [ActionStatus.Open, ActionStatus.InProgress, ActionStatus.Blocked, ActionStatus.Done, ActionStatus.Cancelled];

    /// <summary>Today in the UK.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(UkTime.ToUk(time.GetUtcNow().UtcDateTime));

    public async Task<ActionChangeResult> CreateAsync(ActionInput input, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return new ActionChangeResult(ActionOutcome.Invalid, 0, errors);
        }

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

        // The audit event names the new id, so the action is saved first; one transaction keeps the two together.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record("Action.Created", $"Created the action \"{action.Title}\" due {ActionNames.FormatDate(action.DueDate)}", SubjectType, Id(action.Id), action.OwnerOrganisationId, (actor.UserId, actor.Name));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return ActionChangeResult.Of(ActionOutcome.Saved, action.Id);
    }

    /// <summary>
    /// Saves an edit made from the copy at <paramref name="expectedVersion"/>: refused with Conflict if the action has
    /// changed since. Writes a history entry for each field that changed. The roundtable of an action does not change.
    /// </summary>
    public async Task<ActionChangeResult> UpdateAsync(int id, int expectedVersion, ActionInput input, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var action = await LoadAsync(id, cancellationToken);
        if (action is null)
        {
            return ActionChangeResult.Of(ActionOutcome.NotFound);
        }

        if (action.Version != expectedVersion)
        {
            return ActionChangeResult.Of(ActionOutcome.Conflict, id);
        }

        input = input with { RoundtableId = action.RoundtableId };
        var errors = await ValidateAsync(input, action, cancellationToken);
        if (errors.Count > 0)
        {
            return new ActionChangeResult(ActionOutcome.Invalid, id, errors);
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
            return ActionChangeResult.Of(ActionOutcome.Unchanged, id);
        }

        action.History.AddRange(entries);
        audit.Record("Action.Updated", $"Changed {string.Join(", ", entries.Select(e => e.Kind.Describe().Replace(" changed", "", StringComparison.Ordinal).ToLowerInvariant()))} of the action \"{action.Title}\"", SubjectType, Id(id), action.OwnerOrganisationId, (actor.UserId, actor.Name));
        return await SaveAsync(action, cancellationToken);
    }

    /// <summary>A staff comment; <paramref name="staffOnly"/> keeps it from the owning supplier.</summary>
    public async Task<ActionChangeResult> AddCommentAsync(int id, string? comment, bool staffOnly, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var text = CheckComment(comment, required: true, out var error);
        if (error is not null)
        {
            return ActionChangeResult.Invalid(error);
        }

        var action = await LoadAsync(id, cancellationToken);
        if (action is null)
        {
            return ActionChangeResult.Of(ActionOutcome.NotFound);
        }

        var entry = Entry(actor, ActionHistoryKind.Commented, null, null, text);
        entry.StaffOnly = staffOnly;
        action.History.Add(entry);
        audit.Record("Action.Commented", $"Commented on the action \"{action.Title}\"", SubjectType, Id(id), action.OwnerOrganisationId, (actor.UserId, actor.Name));
        return await SaveAsync(action, cancellationToken);
    }

    /// <summary>Staff set any status but Awaiting confirmation, with an optional comment.</summary>
    public async Task<ActionChangeResult> ChangeStatusAsync(int id, ActionStatus status, string? comment, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!StaffStatuses.Contains(status))
        {
            return ActionChangeResult.Invalid(new FieldError("Status", "Select a status"));
        }

        return await ChangeStatusCoreAsync(id, null, _ => true, status, comment, commentRequired: false, "Action.StatusChanged", actor, cancellationToken);
    }

    /// <summary>Staff accept a supplier's "done": Awaiting confirmation becomes Done.</summary>
    public Task<ActionChangeResult> ConfirmDoneAsync(int id, string? comment, ActionActor actor, CancellationToken cancellationToken) =>
        ChangeStatusCoreAsync(id, null, s => s == ActionStatus.AwaitingConfirmation, ActionStatus.Done, comment, commentRequired: false, "Action.Confirmed", actor, cancellationToken);

    /// <summary>Staff send a supplier's "done" back: Awaiting confirmation becomes Open, with the reason (required).</summary>
    public Task<ActionChangeResult> ReturnToOpenAsync(int id, string? reason, ActionActor actor, CancellationToken cancellationToken) =>
        ChangeStatusCoreAsync(id, null, s => s == ActionStatus.AwaitingConfirmation, ActionStatus.Open, reason, commentRequired: true, "Action.Returned", actor, cancellationToken);

    /// <summary>
    /// A supplier's progress update from the portal: a comment, a status among <see cref="SupplierStatuses"/>, or both.
    /// NotFound unless the action belongs to <paramref name="organisationId"/>; NotAllowed once Done or Cancelled.
    /// </summary>
    public async Task<ActionChangeResult> SupplierUpdateAsync(int organisationId, int id, ActionStatus? status, string? comment, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (status is { } s && !SupplierStatuses.Contains(s))
        {
            return ActionChangeResult.Invalid(new FieldError("Status", "Select a status"));
        }

        var text = CheckComment(comment, required: false, out var error);
        if (error is not null)
        {
            return ActionChangeResult.Invalid(error);
        }

        var action = await LoadAsync(id, cancellationToken);
        if (action is null || !OwnedBy(action, organisationId))
        {
            return ActionChangeResult.Of(ActionOutcome.NotFound);
        }

        if (!action.Status.IsActive())
        {
            return ActionChangeResult.Of(ActionOutcome.NotAllowed, id);
        }

        var changesStatus = status is { } to && to != action.Status;
        if (!changesStatus && text is null)
        {
            return ActionChangeResult.Invalid(new FieldError("Comment", "Enter an update or choose a new status"));
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
    public Task<ActionChangeResult> SupplierMarkDoneAsync(int organisationId, int id, string? comment, ActionActor actor, CancellationToken cancellationToken) =>
        ChangeStatusCoreAsync(id, organisationId, s => s is ActionStatus.Open or ActionStatus.InProgress or ActionStatus.Blocked, ActionStatus.AwaitingConfirmation, comment, commentRequired: false, "Action.MarkedDone", actor, cancellationToken);

    /// <summary>An action with its history (newest first) and evidence; with <paramref name="organisationId"/>, only if that organisation owns it, without staff-only notes.</summary>
    public async Task<ActionDetails?> GetAsync(int id, CancellationToken cancellationToken, int? organisationId = null)
    {
        var query = db.FollowUpActions.AsNoTracking().Where(a => a.Id == id);
        if (organisationId is { } org)
        {
            query = query.Where(a => a.OwnerKind == ActionOwnerKind.Organisation && a.OwnerOrganisationId == org);
        }

        var supplierView = organisationId is not null;
        return await query.Select(a => new ActionDetails(
                a.Id,
                a.RoundtableId,
                a.Roundtable.Title,
                a.AgendaItemId,
                a.AgendaItem == null ? null : a.AgendaItem.Title,
                a.DecisionId,
                a.Decision == null ? null : a.Decision.Text,
                a.Title,
                a.Description,
                a.OwnerKind,
                a.OwnerUserId,
                a.OwnerUser == null ? null : a.OwnerUser.DisplayName,
                a.OwnerOrganisationId,
                a.OwnerOrganisation == null ? null : a.OwnerOrganisation.Name,
                a.OwnerContactId,
                a.OwnerContact == null ? null : a.OwnerContact.FullName,
                a.OwnerContact == null ? null : a.OwnerContact.Email,
                a.StaffLeadUserId,
                a.StaffLead.DisplayName,
                a.DueDate,
                a.Priority,
                a.Status,
                a.CreatedUtc,
                a.UpdatedUtc,
                a.ClosedUtc,
                a.Version,
                a.History.Where(h => !supplierView || !h.StaffOnly).OrderByDescending(h => h.AtUtc).ThenByDescending(h => h.Id)
                    .Select(h => new ActionHistoryView(h.Id, h.AtUtc, h.ActorName, h.ActorOrganisationId != null, h.Kind, h.FromValue, h.ToValue, h.Comment, h.StaffOnly)).ToList(),
                a.Evidence.OrderBy(e => e.AddedUtc).ThenBy(e => e.Id)
                    .Select(e => new ActionEvidenceView(e.Id, e.Kind, e.Title, e.Url, e.OriginalFileName, e.ContentType, e.SizeBytes, e.AddedByName, e.AddedUtc)).ToList()))
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The register: one page in due-date order and the counts, both worked out by the database.</summary>
    public async Task<ActionRegisterPage> ListAsync(ActionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = Today();
        var weekEnds = WeekEnds(today);
        var scope = Scope(db.FollowUpActions.AsNoTracking(), query);
        var counts = await scope
            .GroupBy(_ => 1)
            .Select(g => new ActionCounts(
                g.Count(a => a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled),
                g.Count(a => a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled && a.DueDate < today),
                g.Count(a => a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled && a.DueDate >= today && a.DueDate <= weekEnds),
                g.Count(a => a.Status == ActionStatus.AwaitingConfirmation)))
            .SingleOrDefaultAsync(cancellationToken) ?? new ActionCounts(0, 0, 0, 0);

        var filtered = Filter(scope, query, today, weekEnds);
        var total = await filtered.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + ActionQuery.PageSize - 1) / ActionQuery.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var items = await filtered
            .OrderBy(a => a.DueDate)
            .ThenBy(a => a.Id)
            .Skip((page - 1) * ActionQuery.PageSize)
            .Take(ActionQuery.PageSize)
            .Select(ListItem(today))
            .ToListAsync(cancellationToken);
        return new ActionRegisterPage(items, page, total, counts, today, weekEnds);
    }

    /// <summary>An organisation's actions for its portal: the ones still to do first, each group by due date.</summary>
    public async Task<IReadOnlyList<ActionListItem>> ListForOrganisationAsync(int organisationId, CancellationToken cancellationToken)
    {
        var today = Today();
        return await db.FollowUpActions.AsNoTracking()
            .Where(a => a.OwnerKind == ActionOwnerKind.Organisation && a.OwnerOrganisationId == organisationId)
            .OrderBy(a => a.Status == ActionStatus.Done || a.Status == ActionStatus.Cancelled ? 1 : 0)
            .ThenBy(a => a.DueDate)
            .ThenBy(a => a.Id)
            .Select(ListItem(today))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Actions matching the register's filters (all pages), for exports.</summary>
    public IQueryable<FollowUpAction> Query(ActionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = Today();
        return Filter(Scope(db.FollowUpActions.AsNoTracking(), query), query, today, WeekEnds(today));
    }

    /// <summary>
    /// Open, done and overdue actions of a roundtable at the end of each week (UK dates), from the week of its first
    /// action to today, worked out from the status history.
    /// </summary>
    public async Task<IReadOnlyList<ActionProgressPoint>> ProgressAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var actions = await db.FollowUpActions.AsNoTracking()
            .Where(a => a.RoundtableId == roundtableId)
            .Select(a => new { a.Id, a.CreatedUtc, a.DueDate })
            .ToListAsync(cancellationToken);
        if (actions.Count == 0)
        {
            return [];
        }

        var changes = await db.ActionHistory.AsNoTracking()
            .Where(h => h.Kind == ActionHistoryKind.StatusChanged && db.FollowUpActions.Any(a => a.Id == h.ActionId && a.RoundtableId == roundtableId))
            .Select(h => new { h.ActionId, h.AtUtc, h.Id, h.ToValue })
            .ToListAsync(cancellationToken);
        var byAction = changes.GroupBy(c => c.ActionId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.AtUtc).ThenBy(c => c.Id).ToList());
        var today = Today();
        var first = DateOnly.FromDateTime(UkTime.ToUk(actions.Min(a => a.CreatedUtc)));
        var points = new List<ActionProgressPoint>();
        for (var date = WeekEnds(first); ; date = date.AddDays(7))
        {
            var day = date > today ? today : date;
            var endUtc = UkTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
            int open = 0, done = 0, overdue = 0;
            foreach (var action in actions.Where(a => a.CreatedUtc < endUtc))
            {
                var last = byAction.GetValueOrDefault(action.Id)?.LastOrDefault(c => c.AtUtc < endUtc);
                var status = last is null ? ActionStatus.Open : ParseStatus(last.ToValue);
                if (status == ActionStatus.Done)
                {
                    done++;
                }
                else if (status.IsActive())
                {
                    open++;
                    if (action.DueDate < day)
                    {
                        overdue++;
                    }
                }
            }

            points.Add(new ActionProgressPoint(day, open, done, overdue));
            if (day >= today)
            {
                break;
            }
        }

        return points;
    }

    /// <summary>The errors <see cref="CreateAsync"/> or <see cref="UpdateAsync"/> would give, without saving anything.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(ActionInput input, int? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = id is null ? null : await db.FollowUpActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return await ValidateAsync(existing is null ? input : input with { RoundtableId = existing.RoundtableId }, existing, cancellationToken);
    }

    /// <summary>An agenda item with its roundtable and decisions, for an action added from the item; null if there is no such item.</summary>
    public async Task<ActionSource?> GetSourceAsync(int agendaItemId, CancellationToken cancellationToken)
    {
        var item = await db.AgendaItems.AsNoTracking()
            .Where(i => i.Id == agendaItemId)
            .Select(i => new
            {
                i.RoundtableId,
                RoundtableTitle = db.Roundtables.Where(r => r.Id == i.RoundtableId).Select(r => r.Title).Single(),
                i.Title,
                Decisions = i.Decisions.OrderBy(d => d.RecordedUtc).ThenBy(d => d.Id).Select(d => new { d.Id, d.Text }).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        return item is null ? null
            : new ActionSource(item.RoundtableId, item.RoundtableTitle, agendaItemId, item.Title, item.Decisions.Select(d => new ActionChoice(Id(d.Id), d.Text)).ToList());
    }

    /// <summary>Roundtables to choose from, newest first.</summary>
    public async Task<IReadOnlyList<ActionChoice>> ListRoundtablesAsync(CancellationToken cancellationToken) =>
        (await db.Roundtables.AsNoTracking().OrderByDescending(r => r.StartsUtc).Select(r => new { r.Id, r.Title, r.StartsUtc }).ToListAsync(cancellationToken))
            .Select(r => new ActionChoice(Id(r.Id), $"{r.Title} ({UkTime.FormatDate(r.StartsUtc)})"))
            .ToList();

    /// <summary>Organisers and staff who can own or lead an action, by name.</summary>
    public async Task<IReadOnlyList<ActionChoice>> ListStaffAsync(CancellationToken cancellationToken) =>
        (await agenda.ListLeadsAsync(cancellationToken)).Select(l => new ActionChoice(l.UserId, l.Name)).ToList();

    /// <summary>Supplier organisations (not archived), for the owner choice and the register's filter.</summary>
    public async Task<IReadOnlyList<ActionChoice>> ListOrganisationsAsync(CancellationToken cancellationToken) =>
        (await db.Organisations.AsNoTracking()
            .Where(o => !o.IsArchived)
            .OrderBy(o => o.NormalisedName)
            .Select(o => new { o.Id, o.Name })
            .ToListAsync(cancellationToken))
        .Select(o => new ActionChoice(Id(o.Id), o.Name))
        .ToList();

    /// <summary>The contacts of one organisation who can be an action's named contact (not erased), by name.</summary>
    public async Task<IReadOnlyList<ActionChoice>> ListContactsAsync(int organisationId, CancellationToken cancellationToken) =>
        (await db.Contacts.AsNoTracking()
            .Where(c => c.OrganisationId == organisationId && c.ErasedUtc == null)
            .OrderBy(c => c.FullName)
            .Select(c => new { c.Id, c.FullName, c.Email })
            .ToListAsync(cancellationToken))
        .Select(c => new ActionChoice(Id(c.Id), $"{c.FullName} ({c.Email})"))
        .ToList();

    /// <summary>Sunday of the UK week (Monday to Sunday) that <paramref name="day"/> is in.</summary>
    public static DateOnly WeekEnds(DateOnly day) => day.AddDays((7 - (int)day.DayOfWeek) % 7);

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

    private static Expression<Func<FollowUpAction, ActionListItem>> ListItem(DateOnly today) => a => new ActionListItem(
        a.Id,
        a.Title,
        a.RoundtableId,
        a.Roundtable.Title,
        a.OwnerKind,
        a.OwnerUser == null ? null : a.OwnerUser.DisplayName,
        a.OwnerOrganisation == null ? null : a.OwnerOrganisation.Name,
        a.OwnerContact == null ? null : a.OwnerContact.FullName,
        a.StaffLead.DisplayName,
        a.DueDate,
        a.Priority,
        a.Status,
        a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled && a.DueDate < today);

    private static IQueryable<FollowUpAction> Scope(IQueryable<FollowUpAction> actions, ActionQuery query)
    {
        if (query.RoundtableId is { } roundtable)
        {
            actions = actions.Where(a => a.RoundtableId == roundtable);
        }

        if (query.AgendaItemId is { } item)
        {
            actions = actions.Where(a => a.AgendaItemId == item);
        }

        if (query.OwnerUserId is { } owner)
        {
            actions = actions.Where(a => a.OwnerUserId == owner);
        }

        if (query.OrganisationId is { } organisation)
        {
            actions = actions.Where(a => a.OwnerOrganisationId == organisation);
        }

        if (query.MineUserId is { } me)
        {
            actions = actions.Where(a => a.OwnerUserId == me || a.StaffLeadUserId == me);
        }

        return actions;
    }

    private static IQueryable<FollowUpAction> Filter(IQueryable<FollowUpAction> actions, ActionQuery query, DateOnly today, DateOnly weekEnds)
    {
        if (query.Status is { } status)
        {
            actions = actions.Where(a => a.Status == status);
        }
        else if (query.ActiveOnly || query.Overdue || query.DueThisWeek)
        {
            actions = actions.Where(a => a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled);
        }

        if (query.Overdue && query.DueThisWeek)
        {
            actions = actions.Where(a => a.DueDate <= weekEnds);
        }
        else if (query.Overdue)
        {
            actions = actions.Where(a => a.DueDate < today && a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled);
        }
        else if (query.DueThisWeek)
        {
            actions = actions.Where(a => a.DueDate >= today && a.DueDate <= weekEnds);
        }

        return actions;
    }

    private async Task<ActionChangeResult> ChangeStatusCoreAsync(
        int id, int? organisationId, Func<ActionStatus, bool> allowedFrom, ActionStatus to, string? comment, bool commentRequired, string auditAction, ActionActor actor, CancellationToken cancellationToken)
    {
        var text = CheckComment(comment, commentRequired, out var error);
        if (error is not null)
        {
            return ActionChangeResult.Invalid(error);
        }

        var action = await LoadAsync(id, cancellationToken);
        if (action is null || (organisationId is { } org && !OwnedBy(action, org)))
        {
            return ActionChangeResult.Of(ActionOutcome.NotFound);
        }

        if (!allowedFrom(action.Status))
        {
            return ActionChangeResult.Of(ActionOutcome.NotAllowed, id);
        }

        if (action.Status == to && text is null)
        {
            return ActionChangeResult.Of(ActionOutcome.Unchanged, id);
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

    private async Task<ActionChangeResult> SaveAsync(FollowUpAction action, CancellationToken cancellationToken)
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
            return ActionChangeResult.Of(ActionOutcome.Conflict, action.Id);
        }

        return ActionChangeResult.Of(ActionOutcome.Saved, action.Id);
    }

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

    private async Task<List<FieldError>> ValidateAsync(ActionInput input, FollowUpAction? existing, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!await db.Roundtables.AnyAsync(r => r.Id == input.RoundtableId, cancellationToken))
        {
            errors.Add(new("RoundtableId", "Select the roundtable"));
        }

        if (input.AgendaItemId is { } itemId)
        {
            if (!await db.AgendaItems.AnyAsync(i => i.Id == itemId && i.RoundtableId == input.RoundtableId, cancellationToken))
            {
                errors.Add(new("AgendaItemId", "Select an agenda item of this roundtable"));
            }
            else if (input.DecisionId is { } decisionId && !await db.Decisions.AnyAsync(d => d.Id == decisionId && d.AgendaItemId == itemId, cancellationToken))
            {
                errors.Add(new("DecisionId", "Select a decision of this agenda item"));
            }
        }
        else if (input.DecisionId is not null)
        {
            errors.Add(new("DecisionId", "Select the agenda item the decision was made in"));
        }

        var title = TextRules.SingleLine(input.Title);
        if (title is null)
        {
            errors.Add(new("Title", "Enter the title"));
        }
        else if (!TextRules.IsSingleLine(title))
        {
            errors.Add(new("Title", TextRules.SingleLineMessage("Title")));
        }
        else if (title.Length > FollowUpAction.TitleMaxLength)
        {
            errors.Add(new("Title", $"Title must be {FollowUpAction.TitleMaxLength} characters or fewer"));
        }

        var description = TextRules.MultiLine(input.Description);
        if (!TextRules.IsCleanMultiLine(description))
        {
            errors.Add(new("Description", TextRules.MultiLineMessage("Description")));
        }
        else if (description is { Length: > FollowUpAction.DescriptionMaxLength })
        {
            errors.Add(new("Description", $"Description must be {FollowUpAction.DescriptionMaxLength:N0} characters or fewer"));
        }

        var staff = await ListStaffAsync(cancellationToken);
        var keptOrganisation = existing?.OwnerOrganisationId;
        if (!Enum.IsDefined(input.OwnerKind))
        {
            errors.Add(new("OwnerKind", "Select who owns the action"));
        }
        else if (input.OwnerKind == ActionOwnerKind.Staff)
        {
            if (input.OwnerUserId is null || (staff.All(s => s.Value != input.OwnerUserId) && input.OwnerUserId != existing?.OwnerUserId))
            {
                errors.Add(new("OwnerUserId", "Select the staff member who owns the action"));
            }
        }
        else if (input.OwnerOrganisationId is not { } organisationId || !await db.Organisations.AnyAsync(o => o.Id == organisationId && (!o.IsArchived || o.Id == keptOrganisation), cancellationToken))
        {
            errors.Add(new("OwnerOrganisationId", "Select the supplier organisation that owns the action"));
        }
        else if (input.OwnerContactId is not { } contactId)
        {
            errors.Add(new("OwnerContactId", "Select a contact at the organisation"));
        }
        else if (!await db.Contacts.AnyAsync(c => c.Id == contactId && c.OrganisationId == organisationId && c.ErasedUtc == null, cancellationToken))
        {
            errors.Add(new("OwnerContactId", "Select a contact who works for the chosen organisation"));
        }

        if (input.StaffLeadUserId is null || (staff.All(s => s.Value != input.StaffLeadUserId) && input.StaffLeadUserId != existing?.StaffLeadUserId))
        {
            errors.Add(new("StaffLeadUserId", "Select the staff lead"));
        }

        if (input.DueDate < Today() && input.DueDate != existing?.DueDate)
        {
            errors.Add(new("DueDate", "Due date must be today or in the future"));
        }

        if (!Enum.IsDefined(input.Priority))
        {
            errors.Add(new("Priority", "Select the priority"));
        }

        return errors;
    }

    private static string? CheckComment(string? comment, bool required, out FieldError? error)
    {
        var text = TextRules.MultiLine(comment);
        error = text switch
        {
            null when required => new FieldError("Comment", "Enter a comment"),
            _ when !TextRules.IsCleanMultiLine(text) => new FieldError("Comment", TextRules.MultiLineMessage("Comment")),
            { Length: > ActionHistoryEntry.CommentMaxLength } => new FieldError("Comment", $"Comment must be {ActionHistoryEntry.CommentMaxLength:N0} characters or fewer"),
            _ => null,
        };
        return text;
    }

    private ActionHistoryEntry Entry(ActionActor actor, ActionHistoryKind kind, string? from, string? to, string? comment) =>
        NewEntry(actor, kind, from, to, comment, Now());

    private static ActionStatus ParseStatus(string? value) =>
        ActionNames.Statuses.FirstOrDefault(s => s.DisplayName() == value, ActionStatus.Open);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
