using RoundtableManager.Core.Common;

namespace RoundtableManager.Core.Suppliers.Import;

public enum ImportRowStatus
{
    NewOrganisation,
    NewContact,
    Update,
    Unchanged,
    Error,
}

public sealed record ImportRowResult(
    CsvRecord Record,
    string? Organisation,
    string? ContactName,
    string? Email,
    ImportRowStatus Status,
    string? Error,
    bool UnknownType)
{
    /// <summary>The row's contact is the first of an organisation the import creates, so it becomes the primary contact.</summary>
    public bool MadePrimary { get; init; }
}

/// <summary>What the directory holds now for the names and emails a file mentions.</summary>
internal sealed class DirectorySnapshot
{
    public Dictionary<string, OrganisationState> Organisations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ContactState> Contacts { get; } = new(StringComparer.Ordinal);
}

internal sealed record OrganisationState(string Name, OrganisationType Type, string? CompaniesHouseNumber, string? Website, string? Notes);

internal sealed record ContactState(string OrganisationKey, string OrganisationName, string FullName, string Email, string? JobTitle, string? Phone, bool IsPrimary);

/// <summary>The organisation as it will be after the import: created, or the existing one with the file's values.</summary>
internal sealed class PlannedOrganisation(string key, bool isNew)
{
    public string Key { get; } = key;

    public bool IsNew { get; } = isNew;

    public bool Changed { get; set; }

    public string Name { get; set; } = "";

    public OrganisationType Type { get; set; } = OrganisationType.Other;

    public string? CompaniesHouseNumber { get; set; }

    public string? Website { get; set; }

    public string? Notes { get; set; }

    /// <summary>The first row of the file to give each organisation value: later rows must agree with it.</summary>
    public Dictionary<ImportColumn, (string Value, int Row)> Claimed { get; } = [];
}

internal sealed record PlannedContact(string OrganisationKey, bool IsNew, string FullName, string Email, string? JobTitle, string? Phone, bool IsPrimary);

internal sealed record ImportPlan(
    IReadOnlyList<ImportRowResult> Rows,
    IReadOnlyList<PlannedOrganisation> Organisations,
    IReadOnlyList<PlannedContact> Contacts);

/// <summary>
/// Decides what each row of a file would do to the directory. It only reads: the same analysis is shown as the
/// preview and then applied on confirm, so what was previewed is what is saved.
/// </summary>
internal static class SupplierImportAnalysis
{
    private static readonly (ImportColumn Column, string Label, int MaxLength)[] Lengths =
    [
        (ImportColumn.Organisation, "Organisation name", Organisation.NameMaxLength),
        (ImportColumn.ContactName, "Contact name", Contact.NameMaxLength),
        (ImportColumn.Email, "Email address", Contact.EmailMaxLength),
        (ImportColumn.JobTitle, "Job title", SupplierRules.JobTitleMaxLength),
        (ImportColumn.Phone, "Phone", SupplierRules.PhoneMaxLength),
        (ImportColumn.Website, "Website", SupplierRules.WebsiteMaxLength),
        (ImportColumn.Notes, "Notes", SupplierRules.NotesMaxLength),
    ];

    /// <summary>Every column but Notes holds one line: a line break in a name would reach emails and calendar invitations.</summary>
    private static readonly (ImportColumn Column, string Label)[] SingleLineColumns =
    [
        (ImportColumn.Organisation, "Organisation name"),
        (ImportColumn.Type, "Type"),
        (ImportColumn.CompaniesHouseNumber, "Companies House number"),
        (ImportColumn.Website, "Website"),
        (ImportColumn.ContactName, "Contact name"),
        (ImportColumn.Email, "Email address"),
        (ImportColumn.JobTitle, "Job title"),
        (ImportColumn.Phone, "Phone"),
        (ImportColumn.Primary, "Primary contact"),
    ];

