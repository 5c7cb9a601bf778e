namespace RoundtableManager.Core.Suppliers.Import;

public sealed record ImportCounts(int NewOrganisations, int NewContacts, int Updates, int Unchanged, int Errors)
{
    public static ImportCounts From(IReadOnlyList<ImportRowResult> rows) => new(
        rows.Count(r => r.Status == ImportRowStatus.NewOrganisation),
        rows.Count(r => r.Status == ImportRowStatus.NewContact),
        rows.Count(r => r.Status == ImportRowStatus.Update),
        rows.Count(r => r.Status == ImportRowStatus.Unchanged),
        rows.Count(r => r.Status == ImportRowStatus.Error));

    public int Total => NewOrganisations + NewContacts + Updates + Unchanged + Errors;

    public string Summary() =>
        $"{Plural.Count(NewOrganisations, "new organisation")}, {Plural.Count(NewContacts, "new contact")}, "
        + $"{Plural.Count(Updates, "update")}, {Plural.Count(Unchanged, "unchanged row")}"
        + (Errors == 0 ? "" : $"; {Plural.Count(Errors, "row")} with errors not imported");
}

public sealed record ImportPreview(
    Guid Id,
    string FileName,
    DateTime UploadedUtc,
    DateTime? ConfirmedUtc,
    string? ResultSummary,
    bool Expired,
    bool UnknownTypesAsOther,
    IReadOnlyDictionary<ImportColumn, string> RecognisedHeaders,
    IReadOnlyList<string> IgnoredHeaders,
    IReadOnlyList<ImportRowResult> Rows,
    ImportCounts Counts)
{
    /// <summary>Tags the import creates (or, once confirmed, created), by name.</summary>
    public IReadOnlyList<string> NewTags { get; init; } = [];

    public int UnknownTypeRows => Rows.Count(r => r.UnknownType);
}
