namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>
/// Decides what each row of a file would do to the directory. It only reads: the same analysis is shown as the
/// preview and then applied on confirm, so what was previewed is what is saved.
/// </summary>
internal static partial class SupplierImportAnalysis
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
        (ImportColumn.Tags, "Tags"),
    ];

    public static ImportPlan Analyse(SupplierCsvFile file, DirectorySnapshot directory, bool unknownTypesAsOther)
    {
        var analysis = new Analysis(directory, unknownTypesAsOther, file.Records.Count);
        foreach (var record in file.Records)
        {
            analysis.Add(file, record);
        }

        return analysis.Plan();
    }

    /// <summary>One row's values once read and checked, before it joins the plan.</summary>
    private sealed class RowCheck(CsvRecord record)
    {
        public CsvRecord Record { get; } = record;

        public List<string> Errors { get; } = [];

        /// <summary>A value broke the one-line rule: reported once, it takes no part in the checks that would repeat it.</summary>
        public bool Broken { get; set; }

        public bool UnknownType { get; set; }

        public (string? Organisation, string? ContactName, string? Email) Shown { get; set; }

        public OrganisationType? Type { get; set; }

        public string? CompanyNumber { get; set; }

        public string? Website { get; set; }

        public bool? Primary { get; set; }

        public IReadOnlyList<string> Tags { get; set; } = [];

        public string? EmailKey { get; set; }

        public string? OrganisationKey { get; set; }

        public PlannedOrganisation? Planned { get; set; }

        public bool Created { get; set; }

        public (ImportColumn Column, string? Value)[] OrganisationValues { get; set; } = [];
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