    public static ImportPlan Analyse(SupplierCsvFile file, DirectorySnapshot directory, bool unknownTypesAsOther)
    {
        var rows = new List<ImportRowResult>(file.Records.Count);
        var organisations = new Dictionary<string, PlannedOrganisation>(StringComparer.Ordinal);
        var contacts = new Dictionary<string, PlannedContact>(StringComparer.Ordinal);
        var emailsSeen = new Dictionary<string, (int Row, string Email)>(StringComparer.Ordinal);
        var newContactRows = new Dictionary<string, (int Index, bool PrimaryGiven)>(StringComparer.Ordinal);

        // Each row's values are read once (Value unprotects and trims); organisation values repeat on every row of the
        // same organisation, so their parsing and checks are worked out once per distinct text.
        var columns = Enum.GetValues<ImportColumn>();
        var values = new string?[columns.Length];
        var types = new Dictionary<string, (bool Known, OrganisationType Type)>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, (string Normalised, bool Valid)>(StringComparer.Ordinal);
        var websites = new Dictionary<string, (string Normalised, bool Invalid)>(StringComparer.Ordinal);
        var yesNo = new Dictionary<string, (bool Known, bool Value)>(StringComparer.Ordinal);

        foreach (var record in file.Records)
        {
            foreach (var column in columns)
            {
                values[(int)column] = file.Value(record, column);
            }

            var errors = new List<string>();
            var shown = (Organisation: values[(int)ImportColumn.Organisation], ContactName: values[(int)ImportColumn.ContactName], Email: values[(int)ImportColumn.Email]);
            var broken = false;
            foreach (var (column, label) in SingleLineColumns)
            {
                if (!TextRules.IsSingleLine(values[(int)column]))
                {
                    // Reported once here; the value then takes no part in the other checks, which would only repeat it.
                    errors.Add(TextRules.SingleLineMessage(label));
                    values[(int)column] = null;
                    broken = true;
                }
            }

            var notes = TextRules.MultiLine(values[(int)ImportColumn.Notes]);
            if (!TextRules.IsCleanMultiLine(notes))
            {
                errors.Add(TextRules.MultiLineMessage("Notes"));
            }

            values[(int)ImportColumn.Notes] = notes;
            string? Get(ImportColumn column) => values[(int)column];
            var organisationName = Get(ImportColumn.Organisation);
            var contactName = Get(ImportColumn.ContactName);
            var email = Get(ImportColumn.Email);
            var jobTitle = Get(ImportColumn.JobTitle);
            var phone = Get(ImportColumn.Phone);
            var unknownType = false;

            if (organisationName is null && !broken)
            {
                errors.Add("Missing organisation name");
            }

            foreach (var (column, label, max) in Lengths)
            {
                if (Get(column)?.Length > max)
                {
                    errors.Add($"{label} is too long (maximum {max:N0} characters)");
                }
            }

            OrganisationType? type = null;
            if (Get(ImportColumn.Type) is { } typeText)
            {
                var typeParse = Once(types, typeText, t => (Known: SupplierCsv.TryParseType(t, out var parsed), Type: parsed));
                if (typeParse.Known)
                {
                    type = typeParse.Type;
                }
                else if (unknownTypesAsOther)
                {
                    type = OrganisationType.Other;
                    unknownType = true;
                }
                else
                {
                    unknownType = true;
                    errors.Add($"Unknown type \u2018{typeText}\u2019: use MSP, SI or Other");
                }
            }

            string? companyNumber = null;
            if (Get(ImportColumn.CompaniesHouseNumber) is { } numberText)
            {
                var number = Once(numbers, numberText, t =>
                {
                    var normalised = SupplierRules.NormaliseCompaniesHouseNumber(t);
                    return (Normalised: normalised, Valid: SupplierRules.IsValidCompaniesHouseNumber(normalised));
                });
                companyNumber = number.Normalised;
                if (!number.Valid)
                {
                    errors.Add("Companies House number must be 8 characters, like 01234567 or SC123456");
                }
            }

            string? website = null;
            if (Get(ImportColumn.Website) is { } websiteText)
            {
                var address = Once(websites, websiteText, t =>
                {
                    var normalised = SupplierRules.NormaliseWebsite(t);
                    return (Normalised: normalised, Invalid: normalised.Length <= SupplierRules.WebsiteMaxLength && !SupplierRules.IsValidWebsite(normalised));
                });
                website = address.Normalised;
                if (address.Invalid)
                {
                    errors.Add("Website must be a web address, like https://www.example.com");
                }
            }

            bool? primary = null;
            if (Get(ImportColumn.Primary) is { } primaryText)
            {
                var primaryParse = Once(yesNo, primaryText, t => (Known: SupplierCsv.TryParseYesNo(t, out var parsed), Value: parsed));
                if (primaryParse.Known)
                {
                    primary = primaryParse.Value;
                }
                else
                {
                    errors.Add("Primary contact must be Yes or No");
                }
            }

            var hasContact = contactName is not null || email is not null || jobTitle is not null || phone is not null || primary is not null;
            string? emailKey = null;
            if (hasContact && !broken)
            {
                if (email is null)
                {
                    errors.Add("Missing email address");
                }
                else if (email.Length <= Contact.EmailMaxLength && !SupplierRules.IsValidEmail(email))
                {
                    errors.Add("Invalid email address");
                }
                else if (email.Length <= Contact.EmailMaxLength)
                {
                    emailKey = Contact.Normalise(email);
                    if (emailsSeen.TryGetValue(emailKey, out var first))
                    {
                        errors.Add(string.Equals(first.Email, email, StringComparison.Ordinal)
                            ? $"Duplicate of row {first.Row} in this file"
                            : $"Duplicate of row {first.Row} in this file (the same email address ignoring case)");
                    }
                    else
                    {
                        emailsSeen[emailKey] = (record.RowNumber, email);
                    }
                }

                if (contactName is null)
                {
                    errors.Add("Missing contact name");
                }
            }

            var organisationKey = organisationName is null ? null : Organisation.Normalise(organisationName);
            if (organisationKey is not null && emailKey is not null
                && directory.Contacts.TryGetValue(emailKey, out var elsewhere) && elsewhere.OrganisationKey != organisationKey)
            {
                errors.Add($"Email address already belongs to a contact at {elsewhere.OrganisationName} (the same ignoring case)");
            }

            PlannedOrganisation? planned = null;
            var created = false;
            if (organisationKey is not null && !organisations.TryGetValue(organisationKey, out planned))
            {
                if (directory.Organisations.TryGetValue(organisationKey, out var current))
                {
                    planned = new PlannedOrganisation(organisationKey, isNew: false)
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
                    planned = new PlannedOrganisation(organisationKey, isNew: true) { Name = organisationName! };
                    created = true;
                }
            }

            var organisationValues = new (ImportColumn Column, string? Value)[]
            {
                (ImportColumn.Type, type?.ToString()),
                (ImportColumn.CompaniesHouseNumber, companyNumber),
                (ImportColumn.Website, website),
                (ImportColumn.Notes, Get(ImportColumn.Notes)),
            };
            if (planned is not null)
            {
                foreach (var (column, value) in organisationValues)
                {
                    if (value is not null && planned.Claimed.TryGetValue(column, out var claim) && !string.Equals(claim.Value, value, StringComparison.Ordinal))
                    {
                        errors.Add($"{SupplierCsv.ExportColumns.First(c => c.Column == column).Header} differs from row {claim.Row} for the same organisation");
                    }
                }
            }

            if (errors.Count > 0)
            {
                rows.Add(new ImportRowResult(record, shown.Organisation, shown.ContactName, shown.Email, ImportRowStatus.Error, string.Join("; ", errors), unknownType));
                continue;
            }

            // Only a row without errors changes the plan.
            organisations.TryAdd(organisationKey!, planned!);
            var organisationChanged = created;
            foreach (var (column, value) in organisationValues)
            {
                if (value is null || !planned!.Claimed.TryAdd(column, (value, record.RowNumber)))
                {
                    continue;
                }

                organisationChanged |= column switch
                {
                    ImportColumn.Type => Set(planned.Type, type!.Value, v => planned.Type = v),
                    ImportColumn.CompaniesHouseNumber => Set(planned.CompaniesHouseNumber, value, v => planned.CompaniesHouseNumber = v),
                    ImportColumn.Website => Set(planned.Website, value, v => planned.Website = v),
                    _ => Set(planned.Notes, value, v => planned.Notes = v),
                };
            }

            planned!.Changed |= organisationChanged && !planned.IsNew;

            var status = created ? ImportRowStatus.NewOrganisation : organisationChanged ? ImportRowStatus.Update : ImportRowStatus.Unchanged;
            if (emailKey is not null)
            {
                if (directory.Contacts.TryGetValue(emailKey, out var existing))
                {
                    var after = new PlannedContact(organisationKey!, false, contactName!, email!, jobTitle ?? existing.JobTitle, phone ?? existing.Phone, primary ?? existing.IsPrimary);
                    var contactChanged = after.FullName != existing.FullName || after.Email != existing.Email || after.JobTitle != existing.JobTitle
                        || after.Phone != existing.Phone || after.IsPrimary != existing.IsPrimary;
                    if (contactChanged)
                    {
                        contacts[emailKey] = after;
                        if (status == ImportRowStatus.Unchanged)
                        {
                            status = ImportRowStatus.Update;
                        }
                    }
                }
                else
                {
                    contacts[emailKey] = new PlannedContact(organisationKey!, true, contactName!, email!, jobTitle, phone, primary ?? false);
                    newContactRows[emailKey] = (rows.Count, primary is not null);
                    if (status != ImportRowStatus.NewOrganisation)
                    {
                        status = ImportRowStatus.NewContact;
                    }
                }
            }

            rows.Add(new ImportRowResult(record, organisationName, contactName, email, status, null, unknownType));
        }

        MakeFirstContactsPrimary(organisations, contacts, newContactRows, rows);
        return new ImportPlan(rows, organisations.Values.Where(o => o.IsNew || o.Changed).ToList(), contacts.Values.ToList());
    }

