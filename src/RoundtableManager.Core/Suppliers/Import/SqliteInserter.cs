using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;

namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>
/// The import's new organisations and contacts, and their directory search words, written on SQLite as a few set-based
/// INSERTs on the context's own connection and transaction: each statement takes up to <see cref="ChunkRows"/> rows as
/// one JSON array parameter, read back with json_each. A 10,000-contact import used to run one prepared statement per
/// row and per search word (48,000 statements); this is about twenty. Table and column names come from the EF model.
/// </summary>
internal sealed class SqliteInserter(AppDbContext db)
{
    private const int ChunkRows = 2_000;

    // Relaxed escaping: the JSON only ever reaches json_each, never a page, and non-Latin names stay one character each.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Inserts the organisations and the words of their names; returns each new id by normalised name.</summary>
    public async Task<Dictionary<string, int>> InsertAsync(IReadOnlyList<Organisation> organisations, DateTime now, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var sql = InsertSql<Organisation>(
            [nameof(Organisation.Name), nameof(Organisation.NormalisedName), nameof(Organisation.Type), nameof(Organisation.CompaniesHouseNumber),
                nameof(Organisation.Website), nameof(Organisation.Notes)],
            [(nameof(Organisation.IsArchived), "0"), (nameof(Organisation.CreatedUtc), "$now"), (nameof(Organisation.UpdatedUtc), "$now")],
            [nameof(Organisation.Id), nameof(Organisation.NormalisedName)]);
        foreach (var chunk in organisations.Chunk(ChunkRows))
        {
            var rows = Json(chunk, (w, o) =>
            {
                w.WriteStringValue(o.Name);
                w.WriteStringValue(o.NormalisedName);
                w.WriteNumberValue((int)o.Type);
                w.WriteStringValue(o.CompaniesHouseNumber);
                w.WriteStringValue(o.Website);
                w.WriteStringValue(o.Notes);
            });
            await ReadReturnedAsync(sql, rows, now, reader => ids.Add(reader.GetString(1), reader.GetInt32(0)), cancellationToken);
        }

        await InsertWordsAsync(organisations.Select(o => (ids[o.NormalisedName], o.NormalisedName)), cancellationToken);
        return ids;
    }

    /// <summary>Inserts the contacts (their organisation ids already set) and the words of their addresses.</summary>
    public async Task InsertAsync(IReadOnlyList<Contact> contacts, DateTime now, CancellationToken cancellationToken)
    {
        var sql = InsertSql<Contact>(
            [nameof(Contact.OrganisationId), nameof(Contact.FullName), nameof(Contact.Email), nameof(Contact.NormalisedEmail),
                nameof(Contact.JobTitle), nameof(Contact.Phone), nameof(Contact.IsPrimary)],
            [(nameof(Contact.CreatedUtc), "$now"), (nameof(Contact.UpdatedUtc), "$now")],
            []);
        foreach (var chunk in contacts.Chunk(ChunkRows))
        {
            var rows = Json(chunk, (w, c) =>
            {
                w.WriteNumberValue(c.OrganisationId);
                w.WriteStringValue(c.FullName);
                w.WriteStringValue(c.Email);
                w.WriteStringValue(c.NormalisedEmail);
                w.WriteStringValue(c.JobTitle);
                w.WriteStringValue(c.Phone);
                w.WriteNumberValue(c.IsPrimary ? 1 : 0);
            });
            await using var command = Command(sql, rows, now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertWordsAsync(contacts.Select(c => (c.OrganisationId, c.NormalisedEmail)), cancellationToken);
    }

    /// <summary>
    /// The directory search's words of each name or address, once per organisation, as <see cref="SearchTermsInterceptor"/>
    /// keeps them for EF Core's saves. A word the organisation already has (from its name, or from another contact of an
    /// organisation already in the directory) is left as it is.
    /// </summary>
    private async Task InsertWordsAsync(IEnumerable<(int OrganisationId, string Text)> sources, CancellationToken cancellationToken)
    {
        var sql = InsertSql<OrganisationSearchTerm>([nameof(OrganisationSearchTerm.OrganisationId), nameof(OrganisationSearchTerm.Term)], [], [], orIgnore: true);
        var seen = new HashSet<(int, string)>();
        var words = sources.SelectMany(s => SearchWords.Of(s.Text).Select(word => (s.OrganisationId, Word: word))).Where(seen.Add);
        foreach (var chunk in words.Chunk(ChunkRows))
        {
            var rows = Json(chunk, (w, t) =>
            {
                w.WriteNumberValue(t.OrganisationId);
                w.WriteStringValue(t.Word);
            });
            await using var command = Command(sql, rows, null);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// INSERT INTO table (columns) SELECT value -&gt;&gt; 0, ... FROM json_each($rows): the JSON columns in order, then
    /// the fixed ones (a constant or $now), optionally RETURNING some columns; INSERT OR IGNORE skips rows whose key is there.
    /// </summary>
    private string InsertSql<T>(string[] fromJson, (string Property, string Value)[] fixedValues, string[] returning, bool orIgnore = false)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        string Column(string property) => "\"" + entity.FindProperty(property)!.GetColumnName() + "\"";
        var columns = fromJson.Select(Column).Concat(fixedValues.Select(f => Column(f.Property)));
        var values = fromJson.Select((_, i) => $"value ->> {i}").Concat(fixedValues.Select(f => f.Value));
        var sql = $"INSERT{(orIgnore ? " OR IGNORE" : "")} INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM json_each($rows)";
        return returning.Length == 0 ? sql : sql + " RETURNING " + string.Join(", ", returning.Select(Column));
    }

    private async Task ReadReturnedAsync(string sql, string rows, DateTime now, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, rows, now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    private DbCommand Command(string sql, string rows, DateTime? now)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        AddParameter(command, "$rows", rows);
        if (now is { } value)
        {
            AddParameter(command, "$now", value);
        }

        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The rows as one JSON array of arrays, each row's values written by <paramref name="write"/> in column order.</summary>
    private static string Json<T>(IEnumerable<T> rows, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                write(writer, row);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
