using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace RoundtableManager.Web.Infrastructure;

/// <summary>
/// First-call work of every start, begun on a thread-pool thread so that a second core does it while the first one
/// builds the host and prepares the database, instead of the start doing it all in turn (bench/HISTORY.md, cold start,
/// session 7). Nothing here touches the database, and any failure is left for the real call to report (written to the
/// log at Debug where a logger exists yet, never shown to a user).
/// </summary>
internal static partial class StartupWarmUp
{
    /// <summary>
    /// Loads and initialises EF Core's model, its query pipeline (one query turned into SQL, not run), the migrations
    /// assembly and, on SQLite, the native library; the database initialiser needs them all for its first context.
    /// </summary>
    public static void WarmUpDatabase(DatabaseOptions database) => Run(() =>
    {
        if (EF.IsDesignTime)
        {
            return;
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            using var unopened = new Microsoft.Data.Sqlite.SqliteConnection();
        }

        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, database);
        using var db = new AppDbContext(builder.Options);
        _ = db.Roles.Where(r => r.NormalizedName == "").ToQueryString();
        _ = db.GetService<IMigrationsAssembly>().Migrations.Count;
    }, "the database model", logger: null);

    /// <summary>
    /// MVC's action list (reflection over every controller). Begun before the middleware is set up: the first
    /// MapControllerRoute would otherwise build it on the main thread (it subscribes to the list's changes), and now
    /// waits only for what is left of it (the list is built once, under MVC's lock).
    /// </summary>
    public static void WarmUpActions(IServiceProvider services)
    {
        var actions = services.GetRequiredService<IActionDescriptorCollectionProvider>();
        Run(() => _ = actions.ActionDescriptors.Items.Count, "the action list", Logger(services));
    }

    /// <summary>
    /// Every mapped endpoint (MVC's: one per action, with its route pattern, metadata and filters), which the first
    /// request's routing otherwise builds before it can match anything; begun once everything is mapped, so it runs
    /// while the hosted services (the database initialiser) start on the main thread. The endpoints are built once,
    /// under the data source's lock; a source that builds them anew on each call (a handful of health and dashboard
    /// routes) just builds them once more.
    /// </summary>
    public static void WarmUpEndpoints(IEndpointRouteBuilder endpoints)
    {
        // A snapshot of the sources mapped so far: one mapped later is built by the first request, and a route added to
        // a source after it was built here makes this build fail (logged at Debug below).
        var sources = endpoints.DataSources.ToArray();
        Run(() =>
        {
            foreach (var source in sources)
            {
                _ = source.Endpoints.Count;
            }
        }, "the endpoints", Logger(endpoints.ServiceProvider));
    }

    private static ILogger? Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(typeof(StartupWarmUp).FullName!);

    private static void Run(Action work, string what, ILogger? logger) => _ = Task.Run(() =>
    {
        try
        {
            work();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The same work runs again where it is needed, and fails there with its own message; no logger exists yet
            // for the warm-ups begun during registration.
            if (logger is not null)
            {
                LogWarmUpFailed(logger, what, ex);
            }
        }
    });

    [LoggerMessage(Level = LogLevel.Debug, Message = "The start-up warm-up of {What} failed; the first call that needs it does the work instead.")]
    private static partial void LogWarmUpFailed(ILogger logger, string what, Exception exception);
}
