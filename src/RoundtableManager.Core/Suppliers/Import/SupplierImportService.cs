using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RoundtableManager.Core.Suppliers.Import;

public sealed partial class SupplierImportService(AppDbContext db, TimeProvider time, Audit.IAuditLog audit, ImportPlanCache plans)
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    public const string MaxFileSizeText = "5MB";
    public const string DirectoryChangedMessage = "Someone changed the directory while this file was being imported, so nothing was saved. Check the preview and confirm again.";
    public const string PreviewOutdatedMessage = "Someone changed the directory since this preview was made, so nothing was saved. Check the preview again and confirm.";
    public static readonly TimeSpan BatchLifetime = TimeSpan.FromHours(24);

    // New contacts saved per SaveChanges during confirm; each chunk is let go once saved.
    private const int SaveChunk = 1_000;

    /// <summary>
    /// Checks the file and keeps it for preview and confirm. Refuses, with a message for the person, anything that is
    /// empty, too big, not a .csv, not UTF-8 text, or has no organisation column.
    /// </summary>
    public async Task<CommandResult<Guid>> UploadAsync(string userId, string fileName, Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (length == 0)
        {
            return Refuse("The selected file is empty");
        }

        if (length > MaxFileBytes)
        {
            return Refuse($"The selected file must be smaller than {MaxFileSizeText}");
        }

        if (!string.Equals(Path.GetExtension(fileName), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("The selected file must be a CSV");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxFileBytes)
        {
            return Refuse($"The selected file must be smaller than {MaxFileSizeText}");
        }

        var text = SupplierCsv.DecodeUtf8(buffer.ToArray());
        if (text is null || text.Contains('\0', StringComparison.Ordinal))
        {
            return Refuse("The selected file must be a CSV saved as UTF-8 (in Excel, save as \u2018CSV UTF-8\u2019)");
        }

        var file = SupplierCsv.Read(text, firstRecordOnly: true);
        if (!file.Columns.ContainsKey(ImportColumn.Organisation))
        {
            return Refuse("The selected file must have a column headed Organisation");
        }

        if (file.Records.Count == 0)
        {
            return Refuse("The selected file has no rows below its headings");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.ImportBatches.Where(b => b.ExpiresUtc < now).ExecuteDeleteAsync(cancellationToken);
        // A file's name is not typed but comes from the person's computer, which allows line breaks and direction
        // overrides in it: it is made one line rather than refused.
        var name = TextRules.ToOneLine(Path.GetFileName(fileName));
        var batch = new ImportBatch
        {
            Id = Guid.NewGuid(),
            UploadedById = userId,
            FileName = name.Length > ImportBatch.FileNameMaxLength ? name[..ImportBatch.FileNameMaxLength] : name,
            CreatedUtc = now,
            ExpiresUtc = now + BatchLifetime,
        };
        db.Add(batch);
        db.Add(new ImportBatchFile { ImportBatchId = batch.Id, Content = text });
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(batch.Id);
    }

    /// <summary>What confirming would do, row by row. Saves nothing. Null when there is no such upload for this user.</summary>
    public async Task<ImportPreview?> PreviewAsync(Guid id, string userId, bool? unknownTypesAsOther, CancellationToken cancellationToken)
    {
        var batch = await FindAsync(id, userId, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var asOther = batch.ConfirmedUtc is null ? unknownTypesAsOther ?? false : batch.UnknownTypesAsOther;
        var expired = batch.ConfirmedUtc is null && batch.ExpiresUtc <= time.GetUtcNow().UtcDateTime;
        var content = await ContentAsync(batch.Id, cancellationToken);
        var file = SupplierCsv.Read(content);
        var plan = batch.ResultRows is null ? await AnalyseAsync(batch, file, content.Length, asOther, cancellationToken) : null;
        var rows = plan?.Rows ?? Restore(file, batch.ResultRows!);
        var recognised = file.Columns.ToDictionary(c => c.Key, c => file.Headers[c.Value]);
        return new ImportPreview(batch.Id, batch.FileName, batch.CreatedUtc, batch.ConfirmedUtc, batch.ResultSummary, expired, asOther,
            recognised, file.IgnoredHeaders, rows, ImportCounts.From(rows)) { NewTags = plan?.NewTags ?? [] };
    }

    /// <summary>
    /// Saves every row without errors in one transaction: the plan the preview showed when this process still holds it
    /// and the directory's rows for the file are as the preview read them (else nothing is saved), or the same analysis
    /// run again against the directory as it is now. A batch is imported at most once.
    /// </summary>
    /// <returns>Done with the summary; Unchanged with the summary when it was imported already; NotAllowed when it expired; Conflict when the directory changed meanwhile (nothing saved).</returns>
    public async Task<CommandResult<string>> ConfirmAsync(Guid id, string userId, bool unknownTypesAsOther, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(() => ConfirmInTransactionAsync(id, userId, unknownTypesAsOther, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT })
        {
            // Someone added the same organisation or email while we were importing; the transaction rolled back, so
            // nothing of this import is kept (not even the claim).
            db.ChangeTracker.Clear();
            return CommandResult.Conflict(DirectoryChangedMessage).As<string>();
        }
        catch (PreviewOutdatedException)
        {
            // The claim rolled back with the rest: the preview shows the file against the directory as it is now.
            db.ChangeTracker.Clear();
            return CommandResult.Conflict(PreviewOutdatedMessage).As<string>();
        }
    }

    /// <summary>The directory's rows for the file differ from those the preview's plan was made from.</summary>
    private sealed class PreviewOutdatedException : Exception;

    private async Task<CommandResult<string>> ConfirmInTransactionAsync(Guid id, string userId, bool unknownTypesAsOther, CancellationToken cancellationToken)
    {
        var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == id && b.UploadedById == userId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (batch is null)
        {
            return CommandResult.NotFound().As<string>();
        }

        if (batch.ConfirmedUtc is not null)
        {
            return CommandResult.Unchanged(batch.ResultSummary ?? "");
        }

        if (batch.ExpiresUtc <= now)
        {
            return CommandResult.NotAllowed("This upload has expired: upload the file again").As<string>();
        }

        // Claim the batch first, so a double-clicked confirm cannot import twice.
        var claimed = await db.ImportBatches.Where(b => b.Id == id && b.ConfirmedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ConfirmedUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return CommandResult.Unchanged(batch.ResultSummary ?? "");
        }

        var plan = await PlanForConfirmAsync(batch, unknownTypesAsOther, cancellationToken);
        var summary = ImportCounts.From(plan.Rows).Summary() + (plan.NewTags.Count == 0 ? "" : $"; {Plural.Count(plan.NewTags.Count, "new tag")}");
        batch.ConfirmedUtc = now;
        batch.UnknownTypesAsOther = unknownTypesAsOther;
        batch.ResultSummary = summary;
        batch.ResultRows = JsonSerializer.Serialize(plan.Rows.Select(r => new StoredRow(r.Record.RowNumber, r.Status, r.Error, r.UnknownType, r.MadePrimary)));
        var organisationIds = await SaveAsync(plan, now, cancellationToken);
        await SaveTagsAsync(plan, organisationIds, now, cancellationToken);
        Operations.OperationsMetrics.Imported(plan.Rows.Select(r => r.Status));
        return CommandResult.Done(summary);
    }

    /// <summary>
    /// The rows with errors as a CSV to fix and upload again: the file's own columns, then the row each came from (as a
    /// spreadsheet numbers the uploaded file, which is what the errors' "row 4" means) and the error. The import
    /// ignores those two columns.
    /// </summary>
    public async Task<byte[]?> ErrorRowsCsvAsync(Guid id, string userId, bool? unknownTypesAsOther, CancellationToken cancellationToken)
    {
        var preview = await PreviewAsync(id, userId, unknownTypesAsOther, cancellationToken);
        if (preview is null)
        {
            return null;
        }

        var file = SupplierCsv.Read(await ContentAsync(id, cancellationToken));
        var headers = file.Headers.Append("Original row").Append("Error").ToList();
        var rows = preview.Rows.Where(r => r.Status == ImportRowStatus.Error)
            .Select(r => (IReadOnlyList<string?>)Enumerable.Range(0, file.Headers.Count)
                .Select(i => i < r.Record.Fields.Count ? SupplierCsv.Unprotect(r.Record.Fields[i]) : "")
                .Append(r.Record.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(r.Error)
                .ToList());
        return SupplierCsv.Write(headers, rows);
    }

    /// <summary>The rows as the confirm left them, with the names and emails read from the file for display.</summary>
    private static List<ImportRowResult> Restore(SupplierCsvFile file, string stored)
    {
        var records = file.Records.ToDictionary(r => r.RowNumber);
        return JsonSerializer.Deserialize<List<StoredRow>>(stored)!
            .Where(s => records.ContainsKey(s.Row))
            .Select(s =>
            {
                var record = records[s.Row];
                return new ImportRowResult(record, file.Value(record, ImportColumn.Organisation), file.Value(record, ImportColumn.ContactName),
                    file.Value(record, ImportColumn.Email), s.Status, s.Error, s.UnknownType) { MadePrimary = s.MadePrimary };
            })
            .ToList();
    }

    private sealed record StoredRow(int Row, ImportRowStatus Status, string? Error, bool UnknownType, bool MadePrimary);

    /// <summary>A refused upload: the message shows beside the file field.</summary>
    private static CommandResult<Guid> Refuse(string message) => CommandResult.Invalid(new FieldError("File", message)).As<Guid>();

    /// <summary>The upload's text (<see cref="ImportBatchFile"/>); only for a batch already found for its uploader.</summary>
    private Task<string> ContentAsync(Guid batchId, CancellationToken cancellationToken) =>
        db.ImportBatchFiles.Where(f => f.ImportBatchId == batchId).Select(f => f.Content).FirstAsync(cancellationToken);

    private Task<ImportBatch?> FindAsync(Guid id, string userId, CancellationToken cancellationToken) =>
        db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.UploadedById == userId, cancellationToken);

    /// <summary>
    /// Saves the plan inside the caller's transaction. Existing organisations and contacts change through the change
    /// tracker; new ones (nearly all rows of a first import) are written on SQLite by <see cref="SqliteInserter"/>'s
    /// set-based INSERTs, because EF Core's per-entity tracking and command building made a 10,000-row confirm take
    /// seconds, and one prepared statement per row and per search word still took most of the confirm. Other providers
    /// save new rows through EF Core in chunks with change detection run once per save.
    /// </summary>
    private async Task<Dictionary<string, int>> SaveAsync(ImportPlan plan, DateTime now, CancellationToken cancellationToken)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var bulk = db.Database.IsSqlite() ? new SqliteInserter(db) : null;
            // Organisations the file names but leaves unchanged are in the snapshot, not in the plan.
            var organisationIds = _trackedOrganisations.ToDictionary(o => o.Key, o => o.Value.Id, StringComparer.Ordinal);
            var created = new List<Organisation>();
            foreach (var planned in plan.Organisations)
            {
                if (_trackedOrganisations.TryGetValue(planned.Key, out var organisation))
                {
                    organisation.Type = planned.Type;
                    organisation.CompaniesHouseNumber = planned.CompaniesHouseNumber;
                    organisation.Website = planned.Website;
                    organisation.Notes = planned.Notes;
                    organisation.UpdatedUtc = now;
                    continue;
                }

                created.Add(new Organisation
                {
                    Name = planned.Name, NormalisedName = planned.Key, Type = planned.Type, CompaniesHouseNumber = planned.CompaniesHouseNumber,
                    Website = planned.Website, Notes = planned.Notes, CreatedUtc = now, UpdatedUtc = now,
                });
            }

            if (bulk is not null)
            {
                foreach (var (key, id) in bulk.Insert(created, now))
                {
                    organisationIds[key] = id;
                }
            }
            else
            {
                db.Organisations.AddRange(created);
                await SaveChunkAsync(cancellationToken);
                foreach (var organisation in created)
                {
                    organisationIds[organisation.NormalisedName] = organisation.Id;
                }
            }

            var bulkContacts = await SaveContactsAsync(plan.Contacts, organisationIds, bulk, now, cancellationToken);
            if (bulk is not null)
            {
                CountBulkRows(created, bulkContacts, organisationIds);
            }

            await SaveChunkAsync(cancellationToken);
            return organisationIds;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// The directory's counts (<see cref="DirectoryCount"/> rows) for the rows written past the change tracker, added to
    /// the save that follows, where <see cref="DirectoryCountInterceptor"/> counts the tracked changes: each new
    /// organisation with its contacts, and each new contact of an existing organisation under that organisation as
    /// stored before this save (the interceptor then moves a retyped organisation's contacts, new ones included). This
    /// replaced counting the whole directory again after every import.
    /// </summary>
    private void CountBulkRows(List<Organisation> organisations, List<Contact> contacts, Dictionary<string, int> organisationIds)
    {
        var keys = _trackedOrganisations.Values.ToDictionary(
            o => o.Id, o => (IsArchived: db.Entry(o).Property(p => p.IsArchived).OriginalValue, Type: db.Entry(o).Property(p => p.Type).OriginalValue));
        var changes = new Dictionary<(bool IsArchived, OrganisationType Type), (int Organisations, int Contacts)>();
        foreach (var organisation in organisations)
        {
            keys[organisationIds[organisation.NormalisedName]] = (false, organisation.Type);
            var (count, contactCount) = changes.GetValueOrDefault((false, organisation.Type));
            changes[(false, organisation.Type)] = (count + 1, contactCount);
        }

        foreach (var contact in contacts)
        {
            var key = keys[contact.OrganisationId];
            var (count, contactCount) = changes.GetValueOrDefault(key);
            changes[key] = (count, contactCount + 1);
        }

        db.DirectoryCounts.AddRange(changes.Select(c => new DirectoryCount
        {
            IsArchived = c.Key.IsArchived, Type = c.Key.Type, Organisations = c.Value.Organisations, Contacts = c.Value.Contacts,
        }));
    }

    /// <summary>New contacts inserted (in one go on SQLite, else in chunks through EF Core), changed ones updated; returns those inserted in one go.</summary>
    private async Task<List<Contact>> SaveContactsAsync(IEnumerable<PlannedContact> contacts, Dictionary<string, int> organisationIds, SqliteInserter? bulk, DateTime now, CancellationToken cancellationToken)
    {
        var created = new List<Contact>();
        foreach (var chunk in contacts.Chunk(SaveChunk))
        {
            foreach (var planned in chunk)
            {
                var key = Contact.Normalise(planned.Email);
                var isNew = !_trackedContacts.TryGetValue(key, out var contact);
                contact ??= new Contact { CreatedUtc = now };
                contact.OrganisationId = organisationIds[planned.OrganisationKey];
                contact.FullName = planned.FullName;
                contact.Email = planned.Email;
                contact.NormalisedEmail = key;
                contact.JobTitle = planned.JobTitle;
                contact.Phone = planned.Phone;
                contact.IsPrimary = planned.IsPrimary;
                contact.UpdatedUtc = now;
                if (isNew && bulk is not null)
                {
                    created.Add(contact);
                }
                else if (isNew)
                {
                    db.Contacts.Add(contact);
                }
            }

            if (bulk is null)
            {
                await SaveChunkAsync(cancellationToken);
            }
        }

        if (bulk is not null)
        {
            bulk.Insert(created, now);
        }

        return created;
    }

    /// <summary>Saves what is tracked, then lets go of the contacts just added so later chunks do not carry them.</summary>
    private async Task SaveChunkAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var added = db.ChangeTracker.Entries<Contact>().Where(e => e.State == EntityState.Added).ToList();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }
    }
}
