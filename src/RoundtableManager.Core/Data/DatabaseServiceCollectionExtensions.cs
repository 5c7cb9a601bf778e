using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;

namespace RoundtableManager.Core.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "RoundtableManager.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "RoundtableManager.Migrations.SqlServer";

    /// <summary>
    /// Reads and checks the Database section now, because the provider decides how services are registered.
    /// A bad value throws <see cref="ConfigurationProblemException"/> naming the key.
    /// </summary>
    // One interceptor per setting, not per context: EF Core builds an internal service provider per distinct set of options.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, SqlitePragmaInterceptor> PragmaInterceptors = new();

    public static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DatabaseOptions.SectionName);
        var options = new DatabaseOptions();
        var provider = section["Provider"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            if (!Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw new ConfigurationProblemException("Database:Provider", $"'{provider}' is not a supported provider. Use Sqlite or SqlServer.");
            }

            options.Provider = parsed;
        }

        options.ConnectionString = section["ConnectionString"] ?? "";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (options.Provider == DatabaseProvider.SqlServer)
            {
                throw new ConfigurationProblemException("Database:ConnectionString", "is required when Database:Provider is SqlServer.");
            }

            options.ConnectionString = "Data Source=App_Data/roundtable.db";
        }

        if (int.TryParse(section["BusyTimeoutSeconds"], out var busy))
        {
            if (busy is < 1 or > 300)
            {
                throw new ConfigurationProblemException("Database:BusyTimeoutSeconds", "must be between 1 and 300.");
            }

            options.BusyTimeoutSeconds = busy;
        }

        if (section["UseCompiledModel"] is { Length: > 0 } compiled)
        {
            options.UseCompiledModel = bool.TryParse(compiled, out var use)
                ? use
                : throw new ConfigurationProblemException("Database:UseCompiledModel", "must be true or false.");
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            options.ConnectionString = ResolveSqlitePath(options.ConnectionString, contentRoot, options.BusyTimeoutSeconds);
        }

        return options;
    }

    public static IServiceCollection AddRoundtableDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        // Pooled: a request reuses a context instead of building one (measured in bench/README.md, benchmark 1). Safe because
        // AppDbContext keeps no state of its own beyond what EF Core resets, and its interceptors are thread-safe singletons.
        services.AddDbContextPool<AppDbContext>(builder => Configure(builder, options));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.AddInterceptors(Audit.AppendOnlyAuditInterceptor.Instance, Suppliers.SearchTermsInterceptor.Instance, Suppliers.DirectoryCountInterceptor.Instance,
            Engagement.Reports.ReportSummaryInterceptor.Instance, Engagement.Reports.ActionMonthCountInterceptor.Instance, Actions.ActionDueCountInterceptor.Instance);
        // Migrate would otherwise build the design-time model and the snapshot's and compare them on every new database
        // (several hundred milliseconds of the first start). MigrationTests checks both migration sets against the model
        // instead (as dotnet ef migrations has-pending-model-changes does).
        builder.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (options.ThrowOnQueryWarnings)
        {
            builder.ConfigureWarnings(ThrowOnQueryWarnings);
        }

        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(options.ConnectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly).EnableRetryOnFailure());
                UseCompiledModel(builder, options, SqlServerCompiledModel);
                break;
            default:
                builder.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).CommandTimeout(options.BusyTimeoutSeconds));
                builder.AddInterceptors(PragmaInterceptors.GetOrAdd(options.BusyTimeoutSeconds, seconds => new SqlitePragmaInterceptor(seconds)));
                UseCompiledModel(builder, options, SqliteCompiledModel);
                break;
        }
    }

    /// <summary>
    /// The query warnings that become exceptions where <see cref="DatabaseOptions.ThrowOnQueryWarnings"/> is set (and in every
    /// test app): several collection Includes with no split behaviour stated (a cartesian single query by default), and
    /// Skip, Take or First without an order (which row comes back is then the database's choice). Production only logs them.
    /// </summary>
    public static void ThrowOnQueryWarnings(WarningsConfigurationBuilder warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        warnings.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning, RelationalEventId.MultipleCollectionIncludeWarning);
    }

    // The compiled models (src/RoundtableManager.CompiledModels.<provider>, written by scripts/compile-model.sh, checked
    // by CompiledModelFilesTests) spare every start building the model from OnModelCreating (about half a second). Like the migrations,
    // they are separate assemblies found by name, so that the script can empty a stale one and still build to write its
    // successor; the EF tools (migrations, has-pending-model-changes, optimize) always build the model from OnModelCreating.
    private static readonly Lazy<IModel?> SqliteCompiledModel = new(() => FindCompiledModel("Sqlite"));
    private static readonly Lazy<IModel?> SqlServerCompiledModel = new(() => FindCompiledModel("SqlServer"));

    private static void UseCompiledModel(DbContextOptionsBuilder builder, DatabaseOptions options, Lazy<IModel?> compiled)
    {
        // Design time first: a stale compiled model is not even loaded then.
        if (options.UseCompiledModel && !EF.IsDesignTime && compiled.Value is { } model)
        {
            builder.UseModel(model);
        }
    }

    private static IModel? FindCompiledModel(string provider) =>
        Type.GetType($"RoundtableManager.CompiledModels.{provider}.AppDbContextModel, RoundtableManager.CompiledModels.{provider}", throwOnError: false)
            ?.GetProperty("Instance", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            ?.GetValue(null) as IModel;

    private static string ResolveSqlitePath(string connectionString, string contentRoot, int busyTimeoutSeconds)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout, so this is the busy timeout too.
        builder.DefaultTimeout = busyTimeoutSeconds;
        return builder.ToString();
    }
}
