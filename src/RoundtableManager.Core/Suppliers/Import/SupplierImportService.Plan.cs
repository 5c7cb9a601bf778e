namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>The plan: the directory's rows for the names and emails a file gives, and the analysis against them.</summary>
public sealed partial class SupplierImportService
{
    /// <summary>The file analysed against the directory as it is now; the plan is kept for the confirm (<see cref="ImportPlanCache"/>).</summary>
    private async Task<ImportPlan> AnalyseAsync(ImportBatch batch, SupplierCsvFile file, int fileLength, bool asOther, CancellationToken cancellationToken)
    {
        var keys = Keys(file);
        var snapshot = await SnapshotAsync(keys, tracked: false, cancellationToken);
        var plan = SupplierImportAnalysis.Analyse(file, snapshot, asOther);
        if (batch.ConfirmedUtc is null)
        {
            plans.Keep(batch.Id, new PreviewedPlan(plan, asOther, keys, snapshot), fileLength);
        }

        return plan;
    }

    private readonly Dictionary<string, Organisation> _trackedOrganisations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Contact> _trackedContacts = new(StringComparer.Ordinal);

    /// <summary>
    /// The preview's plan when this process kept it for the same choice of unknown types and the directory's rows for
    /// the file are unchanged since (read again here, tracked, inside the confirm's transaction); a plan made from rows
    /// that have changed is refused, never applied. Without a kept plan, the file is analysed again.
    /// </summary>
    private async Task<ImportPlan> PlanForConfirmAsync(ImportBatch batch, bool unknownTypesAsOther, CancellationToken cancellationToken)
    {
        if (plans.Take(batch.Id) is { } previewed && previewed.UnknownTypesAsOther == unknownTypesAsOther)
        {
            var now = await SnapshotAsync(previewed.Keys, tracked: true, cancellationToken);
            return now.SameAs(previewed.Snapshot) ? previewed.Plan : throw new PreviewOutdatedException();
        }

        var file = SupplierCsv.Read(await ContentAsync(batch.Id, cancellationToken));
        return SupplierImportAnalysis.Analyse(file, await SnapshotAsync(Keys(file), tracked: true, cancellationToken), unknownTypesAsOther);
    }

    private static DirectoryKeys Keys(SupplierCsvFile file) => new(
        file.Records.Select(r => file.Value(r, ImportColumn.Organisation)).OfType<string>().Select(Organisation.Normalise).Distinct(StringComparer.Ordinal).ToList(),
        file.Records.Select(r => file.Value(r, ImportColumn.Email)).OfType<string>().Select(Contact.Normalise).Distinct(StringComparer.Ordinal).ToList());

    private async Task<DirectorySnapshot> SnapshotAsync(DirectoryKeys keys, bool tracked, CancellationToken cancellationToken)
    {
        var (names, emails) = (keys.Names, keys.Emails);
        var snapshot = new DirectorySnapshot();
        _trackedOrganisations.Clear();
        _trackedContacts.Clear();
        // Each list is one parameter (a JSON array), so one query per list whatever its length: on SQLite a join on the
        // list (SqliteLookup), elsewhere EF.Parameter (OPENJSON on SQL Server) instead of EF Core 10's default of one
        // SQL parameter per value.
        var sqlite = db.Database.IsSqlite();
        var organisations = sqlite
            ? SqliteLookup.WhereKeyIn(db, db.Organisations, nameof(Organisation.NormalisedName), names)
            : db.Organisations.Where(o => EF.Parameter(names).Contains(o.NormalisedName));
        foreach (var o in await (tracked ? organisations : organisations.AsNoTracking()).ToListAsync(cancellationToken))
        {
            snapshot.Organisations[o.NormalisedName] = new OrganisationState(o.Name, o.Type, o.CompaniesHouseNumber, o.Website, o.Notes);
            _trackedOrganisations[o.NormalisedName] = o;
        }

        await SnapshotTagsAsync(snapshot, cancellationToken);

        var contacts = (sqlite
            ? SqliteLookup.WhereKeyIn(db, db.Contacts, nameof(Contact.NormalisedEmail), emails)
            : db.Contacts.Where(c => EF.Parameter(emails).Contains(c.NormalisedEmail))).Include(c => c.Organisation);
        foreach (var c in await (tracked ? contacts : contacts.AsNoTracking()).ToListAsync(cancellationToken))
        {
            snapshot.Contacts[c.NormalisedEmail] = new ContactState(c.Organisation.NormalisedName, c.Organisation.Name, c.FullName, c.Email, c.JobTitle, c.Phone, c.IsPrimary);
            _trackedContacts[c.NormalisedEmail] = c;
        }

        return snapshot;
    }
}
