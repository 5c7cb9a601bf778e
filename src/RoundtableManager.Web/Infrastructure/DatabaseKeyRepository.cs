using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// Data Protection's keys in the DataProtectionKeys table (the table EF Core's own repository used, so keys written
/// before stay readable), read and written with one plain command each. EF Core's repository runs a LINQ query with a
/// projection of its own at every start, whose compilation was one of the largest steps before the first request
/// (bench/HISTORY.md, session 9). The SQL quotes names the ANSI way, which SQLite and SQL Server both read
/// (RawSqlTests parses it as T-SQL).
/// </summary>
internal sealed partial class DatabaseKeyRepository(IServiceScopeFactory scopes, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    internal const string SelectSql = "SELECT \"FriendlyName\", \"Xml\" FROM \"DataProtectionKeys\"";
    internal const string InsertSql = "INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES (@name, @xml)";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var keys = new List<XElement>();
        Run(SelectSql, command =>
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.IsDBNull(0) ? null : reader.GetString(0);
                var xml = reader.IsDBNull(1) ? null : reader.GetString(1);
                try
                {
                    keys.Add(XElement.Parse(xml ?? ""));
                }
                catch (System.Xml.XmlException)
                {
                    // As EF Core's repository does: a damaged row is skipped (its key is lost), not a reason to stop.
                    LogUnreadableKey(logger, name);
                }
            }
        });
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        Run(InsertSql, command =>
        {
            Add(command, "@name", friendlyName);
            Add(command, "@xml", element.ToString(SaveOptions.DisableFormatting));
            command.ExecuteNonQuery();
        });
    }

    private void Run(string sql, Action<DbCommand> work)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            work(command);
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private static void Add(DbCommand command, string name, string? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = (object?)value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Data Protection key row ({FriendlyName}) holds no readable XML and was skipped.")]
    private static partial void LogUnreadableKey(ILogger logger, string? friendlyName);
}
