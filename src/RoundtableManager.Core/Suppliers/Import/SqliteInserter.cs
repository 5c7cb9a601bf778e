using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>Prepared INSERTs on the context's own connection and transaction; names come from the EF model.</summary>
internal sealed class SqliteInserter(AppDbContext db) : IAsyncDisposable
{
    private DbCommand? _organisation;
    private DbCommand? _contact;
    private DbCommand? _term;

    public async Task<int> InsertAsync(Organisation o, CancellationToken cancellationToken)
    {
        _organisation ??= PreparedInsert.Prepare<Organisation>(
            db,
            nameof(Organisation.Name), nameof(Organisation.NormalisedName), nameof(Organisation.Type), nameof(Organisation.CompaniesHouseNumber),
            nameof(Organisation.Website), nameof(Organisation.Notes), nameof(Organisation.IsArchived), nameof(Organisation.CreatedUtc), nameof(Organisation.UpdatedUtc));
        PreparedInsert.Bind(_organisation, o.Name, o.NormalisedName, (int)o.Type, o.CompaniesHouseNumber, o.Website, o.Notes, o.IsArchived, o.CreatedUtc, o.UpdatedUtc);
        await _organisation.ExecuteNonQueryAsync(cancellationToken);
        var id = LastId(_organisation);
        await InsertTermsAsync(id, null, o.NormalisedName, cancellationToken);
        return id;
    }

    public async Task InsertAsync(Contact c, CancellationToken cancellationToken)
    {
        _contact ??= PreparedInsert.Prepare<Contact>(
            db,
            nameof(Contact.OrganisationId), nameof(Contact.FullName), nameof(Contact.Email), nameof(Contact.NormalisedEmail),
            nameof(Contact.JobTitle), nameof(Contact.Phone), nameof(Contact.IsPrimary), nameof(Contact.CreatedUtc), nameof(Contact.UpdatedUtc));
        PreparedInsert.Bind(_contact, c.OrganisationId, c.FullName, c.Email, c.NormalisedEmail, c.JobTitle, c.Phone, c.IsPrimary, c.CreatedUtc, c.UpdatedUtc);
        await _contact.ExecuteNonQueryAsync(cancellationToken);
        await InsertTermsAsync(c.OrganisationId, LastId(_contact), c.NormalisedEmail, cancellationToken);
    }

    /// <summary>The directory search's words of a name or address, as <see cref="SearchTermsInterceptor"/> writes them for EF Core's saves.</summary>
    private async Task InsertTermsAsync(int organisationId, int? contactId, string text, CancellationToken cancellationToken)
    {
        _term ??= PreparedInsert.Prepare<OrganisationSearchTerm>(db, nameof(OrganisationSearchTerm.OrganisationId), nameof(OrganisationSearchTerm.ContactId), nameof(OrganisationSearchTerm.Term));
        foreach (var word in SearchWords.Of(text))
        {
            PreparedInsert.Bind(_term, organisationId, contactId, word);
            await _term.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The id is the rowid (INTEGER PRIMARY KEY) of the row just inserted on this connection.
    private static int LastId(DbCommand command) => checked((int)SQLitePCL.raw.sqlite3_last_insert_rowid(((SqliteConnection)command.Connection!).Handle));

    public async ValueTask DisposeAsync()
    {
        if (_organisation is not null)
        {
            await _organisation.DisposeAsync();
        }

        if (_contact is not null)
        {
            await _contact.DisposeAsync();
        }

        if (_term is not null)
        {
            await _term.DisposeAsync();
        }
    }
}
