namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>The Tags column: what the directory's tags are now, and the tags a confirmed import creates and adds.</summary>
public sealed partial class SupplierImportService
{
    /// <summary>Every tag, and the tags each organisation the file names already carries.</summary>
    private async Task SnapshotTagsAsync(DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        foreach (var tag in await db.Tags.AsNoTracking().Select(t => new { t.NormalisedName, t.Name }).ToListAsync(cancellationToken))
        {
            snapshot.Tags[tag.NormalisedName] = tag.Name;
        }

        var organisationIds = _trackedOrganisations.Values.Select(o => o.Id).ToList();
        if (organisationIds.Count == 0)
        {
            // Only new organisations (a first import): none carries a tag yet, and there is nothing to ask.
            return;
        }

        var carried = await db.OrganisationTags.AsNoTracking().Where(t => EF.Parameter(organisationIds).Contains(t.OrganisationId))
            .Join(db.Organisations, t => t.OrganisationId, o => o.Id, (t, o) => new { Organisation = o.NormalisedName, t.TagId })
            .Join(db.Tags, t => t.TagId, tag => tag.Id, (t, tag) => new { t.Organisation, Tag = tag.NormalisedName })
            .ToListAsync(cancellationToken);
        foreach (var link in carried)
        {
            if (!snapshot.OrganisationTags.TryGetValue(link.Organisation, out var set))
            {
                snapshot.OrganisationTags[link.Organisation] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(link.Tag);
        }
    }

    /// <summary>
    /// Creates the tags the file names that do not exist yet, then gives each organisation the tags the plan adds; each
    /// new tag and each tag's additions are in the audit log, like the same changes made on the tag pages.
    /// </summary>
    private async Task SaveTagsAsync(ImportPlan plan, Dictionary<string, int> organisationIds, DateTime now, CancellationToken cancellationToken)
    {
        var additions = plan.Organisations.SelectMany(o => o.AddedTags.Select(tag => (Organisation: o.Key, Tag: tag))).ToList();
        if (additions.Count == 0)
        {
            return;
        }

        var created = plan.NewTags.Select(name => new Tag { Name = name, NormalisedName = Tag.Normalise(name), CreatedUtc = now, UpdatedUtc = now }).ToList();
        db.Tags.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var tag in created)
        {
            audit.Record("Tag.Created", $"Created the tag \"{tag.Name}\" (CSV import)", TagCommands.SubjectType, tag.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var keys = additions.Select(a => a.Tag).Distinct(StringComparer.Ordinal).ToList();
        var tags = await db.Tags.AsNoTracking().Where(t => EF.Parameter(keys).Contains(t.NormalisedName)).ToDictionaryAsync(t => t.NormalisedName, cancellationToken);
        db.OrganisationTags.AddRange(additions.Select(a => new OrganisationTag { OrganisationId = organisationIds[a.Organisation], TagId = tags[a.Tag].Id, AddedUtc = now }));
        foreach (var group in additions.GroupBy(a => a.Tag))
        {
            var tag = tags[group.Key];
            audit.Record("Tag.AddedInBulk", $"Tagged {Plural.Count(group.Count(), "organisation")} \"{tag.Name}\" (CSV import)", TagCommands.SubjectType, tag.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
