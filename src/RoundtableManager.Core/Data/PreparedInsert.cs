using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace RoundtableManager.Core.Data;

/// <summary>
/// A prepared INSERT on the context's own connection and current transaction, for bulk writes on SQLite (a supplier
/// import, a large send), where EF Core's per-entity pipeline costs several times more per row. Table and column names
/// come from the EF model, so a renamed column cannot be missed. No RETURNING clause: it about doubles the cost of a row.
/// </summary>
internal static class PreparedInsert
{
    public static DbCommand Prepare<T>(AppDbContext db, params string[] properties)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var columns = properties.Select(p => "\"" + entity.FindProperty(p)!.GetColumnName() + "\"");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns)}) VALUES ({string.Join(", ", properties.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < properties.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$p" + i;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    /// <summary>Sets the parameters in the order the properties were given to <see cref="Prepare{T}"/>.</summary>
    public static void Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
