namespace RoundtableManager.Core.Suppliers;

public sealed class SupplierExportService(AppDbContext db)
{
    /// <summary>
    /// The organisations the list page shows for the same search and filters, one row per contact (an organisation
    /// without contacts gets one row), in the columns the import reads (the organisation's tags on each of its rows), so an export imports back unchanged.
    /// </summary>
    public async Task<byte[]> ExportCsvAsync(DirectoryQuery filter, CancellationToken cancellationToken)
    {
        var organisations = await SupplierDirectoryQueries.Matching(db, filter)
            .OrderBy(o => o.NormalisedName)
            .Select(o => new
            {
                o.Name,
                o.Type,
                o.CompaniesHouseNumber,
                o.Website,
                o.Notes,
                Tags = db.OrganisationTags.Where(t => t.OrganisationId == o.Id).Join(db.Tags, t => t.TagId, t => t.Id, (_, t) => t)
                    .OrderBy(t => t.NormalisedName).Select(t => t.Name).ToList(),
                Contacts = o.Contacts.OrderByDescending(c => c.IsPrimary).ThenBy(c => c.FullName)
                    .Select(c => new { c.FullName, c.Email, c.JobTitle, c.Phone, c.IsPrimary }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var rows = new List<IReadOnlyList<string?>>();
        foreach (var o in organisations)
        {
            var organisation = new[] { o.Name, o.Type.DisplayName(), o.CompaniesHouseNumber, o.Website, o.Notes };
            var tags = o.Tags.Count == 0 ? null : SupplierCsv.JoinTags(o.Tags);
            if (o.Contacts.Count == 0)
            {
                rows.Add([.. organisation, null, null, null, null, null, tags]);
            }

            rows.AddRange(o.Contacts.Select(c => (IReadOnlyList<string?>)[.. organisation, c.FullName, c.Email, c.JobTitle, c.Phone, c.IsPrimary ? "Yes" : "No", tags]));
        }

        return SupplierCsv.Write(SupplierCsv.ExportColumns.Select(c => c.Header).ToList(), rows);
    }
}
