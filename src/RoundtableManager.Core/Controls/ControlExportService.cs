namespace RoundtableManager.Core.Controls;

/// <summary>The heatmap's data for a spreadsheet: one row per organisation and control, for every page of the filter. Audited.</summary>
public sealed class ControlExportService(AppDbContext db, ControlReports reports, IAuditLog audit)
{
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        new("Organisation"), new("Organisation type"), new("Control set"), new("Control id"), new("Control"), new("Status"), new("Verification"),
        new("Target date", CellKind.Date), new("Not applicable because"), new("Returned because"), new("Last answered", CellKind.DateTime), new("Verified", CellKind.DateTime),
        new("Marking"),
    ];

    /// <summary>One row per organisation and control of the set (not retired), for every organisation matching the filter, as a table to download as CSV or XLSX.</summary>
    public async Task<ReportTable> TableAsync(HeatmapQuery query, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        var set = await db.ControlSets.AsNoTracking().Where(s => s.Id == query.SetId).Select(s => new { s.Name, s.Marking }).FirstAsync(cancellationToken);
        var setName = set.Name;
        // A file travels further than the page: the set's marking goes in every row and in the caption (the workbook's title and sheet).
        var marking = set.Marking?.Label();
        var organisations = reports.Organisations(query);
        var answers = await db.ControlAnswers.AsNoTracking()
            .Where(a => a.Control.ControlSetId == query.SetId && a.Control.RetiredUtc == null && organisations.Any(o => o.Id == a.OrganisationId))
            .Join(db.Organisations, a => a.OrganisationId, o => o.Id, (a, o) => new
            {
                Organisation = o.Name,
                o.NormalisedName,
                o.Type,
                a.Control.Code,
                a.Control.Title,
                a.Control.Position,
                a.Status,
                a.Verification,
                a.TargetDate,
                a.NotApplicableReason,
                a.ReturnReason,
                a.AnsweredUtc,
                a.VerifiedUtc,
            })
            .OrderBy(r => r.NormalisedName).ThenBy(r => r.Position)
            .ToListAsync(cancellationToken);
        var rows = answers.Select(a => (IReadOnlyList<TableCell>)
        [
            a.Organisation, a.Type.DisplayName(), setName, a.Code, a.Title, a.AnsweredUtc is null ? "Not answered" : a.Status.DisplayName(),
            a.Verification.DisplayName(), TableCell.Of(a.Status.NeedsTargetDate() ? a.TargetDate : null),
            a.Status == ControlStatus.NotApplicable ? a.NotApplicableReason : null, a.Verification == ControlVerification.Returned ? a.ReturnReason : null,
            TableCell.Instant(a.AnsweredUtc), TableCell.Instant(a.VerifiedUtc), marking,
        ]).ToList();
        audit.Record("Controls.Exported", $"Exported {Plural.Count(rows.Count, "answer")} of \"{setName}\"", ControlSetCommands.SubjectType, ControlSetCommands.Id(query.SetId), actor: (actor.UserId, actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return new ReportTable($"{(marking is null ? "" : marking + " ")}Security controls: {setName}", Columns, rows).Checked();
    }
}
