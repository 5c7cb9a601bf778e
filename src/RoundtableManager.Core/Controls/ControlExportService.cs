using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Audit;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Core.Controls;

/// <summary>The heatmap's data for a spreadsheet: one row per organisation and control, for every page of the filter. Audited.</summary>
public sealed class ControlExportService(AppDbContext db, ControlReports reports, IAuditLog audit)
{
    public static readonly IReadOnlyList<string> Headers =
    [
        "Organisation", "Organisation type", "Control set", "Control id", "Control", "Status", "Verification", "Target date",
        "Not applicable because", "Returned because", "Last answered", "Verified",
    ];

    public async Task<(string SetName, IReadOnlyList<IReadOnlyList<string?>> Rows)> RowsAsync(HeatmapQuery query, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        var setName = await db.ControlSets.AsNoTracking().Where(s => s.Id == query.SetId).Select(s => s.Name).FirstAsync(cancellationToken);
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
        var rows = answers.Select(a => (IReadOnlyList<string?>)
        [
            a.Organisation, a.Type.DisplayName(), setName, a.Code, a.Title, a.AnsweredUtc is null ? "Not answered" : a.Status.DisplayName(),
            a.Verification.DisplayName(), a.TargetDate is { } d && a.Status.NeedsTargetDate() ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            a.Status == ControlStatus.NotApplicable ? a.NotApplicableReason : null, a.Verification == ControlVerification.Returned ? a.ReturnReason : null,
            a.AnsweredUtc is { } answered ? UkTime.Format(answered) : null, a.VerifiedUtc is { } verified ? UkTime.Format(verified) : null,
        ]).ToList();
        audit.Record("Controls.Exported", $"Exported {Plural.Count(rows.Count, "answer")} of \"{setName}\"", ControlSetCommands.SubjectType, ControlSetCommands.Id(query.SetId), actor: (actor.UserId, actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return (setName, rows);
    }

    /// <summary>As CSV (UTF-8 with a byte order mark, every cell protected against formulas).</summary>
    public async Task<byte[]> CsvAsync(HeatmapQuery query, ControlActor actor, CancellationToken cancellationToken) =>
        SupplierCsv.Write(Headers, (await RowsAsync(query, actor, cancellationToken)).Rows);
}
