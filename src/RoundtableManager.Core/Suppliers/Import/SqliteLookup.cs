using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>
/// The rows whose key is one of a list, on SQLite, as a join on the list (json_each) instead of EF Core's
/// <c>IN (SELECT value FROM json_each(...))</c>, which SQLite first copies into a temporary index: for the 10,000
/// addresses of the benchmark's file that copy was most of the snapshot's time, in the preview and again in the confirm.
/// The join reads the list once and seeks the key's unique index for each value. Table and column names come from the
/// EF model; the list is one JSON parameter, as EF.Parameter sends it.
/// </summary>
internal static class SqliteLookup
{
    public static IQueryable<T> WhereKeyIn<T>(AppDbContext db, DbSet<T> rows, string keyProperty, IReadOnlyList<string> keys)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var sql = $"SELECT \"t\".* FROM json_each($keys) AS \"k\" JOIN \"{entity.GetTableName()}\" AS \"t\" ON \"t\".\"{entity.FindProperty(keyProperty)!.GetColumnName()}\" = \"k\".\"value\"";
        return rows.FromSqlRaw(sql, new SqliteParameter("$keys", JsonSerializer.Serialize(keys)));
    }
}
