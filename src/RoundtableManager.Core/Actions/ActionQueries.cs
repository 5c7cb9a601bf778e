using System.Linq.Expressions;

namespace RoundtableManager.Core.Actions;

/// <summary>
/// Reads of the action register for the staff pages and the supplier portal: one action, the register's page and
/// counts (worked out by the database), an organisation's actions, progress over time, and the choices a form offers.
/// </summary>
public sealed class ActionQueries(AppDbContext db, AgendaService agenda, ActionDueCounts dueCounts, TimeProvider time)
{
    /// <summary>Every status but Done and Cancelled, listed so the database can read them as ranges of its status index.</summary>
    private static readonly ActionStatus[] ActiveStatuses = [.. Enum.GetValues<ActionStatus>().Where(s => s is not (ActionStatus.Done or ActionStatus.Cancelled))];

    /// <summary>How many roundtables either side of today the register's roundtable filter offers.</summary>
    public const int FilterRoundtables = 20;

    /// <summary>Today in the UK.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(UkTime.ToUk(time.GetUtcNow().UtcDateTime));

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
        var filtered = Filter(scope, query, today, weekEnds);
        ActionCounts counts;
        int total;
        if (IsWholeRegister(query))
        {
            // The whole register: every figure from the kept counts by status and due date (a row per key, not per action).
            var tallies = await dueCounts.ReadAsync(cancellationToken);
            counts = Counts(tallies, today, weekEnds);
            // The same filter as the page's rows, over one stand-in action per key weighing its count (an entity has no
            // Equals of its own, so each stand-in is its own dictionary key).
            var weights = tallies.ToDictionary(t => new FollowUpAction { Status = t.Status, DueDate = t.DueDate }, t => t.Count);
            total = Filter(weights.Keys.AsQueryable(), query, today, weekEnds).AsEnumerable().Sum(a => weights[a]);
        }
        else
        {
            // Part of it (a roundtable, an owner, mine): four counts, each a range of the (Status, DueDate) index within
            // the part; one grouped count over every row sorted them into a temporary b-tree first (bench/HISTORY.md).
            var active = scope.Where(a => EF.Constant(ActiveStatuses).Contains(a.Status));
            counts = new ActionCounts(
                await active.CountAsync(cancellationToken),
                await active.CountAsync(a => a.DueDate < today, cancellationToken),
                await active.CountAsync(a => a.DueDate >= today && a.DueDate <= weekEnds, cancellationToken),
                await scope.CountAsync(a => a.Status == ActionStatus.AwaitingConfirmation, cancellationToken));
            total = await filtered.CountAsync(cancellationToken);
        }

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

    /// <summary>
    /// The register's roundtable filter: the <see cref="FilterRoundtables"/> latest to have started and as many of the
    /// next to start, newest first, and the one already chosen. A programme's thousands would make a list nobody can use
    /// (and a page that grows with them); any roundtable's actions are one link from its own page.
    /// </summary>
    public async Task<IReadOnlyList<ActionChoice>> ListFilterRoundtablesAsync(int? selected, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var roundtables = db.Roundtables.AsNoTracking();
        var next = await roundtables.Where(r => r.StartsUtc >= now).OrderBy(r => r.StartsUtc).ThenBy(r => r.Id).Take(FilterRoundtables)
            .Select(r => new { r.Id, r.Title, r.StartsUtc }).ToListAsync(cancellationToken);
        var latest = await roundtables.Where(r => r.StartsUtc < now).OrderByDescending(r => r.StartsUtc).ThenByDescending(r => r.Id).Take(FilterRoundtables)
            .Select(r => new { r.Id, r.Title, r.StartsUtc }).ToListAsync(cancellationToken);
        var chosen = selected is { } id && !next.Concat(latest).Any(r => r.Id == id)
            ? await roundtables.Where(r => r.Id == id).Select(r => new { r.Id, r.Title, r.StartsUtc }).ToListAsync(cancellationToken)
            : [];
        return next.Concat(latest).Concat(chosen)
            .OrderByDescending(r => r.StartsUtc).ThenByDescending(r => r.Id)
            .Select(r => new ActionChoice(Id(r.Id), $"{r.Title} ({UkTime.FormatDate(r.StartsUtc)})"))
            .ToList();
    }

    /// <summary>
    /// The register's organisation filter: organisations (not archived) that own at least one action, by name, and the
    /// one already chosen. Read from the actions' owner index, so it grows with the actions organisations own, not with
    /// the directory.
    /// </summary>
    public async Task<IReadOnlyList<ActionChoice>> ListOwningOrganisationsAsync(int? selected, CancellationToken cancellationToken)
    {
        var owners = db.FollowUpActions.Where(a => a.OwnerOrganisationId != null).Select(a => a.OwnerOrganisationId!.Value).Distinct();
        return (await db.Organisations.AsNoTracking()
            .Where(o => (owners.Contains(o.Id) && !o.IsArchived) || o.Id == selected)
            .OrderBy(o => o.NormalisedName)
            .Select(o => new { o.Id, o.Name })
            .ToListAsync(cancellationToken))
            .Select(o => new ActionChoice(Id(o.Id), o.Name))
            .ToList();
    }

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

    /// <summary>No filter narrows the register to part of it, so the kept counts by status and due date answer every figure.</summary>
    private static bool IsWholeRegister(ActionQuery query) =>
        query is { RoundtableId: null, AgendaItemId: null, OwnerUserId: null, OrganisationId: null, MineUserId: null };

    private static ActionCounts Counts(IReadOnlyList<ActionDueTally> tallies, DateOnly today, DateOnly weekEnds)
    {
        var active = tallies.Where(t => ActiveStatuses.Contains(t.Status));
        return new ActionCounts(
            active.Sum(t => t.Count),
            active.Where(t => t.DueDate < today).Sum(t => t.Count),
            active.Where(t => t.DueDate >= today && t.DueDate <= weekEnds).Sum(t => t.Count),
            tallies.Where(t => t.Status == ActionStatus.AwaitingConfirmation).Sum(t => t.Count));
    }

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

    private static ActionStatus ParseStatus(string? value) =>
        ActionNames.Statuses.FirstOrDefault(s => s.DisplayName() == value, ActionStatus.Open);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
