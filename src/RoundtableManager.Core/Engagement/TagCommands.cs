namespace RoundtableManager.Core.Engagement;

public sealed record TagInput(string? Name, string? Description);

/// <summary>Which organisations a bulk change reaches: those ticked on the page shown, or every one matching the directory's filter.</summary>
public sealed record TagTargets(IReadOnlyCollection<int>? Ticked, DirectoryQuery? AllMatching);

/// <summary>Changes to tags and to which organisations carry them. Every change is audited.</summary>
public sealed class TagCommands(AppDbContext db, IAuditLog audit, TimeProvider time)
{
    public const string SubjectType = "Tag";

    public async Task<CommandResult<int>> CreateAsync(TagInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (name, description, errors) = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var tag = new Tag { Name = name!, NormalisedName = Tag.Normalise(name!), Description = description, CreatedUtc = now, UpdatedUtc = now };
        db.Tags.Add(tag);
        var saved = await SavedAsync(tag, cancellationToken);
        if (saved.Succeeded)
        {
            await audit.RecordNowAsync("Tag.Created", $"Created the tag \"{tag.Name}\"", SubjectType, Id(tag.Id), cancellationToken: cancellationToken);
        }

        return saved;
    }

    public async Task<CommandResult<int>> UpdateAsync(int id, TagInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tag is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        var (name, description, errors) = await ValidateAsync(input, id, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        if (tag.Name == name && tag.Description == description)
        {
            return CommandResult.Unchanged(id);
        }

        audit.Record("Tag.Changed", tag.Name == name ? $"Changed the description of the tag \"{name}\"" : $"Renamed the tag \"{tag.Name}\" to \"{name}\"", SubjectType, Id(id));
        tag.Name = name!;
        tag.NormalisedName = Tag.Normalise(name!);
        tag.Description = description;
        tag.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        return await SavedAsync(tag, cancellationToken);
    }

    /// <summary>Deletes the tag and takes it off every organisation that carries it.</summary>
    public async Task<CommandResult<string>> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tag is null)
        {
            return CommandResult.NotFound().As<string>();
        }

