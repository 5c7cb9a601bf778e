namespace RoundtableManager.Core.Actions;

public sealed class ActionExportService(AppDbContext db, ActionQueries actions, IAuditLog audit)
{
    public static readonly IReadOnlyList<string> Headers =
    [
        "Action ID", "Title", "Roundtable", "Agenda item", "Decision", "Description", "Owner", "Owner email", "Staff lead",
        "Due date", "Priority", "Status", "Overdue", "Created", "Closed",
        "History date", "History by", "History event", "From", "To", "Comment", "Staff only",
    ];

    /// <summary>
    /// The actions the register shows for the same filters (every page), one row per history entry, oldest first, with
    /// the action's columns repeated so each row stands alone in a spreadsheet. Every cell is protected against formulas.
    /// </summary>
    public async Task<byte[]> ExportCsvAsync(ActionQuery query, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        var today = actions.Today();
        var rows = await actions.Query(query)
            .OrderBy(a => a.DueDate)
            .ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id,
                a.Title,
                Roundtable = a.Roundtable.Title,
                AgendaItem = a.AgendaItem == null ? null : a.AgendaItem.Title,
                Decision = a.Decision == null ? null : a.Decision.Text,
                a.Description,
                a.OwnerKind,
                OwnerUser = a.OwnerUser == null ? null : a.OwnerUser.DisplayName,
                OwnerUserEmail = a.OwnerUser == null ? null : a.OwnerUser.Email,
                Organisation = a.OwnerOrganisation == null ? null : a.OwnerOrganisation.Name,
                Contact = a.OwnerContact == null ? null : a.OwnerContact.FullName,
                ContactEmail = a.OwnerContact == null ? null : a.OwnerContact.Email,
                StaffLead = a.StaffLead.DisplayName,
                a.DueDate,
                a.Priority,
                a.Status,
                a.CreatedUtc,
                a.ClosedUtc,
                History = a.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id)
                    .Select(h => new { h.AtUtc, h.ActorName, h.Kind, h.FromValue, h.ToValue, h.Comment, h.StaffOnly }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var lines = new List<IReadOnlyList<string?>>();
        foreach (var a in rows)
        {
            string?[] action =
            [
                a.Id.ToString(CultureInfo.InvariantCulture), a.Title, a.Roundtable, a.AgendaItem, a.Decision, a.Description,
                ActionNames.Owner(a.OwnerKind, a.OwnerUser, a.Organisation, a.Contact), a.OwnerKind == ActionOwnerKind.Staff ? a.OwnerUserEmail : a.ContactEmail,
                a.StaffLead, a.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Priority.DisplayName(), a.Status.DisplayName(),
                a.Status.IsActive() && a.DueDate < today ? "Yes" : "No", UkTime.Format(a.CreatedUtc), a.ClosedUtc is { } closed ? UkTime.Format(closed) : null,
            ];
            lines.AddRange(a.History.Select(h => (IReadOnlyList<string?>)
                [.. action, UkTime.Format(h.AtUtc), h.ActorName, h.Kind.Describe(), h.FromValue, h.ToValue, h.Comment, h.StaffOnly ? "Yes" : "No"]));
        }

        audit.Record("Action.Exported", $"Exported {Plural.Count(rows.Count, "action")} with their history to CSV", ActionCommands.SubjectType, actor: (actor.UserId, actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return SupplierCsv.Write(Headers, lines);
    }
}
