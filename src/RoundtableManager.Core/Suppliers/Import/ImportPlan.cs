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

    /// <summary>Every tag, by normalised name (tags are a short list).</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The normalised tag names each organisation the file names already carries.</summary>
    public Dictionary<string, HashSet<string>> OrganisationTags { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the directory held the same rows, with the same values, as in <paramref name="other"/>.</summary>
    public bool SameAs(DirectorySnapshot other) =>
        Same(Organisations, other.Organisations, (a, b) => a == b)
        && Same(Contacts, other.Contacts, (a, b) => a == b)
        && Same(Tags, other.Tags, (a, b) => string.Equals(a, b, StringComparison.Ordinal))
        && Same(OrganisationTags, other.OrganisationTags, (a, b) => a.SetEquals(b));

    private static bool Same<T>(Dictionary<string, T> these, Dictionary<string, T> those, Func<T, T, bool> equal) =>
        these.Count == those.Count && these.All(pair => those.TryGetValue(pair.Key, out var value) && equal(pair.Value, value));
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

    /// <summary>Normalised names of the tags the import gives it (tags are only ever added, never taken off).</summary>
    public HashSet<string> AddedTags { get; } = new(StringComparer.Ordinal);

    /// <summary>The first row of the file to give each organisation value: later rows must agree with it.</summary>
    public Dictionary<ImportColumn, (string Value, int Row)> Claimed { get; } = [];
}

internal sealed record PlannedContact(string OrganisationKey, bool IsNew, string FullName, string Email, string? JobTitle, string? Phone, bool IsPrimary);

/// <param name="NewTags">Tags the file names that do not exist yet, as first spelled in the file: confirming creates them.</param>
internal sealed record ImportPlan(
    IReadOnlyList<ImportRowResult> Rows,
    IReadOnlyList<PlannedOrganisation> Organisations,
    IReadOnlyList<PlannedContact> Contacts,
    IReadOnlyList<string> NewTags);
