using System.Runtime.CompilerServices;

namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>
/// The import's new organisations and contacts, and their directory search words, written on SQLite with one
/// <see cref="NativeInsert"/> per table on the context's own connection and transaction, run once per row. Table and
/// column names come from the EF model. Session 8 replaced one EF-style command per row and per word (48,000 statements)
/// with JSON arrays read by json_each; binding each row to a statement SQLite compiled once costs less again, as that
/// left building the JSON, copying it to a .NET string and back, and SQLite parsing it (bench/HISTORY.md, session 19).
/// Its loops are compiled fully optimised at once: each runs once per import over every row, and tiered compilation
/// left them in unoptimised code for most of a first import after a start (about twice as slow, measured).
/// </summary>
internal sealed class SqliteInserter(AppDbContext db)
{
    /// <summary>Inserts the organisations and the words of their names; returns each new id by normalised name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Dictionary<string, int> Insert(IReadOnlyList<Organisation> organisations, DateTime now)
    {
        var ids = new Dictionary<string, int>(organisations.Count, StringComparer.Ordinal);
        var time = NativeInsert.Text(now);
        using (var insert = new NativeInsert(db, InsertSql<Organisation>(
            nameof(Organisation.Name), nameof(Organisation.NormalisedName), nameof(Organisation.Type), nameof(Organisation.CompaniesHouseNumber),
            nameof(Organisation.Website), nameof(Organisation.Notes), nameof(Organisation.IsArchived), nameof(Organisation.CreatedUtc), nameof(Organisation.UpdatedUtc))))
        {
            foreach (var o in organisations)
            {
                ids.Add(o.NormalisedName, checked((int)insert.Run(o.Name, o.NormalisedName, (int)o.Type, o.CompaniesHouseNumber, o.Website, o.Notes, false, time, time)));
            }
        }

        InsertWords(organisations.Select(o => (ids[o.NormalisedName], o.NormalisedName)));
        return ids;
    }

    /// <summary>Inserts the contacts (their organisation ids already set) and the words of their addresses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Insert(IReadOnlyList<Contact> contacts, DateTime now)
    {
        var time = NativeInsert.Text(now);
        using (var insert = new NativeInsert(db, InsertSql<Contact>(
            nameof(Contact.OrganisationId), nameof(Contact.FullName), nameof(Contact.Email), nameof(Contact.NormalisedEmail),
            nameof(Contact.JobTitle), nameof(Contact.Phone), nameof(Contact.IsPrimary), nameof(Contact.CreatedUtc), nameof(Contact.UpdatedUtc))))
        {
            foreach (var c in contacts)
            {
                insert.Run(c.OrganisationId, c.FullName, c.Email, c.NormalisedEmail, c.JobTitle, c.Phone, c.IsPrimary, time, time);
            }
        }

        InsertWords(contacts.Select(c => (c.OrganisationId, c.NormalisedEmail)));
    }

    /// <summary>
    /// The directory search's words of each name or address, once per organisation, as <see cref="SearchTermsInterceptor"/>
    /// keeps them for EF Core's saves. A word the organisation already has (from its name, or from another contact of an
    /// organisation already in the directory) is left as it is (INSERT OR IGNORE).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InsertWords(IEnumerable<(int OrganisationId, string Text)> sources)
    {
        using var insert = new NativeInsert(db, InsertSql<OrganisationSearchTerm>(nameof(OrganisationSearchTerm.OrganisationId), nameof(OrganisationSearchTerm.Term)).Replace("INSERT", "INSERT OR IGNORE", StringComparison.Ordinal));
        var seen = new Dictionary<int, HashSet<string>>();
        foreach (var (organisationId, text) in sources)
        {
            if (!seen.TryGetValue(organisationId, out var words))
            {
                seen[organisationId] = words = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var word in SearchWords.Of(text))
            {
                if (words.Add(word))
                {
                    insert.Run(organisationId, word);
                }
            }
        }
    }

    /// <summary>INSERT INTO table (columns) VALUES (?1, ...), the columns of these properties in order.</summary>
    private string InsertSql<T>(params string[] properties)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var columns = properties.Select(p => "\"" + entity.FindProperty(p)!.GetColumnName() + "\"");
        return $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns)}) VALUES ({string.Join(", ", properties.Select((_, i) => "?" + (i + 1)))})";
    }
}