        var carried = await db.OrganisationTags.CountAsync(t => t.TagId == id, cancellationToken);
        db.Tags.Remove(tag);
        audit.Record("Tag.Deleted", $"Deleted the tag \"{tag.Name}\", taking it off {Plural.Count(carried, "organisation")}", SubjectType, Id(id));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(tag.Name);
    }

    /// <summary>Gives one organisation a tag (Unchanged when it already has it).</summary>
    public async Task<CommandResult> AddAsync(int organisationId, int? tagId, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return CommandResult.NotFound();
        }

        var tag = tagId is null ? null : await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tagId, cancellationToken);
        if (tag is null)
        {
            return CommandResult.Invalid(new FieldError("TagId", "Select a tag"));
        }

        if (await db.OrganisationTags.AnyAsync(t => t.OrganisationId == organisationId && t.TagId == tag.Id, cancellationToken))
        {
            return CommandResult.Unchanged();
        }

        db.OrganisationTags.Add(new OrganisationTag { OrganisationId = organisationId, TagId = tag.Id, AddedUtc = time.GetUtcNow().UtcDateTime });
        audit.Record("Tag.Added", $"Tagged {organisation} \"{tag.Name}\"", SubjectType, Id(tag.Id), organisationId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done();
    }

    /// <summary>Takes a tag off one organisation (Unchanged when it did not have it).</summary>
    public async Task<CommandResult> RemoveAsync(int organisationId, int tagId, CancellationToken cancellationToken)
    {
        var link = await db.OrganisationTags.FirstOrDefaultAsync(t => t.OrganisationId == organisationId && t.TagId == tagId, cancellationToken);
        if (link is null)
        {
            return await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken) ? CommandResult.Unchanged() : CommandResult.NotFound();
        }

        var names = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new { Organisation = o.Name, Tag = db.Tags.Where(t => t.Id == tagId).Select(t => t.Name).First() }).FirstAsync(cancellationToken);
        db.OrganisationTags.Remove(link);
        audit.Record("Tag.Removed", $"Took the tag \"{names.Tag}\" off {names.Organisation}", SubjectType, Id(tagId), organisationId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done();
    }

    /// <summary>
    /// Adds (or, when <paramref name="add"/> is false, removes) a tag on many organisations at once: those ticked, or all
    /// matching the directory's filter, worked out here so the page never carries thousands of ids. Returns how many
    /// organisations changed.
    /// </summary>
    public async Task<CommandResult<int>> BulkAsync(int? tagId, bool add, TagTargets targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var tag = tagId is null ? null : await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tagId, cancellationToken);
        if (tag is null)
        {
            return CommandResult.Invalid(new FieldError("TagId", "Select a tag")).As<int>();
        }

        IQueryable<Organisation> organisations;
        if (targets.AllMatching is { } query)
        {
            organisations = SupplierDirectoryQueries.Matching(db, query);
        }
        else if (targets.Ticked is { Count: > 0 } ticked)
        {
            var ids = ticked.ToList();
            organisations = db.Organisations.AsNoTracking().Where(o => EF.Parameter(ids).Contains(o.Id));
        }
        else
        {
            return CommandResult.Invalid(new FieldError("Ids", "Select at least one organisation")).As<int>();
        }

        int changed;
        if (add)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var untagged = await organisations.Where(o => !db.OrganisationTags.Any(t => t.OrganisationId == o.Id && t.TagId == tag.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
            db.OrganisationTags.AddRange(untagged.Select(id => new OrganisationTag { OrganisationId = id, TagId = tag.Id, AddedUtc = now }));
            changed = untagged.Count;
        }
        else
        {
            var tagged = await db.OrganisationTags.Where(t => t.TagId == tag.Id && organisations.Any(o => o.Id == t.OrganisationId)).ToListAsync(cancellationToken);
            db.OrganisationTags.RemoveRange(tagged);
            changed = tagged.Count;
        }

        if (changed == 0)
        {
            return CommandResult.Unchanged(0);
        }

        audit.Record(add ? "Tag.AddedInBulk" : "Tag.RemovedInBulk",
            add ? $"Tagged {Plural.Count(changed, "organisation")} \"{tag.Name}\"" : $"Took the tag \"{tag.Name}\" off {Plural.Count(changed, "organisation")}",
            SubjectType, Id(tag.Id));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(changed);
    }

    private async Task<CommandResult<int>> SavedAsync(Tag tag, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done(tag.Id);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same name between our check and our save: the unique index caught it.
            db.ChangeTracker.Clear();
            return CommandResult.Invalid(new FieldError(nameof(TagInput.Name), "A tag with this name already exists")).As<int>();
        }
    }

    private async Task<(string? Name, string? Description, List<FieldError> Errors)> ValidateAsync(TagInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = errors.CheckSingleLine(nameof(TagInput.Name), "Tag name", input.Name, Tag.NameMaxLength, "Enter the tag name");
        var description = errors.CheckMultiLine(nameof(TagInput.Description), "Description", input.Description, Tag.DescriptionMaxLength);
        if (name?.Contains(SupplierCsv.TagSeparator, StringComparison.Ordinal) == true)
        {
            errors.Add(new(nameof(TagInput.Name), $"Tag name must not contain a semicolon ({SupplierCsv.TagSeparator} separates tags in the directory's CSV files)"));
        }

        if (name is not null && errors.All(e => e.Field != nameof(TagInput.Name)))
        {
            var normalised = Tag.Normalise(name);
            var existing = await db.Tags.AsNoTracking().Where(t => t.NormalisedName == normalised && t.Id != id).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                errors.Add(new(nameof(TagInput.Name), $"A tag called {existing} already exists"));
            }
        }

        return (name, description, errors);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