    /// <summary>
    /// An organisation the import creates gets a primary contact (invitations start from primary contacts): the first of
    /// its contacts in the file, unless the file marks one as primary itself or says No for that one.
    /// </summary>
    private static void MakeFirstContactsPrimary(
        Dictionary<string, PlannedOrganisation> organisations, Dictionary<string, PlannedContact> contacts, Dictionary<string, (int Index, bool PrimaryGiven)> newContactRows, List<ImportRowResult> rows)
    {
        var decided = contacts.Values.Where(c => c.IsPrimary).Select(c => c.OrganisationKey).ToHashSet(StringComparer.Ordinal);
        foreach (var (emailKey, (index, primaryGiven)) in newContactRows.OrderBy(r => r.Value.Index))
        {
            var contact = contacts[emailKey];
            if (!primaryGiven && organisations[contact.OrganisationKey].IsNew && decided.Add(contact.OrganisationKey))
            {
                contacts[emailKey] = contact with { IsPrimary = true };
                rows[index] = rows[index] with { MadePrimary = true };
            }
        }
    }

    private static bool Set<T>(T current, T value, Action<T> set)
    {
        if (EqualityComparer<T>.Default.Equals(current, value))
        {
            return false;
        }

        set(value);
        return true;
    }

    /// <summary>What <paramref name="work"/> gives for this text, worked out the first time the text is seen.</summary>
    private static T Once<T>(Dictionary<string, T> seen, string text, Func<string, T> work)
    {
        if (!seen.TryGetValue(text, out var result))
        {
            result = work(text);
            seen[text] = result;
        }

        return result;
    }
}
