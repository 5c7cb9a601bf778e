namespace RoundtableManager.Core.Suppliers.Import;

internal static partial class SupplierImportAnalysis
{
    /// <summary>
    /// The analysis of one file, row by row in named steps: read and check the text, parse the organisation's values,
    /// check the contact, find or plan the organisation, check the row agrees with earlier rows, then apply it.
    /// </summary>
    /// <param name="rowCount">The file's rows: the per-row lists and dictionaries are made that size once instead of growing.</param>
    private sealed class Analysis(DirectorySnapshot directory, bool unknownTypesAsOther, int rowCount)
    {
        private readonly List<ImportRowResult> _rows = new(rowCount);
        private readonly Dictionary<string, PlannedOrganisation> _organisations = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PlannedContact> _contacts = new(rowCount, StringComparer.Ordinal);
        private readonly Dictionary<string, (int Row, string Email)> _emailsSeen = new(rowCount, StringComparer.Ordinal);
        private readonly Dictionary<string, (int Index, bool PrimaryGiven)> _newContactRows = new(rowCount, StringComparer.Ordinal);
        private readonly Dictionary<string, string> _newTags = new(StringComparer.Ordinal);

        // Each row's values are read once (Value unprotects and trims); organisation values repeat on every row of the
        // same organisation, so their parsing and checks are worked out once per distinct text.
        private static readonly ImportColumn[] Columns = Enum.GetValues<ImportColumn>();
        private readonly string?[] _values = new string?[Columns.Length];
        private readonly Dictionary<string, (bool Known, OrganisationType Type)> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Normalised, bool Valid)> _numbers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Normalised, bool Invalid)> _websites = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (bool Known, bool Value)> _yesNo = new(StringComparer.Ordinal);

        private string? Get(ImportColumn column) => _values[(int)column];

        public void Add(SupplierCsvFile file, CsvRecord record)
        {
            var row = new RowCheck(record);
            ReadText(file, row);
            CheckRequiredAndLengths(row);
            ParseType(row);
            ParseCompanyNumberAndWebsite(row);
            ParsePrimary(row);
            ParseTags(row);
            CheckContact(row);
            FindOrPlanOrganisation(row);
            CheckAgreesWithEarlierRows(row);
            if (row.Errors.Count > 0)
            {
                _rows.Add(new ImportRowResult(record, row.Shown.Organisation, row.Shown.ContactName, row.Shown.Email, ImportRowStatus.Error, string.Join("; ", row.Errors), row.UnknownType));
                return;
            }

            // Only a row without errors changes the plan.
            var status = ApplyOrganisation(row);
            status = ApplyTags(row, status);
            status = ApplyContact(row, status);
            _rows.Add(new ImportRowResult(record, Get(ImportColumn.Organisation), Get(ImportColumn.ContactName), Get(ImportColumn.Email), status, null, row.UnknownType));
        }

        public ImportPlan Plan()
        {
            MakeFirstContactsPrimary(_organisations, _contacts, _newContactRows, _rows);
            return new ImportPlan(_rows, _organisations.Values.Where(o => o.IsNew || o.Changed).ToList(), _contacts.Values.ToList(), _newTags.Values.ToList());
        }

        private void ReadText(SupplierCsvFile file, RowCheck row)
        {
            foreach (var column in Columns)
            {
                _values[(int)column] = file.Value(row.Record, column);
            }

            row.Shown = (Get(ImportColumn.Organisation), Get(ImportColumn.ContactName), Get(ImportColumn.Email));
            foreach (var (column, label) in SingleLineColumns)
            {
                if (!TextRules.IsSingleLine(_values[(int)column]))
                {
                    row.Errors.Add(TextRules.SingleLineMessage(label));
                    _values[(int)column] = null;
                    row.Broken = true;
                }
            }

            var notes = TextRules.MultiLine(Get(ImportColumn.Notes));
            if (!TextRules.IsCleanMultiLine(notes))
            {
                row.Errors.Add(TextRules.MultiLineMessage("Notes"));
            }

            _values[(int)ImportColumn.Notes] = notes;
        }

        private void CheckRequiredAndLengths(RowCheck row)
        {
            if (Get(ImportColumn.Organisation) is null && !row.Broken)
            {
                row.Errors.Add("Missing organisation name");
            }

            foreach (var (column, label, max) in Lengths)
            {
                if (Get(column)?.Length > max)
                {
                    row.Errors.Add($"{label} is too long (maximum {max:N0} characters)");
                }
            }
        }

        private void ParseType(RowCheck row)
        {
            if (Get(ImportColumn.Type) is not { } typeText)
            {
                return;
            }

            var typeParse = Once(_types, typeText, t => (Known: SupplierCsv.TryParseType(t, out var parsed), Type: parsed));
            if (typeParse.Known)
            {
                row.Type = typeParse.Type;
            }
            else if (unknownTypesAsOther)
            {
                row.Type = OrganisationType.Other;
                row.UnknownType = true;
            }
            else
            {
                row.UnknownType = true;
                row.Errors.Add($"Unknown type \u2018{typeText}\u2019: use MSP, SI or Other");
            }
        }

        private void ParseCompanyNumberAndWebsite(RowCheck row)
        {
            if (Get(ImportColumn.CompaniesHouseNumber) is { } numberText)
            {
                var number = Once(_numbers, numberText, t =>
                {
                    var normalised = SupplierRules.NormaliseCompaniesHouseNumber(t);
                    return (Normalised: normalised, Valid: SupplierRules.IsValidCompaniesHouseNumber(normalised));
                });
                row.CompanyNumber = number.Normalised;
                if (!number.Valid)
                {
                    row.Errors.Add("Companies House number must be 8 characters, like 01234567 or SC123456");
                }
            }

            if (Get(ImportColumn.Website) is { } websiteText)
            {
                var address = Once(_websites, websiteText, t =>
                {
                    var normalised = SupplierRules.NormaliseWebsite(t);
                    return (Normalised: normalised, Invalid: normalised.Length <= SupplierRules.WebsiteMaxLength && !SupplierRules.IsValidWebsite(normalised));
                });
                row.Website = address.Normalised;
                if (address.Invalid)
                {
                    row.Errors.Add("Website must be a web address, like https://www.example.com");
                }
            }
        }

        private void ParsePrimary(RowCheck row)
        {
            if (Get(ImportColumn.Primary) is not { } primaryText)
            {
                return;
            }

            var primaryParse = Once(_yesNo, primaryText, t => (Known: SupplierCsv.TryParseYesNo(t, out var parsed), Value: parsed));
            if (primaryParse.Known)
            {
                row.Primary = primaryParse.Value;
            }
            else
            {
                row.Errors.Add("Primary contact must be Yes or No");
            }
        }

        /// <summary>The Tags cell: names separated by semicolons, each within a tag name's length.</summary>
        private void ParseTags(RowCheck row)
        {
            row.Tags = SupplierCsv.SplitTags(Get(ImportColumn.Tags));
            foreach (var tag in row.Tags.Where(t => t.Length > Engagement.Tag.NameMaxLength))
            {
                row.Errors.Add($"Tag \u2018{tag[..20]}\u2026\u2019 is too long (maximum {Engagement.Tag.NameMaxLength} characters)");
            }
        }

        /// <summary>
        /// Tags only add: each one the organisation does not carry yet (matched ignoring case to existing tags) makes
        /// the row an update; a tag that does not exist yet is created on confirm, named as the file first spells it.
        /// </summary>
        private ImportRowStatus ApplyTags(RowCheck row, ImportRowStatus status)
        {
            var planned = row.Planned!;
            var carried = planned.IsNew ? null : directory.OrganisationTags.GetValueOrDefault(planned.Key);
            var added = false;
            foreach (var tag in row.Tags)
            {
                var key = Engagement.Tag.Normalise(tag);
                if (!directory.Tags.ContainsKey(key))
                {
                    _newTags.TryAdd(key, tag);
                }

                if (carried?.Contains(key) != true && planned.AddedTags.Add(key))
                {
                    added = true;
                }
            }

            if (!added)
            {
                return status;
            }

            planned.Changed |= !planned.IsNew;
            return status == ImportRowStatus.Unchanged ? ImportRowStatus.Update : status;
        }

        /// <summary>A row with any contact value needs a valid email address, unique in the file and in the directory, and a name.</summary>
        private void CheckContact(RowCheck row)
        {
            var email = Get(ImportColumn.Email);
            var hasContact = Get(ImportColumn.ContactName) is not null || email is not null || Get(ImportColumn.JobTitle) is not null
                || Get(ImportColumn.Phone) is not null || row.Primary is not null;
            if (hasContact && !row.Broken)
            {
                if (email is null)
                {
                    row.Errors.Add("Missing email address");
                }
                else if (email.Length <= Contact.EmailMaxLength && !SupplierRules.IsValidEmail(email))
                {
                    row.Errors.Add("Invalid email address");
                }
                else if (email.Length <= Contact.EmailMaxLength)
                {
                    row.EmailKey = Contact.Normalise(email);
                    CheckDuplicateInFile(row, email);
                }

                if (Get(ImportColumn.ContactName) is null)
                {
                    row.Errors.Add("Missing contact name");
                }
            }

            var organisationName = Get(ImportColumn.Organisation);
            row.OrganisationKey = organisationName is null ? null : Organisation.Normalise(organisationName);
            if (row.OrganisationKey is not null && row.EmailKey is not null
                && directory.Contacts.TryGetValue(row.EmailKey, out var elsewhere) && elsewhere.OrganisationKey != row.OrganisationKey)
            {
                row.Errors.Add($"Email address already belongs to a contact at {elsewhere.OrganisationName} (the same ignoring case)");
            }
        }

        private void CheckDuplicateInFile(RowCheck row, string email)
        {
            if (_emailsSeen.TryGetValue(row.EmailKey!, out var first))
            {
                row.Errors.Add(string.Equals(first.Email, email, StringComparison.Ordinal)
                    ? $"Duplicate of row {first.Row} in this file"
                    : $"Duplicate of row {first.Row} in this file (the same email address ignoring case)");
            }
            else
            {
                _emailsSeen[row.EmailKey!] = (row.Record.RowNumber, email);
            }
        }

        /// <summary>The organisation as earlier rows left it, else as the directory holds it, else a new one.</summary>
        private void FindOrPlanOrganisation(RowCheck row)
        {
            if (row.OrganisationKey is not { } key)
            {
                return;
            }

            if (_organisations.TryGetValue(key, out var planned))
            {
                row.Planned = planned;
                return;
            }

            if (directory.Organisations.TryGetValue(key, out var current))
            {
                row.Planned = new PlannedOrganisation(key, isNew: false)
                {
                    Name = current.Name,
                    Type = current.Type,
                    CompaniesHouseNumber = current.CompaniesHouseNumber,
                    Website = current.Website,
                    Notes = current.Notes,
                };
            }
            else
            {
                row.Planned = new PlannedOrganisation(key, isNew: true) { Name = Get(ImportColumn.Organisation)! };
                row.Created = true;
            }
        }

        /// <summary>The first row to give an organisation value claims it: a later row that gives another is refused.</summary>
        private void CheckAgreesWithEarlierRows(RowCheck row)
        {
            row.OrganisationValues =
            [
                (ImportColumn.Type, row.Type?.ToString()),
                (ImportColumn.CompaniesHouseNumber, row.CompanyNumber),
                (ImportColumn.Website, row.Website),
                (ImportColumn.Notes, Get(ImportColumn.Notes)),
            ];
            if (row.Planned is null)
            {
                return;
            }

            foreach (var (column, value) in row.OrganisationValues)
            {
                if (value is not null && row.Planned.Claimed.TryGetValue(column, out var claim) && !string.Equals(claim.Value, value, StringComparison.Ordinal))
                {
                    row.Errors.Add($"{SupplierCsv.ExportColumns.First(c => c.Column == column).Header} differs from row {claim.Row} for the same organisation");
                }
            }
        }

        private ImportRowStatus ApplyOrganisation(RowCheck row)
        {
            var planned = row.Planned!;
            _organisations.TryAdd(row.OrganisationKey!, planned);
            var organisationChanged = row.Created;
            foreach (var (column, value) in row.OrganisationValues)
            {
                if (value is null || !planned.Claimed.TryAdd(column, (value, row.Record.RowNumber)))
                {
                    continue;
                }

                organisationChanged |= column switch
                {
                    ImportColumn.Type => Set(planned.Type, row.Type!.Value, v => planned.Type = v),
                    ImportColumn.CompaniesHouseNumber => Set(planned.CompaniesHouseNumber, value, v => planned.CompaniesHouseNumber = v),
                    ImportColumn.Website => Set(planned.Website, value, v => planned.Website = v),
                    _ => Set(planned.Notes, value, v => planned.Notes = v),
                };
            }

            planned.Changed |= organisationChanged && !planned.IsNew;
            return row.Created ? ImportRowStatus.NewOrganisation : organisationChanged ? ImportRowStatus.Update : ImportRowStatus.Unchanged;
        }

        private ImportRowStatus ApplyContact(RowCheck row, ImportRowStatus status)
        {
            if (row.EmailKey is not { } emailKey)
            {
                return status;
            }

            var (contactName, email, jobTitle, phone) = (Get(ImportColumn.ContactName)!, Get(ImportColumn.Email)!, Get(ImportColumn.JobTitle), Get(ImportColumn.Phone));
            if (directory.Contacts.TryGetValue(emailKey, out var existing))
            {
                var after = new PlannedContact(row.OrganisationKey!, false, contactName, email, jobTitle ?? existing.JobTitle, phone ?? existing.Phone, row.Primary ?? existing.IsPrimary);
                var contactChanged = after.FullName != existing.FullName || after.Email != existing.Email || after.JobTitle != existing.JobTitle
                    || after.Phone != existing.Phone || after.IsPrimary != existing.IsPrimary;
                if (!contactChanged)
                {
                    return status;
                }

                _contacts[emailKey] = after;
                return status == ImportRowStatus.Unchanged ? ImportRowStatus.Update : status;
            }

            _contacts[emailKey] = new PlannedContact(row.OrganisationKey!, true, contactName, email, jobTitle, phone, row.Primary ?? false);
            _newContactRows[emailKey] = (_rows.Count, row.Primary is not null);
            return status == ImportRowStatus.NewOrganisation ? status : ImportRowStatus.NewContact;
        }
    }
}
