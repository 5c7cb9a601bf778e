using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Email;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Suppliers;
using RoundtableManager.Web.Infrastructure;
using RoundtableManager.Web.Operations;

namespace RoundtableManager.TestSupport;

/// <summary>
/// The real app on a real SQLite file of its own (deleted on dispose), with a fake clock and the operator console
/// captured. Environment "Testing" unless told otherwise. The file starts as a copy of a database migrated once per test
/// run (<see cref="MigratedTemplate"/>), so a start-up does not apply every migration again; a test of the app's own
/// create-and-migrate path sets <see cref="StartsWithoutDatabase"/>.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _environment;
    private readonly Dictionary<string, long> _lastSteps = [];
    private string? _startingState;
    private DateTimeOffset _startedAt;

    public TestApp()
        : this("Testing")
    {
    }

    /// <summary>xunit class fixtures need exactly one public constructor; other set-ups come through <see cref="Create"/>.</summary>
    protected TestApp(string environment, IDictionary<string, string?>? settings = null)
    {
        _environment = environment;
        DatabasePath = Path.Combine(Path.GetTempPath(), "rtm-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _settings["Database:Provider"] = "Sqlite";
        _settings["Database:ConnectionString"] = $"Data Source={DatabasePath}";
        // Tests sign in often from one address; the rate-limit tests set their own low limits.
        _settings["RateLimits:SignInPerMinute"] = "10000";
        _settings["RateLimits:InvitationLinkPerMinute"] = "10000";
        _settings["RateLimits:NewLinkPerQuarterHour"] = "10000";
        // No background sender unless a test asks for one (Jobs:RunServer=true): queued rows stay as the test left them.
        _settings["Jobs:RunServer"] = "false";
        // Emails queued by any test go to a folder of this app's own (the Pickup transport), not into the source tree.
        PickupFolder = Path.Combine(Path.GetTempPath(), "rtm-tests", $"mail-{Guid.NewGuid():N}");
        _settings["Email:Transport"] = "Pickup";
        _settings["Email:PickupFolder"] = PickupFolder;
        EvidenceFolder = Path.Combine(Path.GetTempPath(), "rtm-tests", $"evidence-{Guid.NewGuid():N}");
        _settings["Actions:EvidenceFolder"] = EvidenceFolder;
        if (environment == "Production")
        {
            // Production will not start without a certificate to encrypt its Data Protection keys.
            var (path, password) = TestCertificates.CreatePfx();
            _settings["DataProtection:CertificatePath"] = path;
            _settings["DataProtection:CertificatePassword"] = password;
            // Nor without the https address that links in emails start with.
            _settings["Email:PublicBaseUrl"] = ProductionPublicBaseUrl;
        }

        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                _settings[key] = value;
            }
        }
    }

    /// <summary>The https address a Production app is given for links in emails (Production refuses to start without one).</summary>
    public const string ProductionPublicBaseUrl = "https://roundtables.example.gov.uk";

    public static TestApp Create(string environment = "Testing", IDictionary<string, string?>? settings = null) => new(environment, settings);

    public string DatabasePath { get; }

    /// <summary>When true the app finds no database file and creates and migrates it itself, as on a first run.</summary>
    public bool StartsWithoutDatabase { get; set; }

    /// <summary>Where the Pickup transport writes .eml files (unless the settings say otherwise).</summary>
    public string PickupFolder { get; }

    /// <summary>Where evidence files for follow-up actions are kept (unless the settings say otherwise).</summary>
    public string EvidenceFolder { get; }

    /// <summary>Starts at the real current time so cookies and tokens behave; tests move it on.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public StringWriter ConsoleOutput { get; } = new();

    /// <summary>More services for the host (set before the app first starts), e.g. a startup filter that watches requests.</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }

    /// <summary>
    /// PBKDF2 iterations for passwords and recovery codes in an app of the Testing environment. Production's count
    /// (<see cref="PasswordPolicy.HashIterations"/>) cost every account a test makes, and every sign-in, about a sixth of a
    /// second of a core: several minutes of a test run. Apps of any other environment, and a Testing app that sets
    /// <see cref="ProductionPasswordHashing"/> (the tests of the stored strength), hash as Production does.
    /// </summary>
    public const int TestingHashIterations = 1_000;

    /// <summary>When true, a Testing app hashes passwords with Production's iteration count, not <see cref="TestingHashIterations"/>.</summary>
    protected bool ProductionPasswordHashing { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<OperatorConsole>();
            services.AddSingleton<OperatorConsole>(new CapturedConsole(ConsoleOutput));
            // The query warnings guard in every test app, a Production one too (the app itself throws only in Development and Testing).
            services.ConfigureDbContext<AppDbContext>(options => options.UseMemoryCache(SharedQueryCache)
                .ConfigureWarnings(DatabaseServiceCollectionExtensions.ThrowOnQueryWarnings));
            if (_environment == "Testing" && !ProductionPasswordHashing)
            {
                services.PostConfigure<PasswordHasherOptions>(options => options.IterationCount = TestingHashIterations);
            }

            ConfigureTestServices?.Invoke(services);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (!StartsWithoutDatabase && !File.Exists(DatabasePath)
                && _settings["Database:Provider"] == "Sqlite" && _settings["Database:ConnectionString"] == $"Data Source={DatabasePath}")
            {
                File.Copy(MigratedTemplate.Value, DatabasePath);
            }

            var host = base.CreateHost(builder);
            StopGaugeLoop(host.Services);
            KeepStartingState();
            return host;
        }
        finally
        {
            BootLog.Record($"host {_environment}", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// The outbox-age gauge reads the database every 15 seconds of the app's clock, and that clock is the fake one: a test
    /// that moved it by weeks (a reply after the RSVP deadline) had it read the database once per 15 seconds passed, 43 s
    /// of CPU for one test, and a one-year step took 17 minutes. So no test app refreshes the gauge by itself: its loop is
    /// stopped once the app has started, after one reading (the reading a new app's loop makes first). Tests of the gauge
    /// refresh it themselves (<see cref="OutboxAgeGauge.RefreshAsync"/>), as <see cref="ResetAsync"/> does.
    /// </summary>
    private static void StopGaugeLoop(IServiceProvider services)
    {
        if (services.GetService<OutboxAgeGauge>() is not { } gauge)
        {
            return;
        }

        gauge.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        gauge.RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Puts the app back as it was when it had just started, so tests that each need a fresh app (they move the clock by
    /// days, sweep or send everything due, count rows, or change the migration history) can share one host: every table
    /// holds its start-up rows again (ids count on from where they did), the clock reads the time it read at start-up
    /// again, the pickup and evidence folders are emptied and the outbox-age gauge reads the database again (no test app's
    /// gauge refreshes by itself: <see cref="StopGaugeLoop"/>). What the
    /// running instance holds in memory as well keeps its rows: the Data Protection keys (its key ring) and its own
    /// outbox sender row (once registered, it only stamps the row). It costs a small fraction of a start-up; call it before
    /// each test. Only an app on a SQLite file of its own keeps its starting state.
    /// </summary>
    public async Task ResetAsync()
    {
        _ = Services;
        var start = _startingState ?? throw new InvalidOperationException("Only an app on a SQLite file of its own can be reset.");
        Clock.AdjustTime(_startedAt);
        lock (_lastSteps)
        {
            _lastSteps.Clear();
        }

        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False;Foreign Keys=False;Default Timeout=30"))
        {
            await connection.OpenAsync();
            await using (var attach = connection.CreateCommand())
            {
                attach.CommandText = "ATTACH DATABASE $path AS start";
                attach.Parameters.AddWithValue("$path", start);
                await attach.ExecuteNonQueryAsync();
            }

            // Every table's stored columns (generated ones, such as OutboxMessages.NormalisedToAddress, cannot be written).
            // sqlite_sequence holds each table's last id, so ids after a reset are those a fresh app would give.
            var columns = new Dictionary<string, List<string>>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT m.name, c.name FROM start.sqlite_master m JOIN pragma_table_xinfo(m.name, 'start') c " +
                    "WHERE m.type = 'table' AND (m.name NOT LIKE 'sqlite%' OR m.name = 'sqlite_sequence') AND c.hidden = 0 " +
                    "AND m.name NOT IN ('DataProtectionKeys', 'OutboxSenders') ORDER BY m.name, c.cid";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var table = reader.GetString(0);
                    if (!columns.TryGetValue(table, out var names))
                    {
                        columns[table] = names = [];
                    }

                    names.Add($"\"{reader.GetString(1)}\"");
                }
            }

            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
            await using (var copy = connection.CreateCommand())
            {
                copy.Transaction = transaction;
                copy.CommandText = string.Concat(columns.Select(t =>
                    $"DELETE FROM main.\"{t.Key}\"; INSERT INTO main.\"{t.Key}\" ({string.Join(", ", t.Value)}) SELECT {string.Join(", ", t.Value)} FROM start.\"{t.Key}\";"));
                await copy.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            }

            await using var detach = connection.CreateCommand();
            detach.CommandText = "DETACH DATABASE start";
            await detach.ExecuteNonQueryAsync();
        }

        var instance = Services.GetRequiredService<OutboxHeartbeat>().InstanceId;
        await WithDbAsync(db => db.OutboxSenders.Where(s => s.Id != instance).ExecuteDeleteAsync());
        foreach (var folder in new[] { PickupFolder, EvidenceFolder }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
        }

        await Services.GetRequiredService<OutboxAgeGauge>().RefreshAsync(CancellationToken.None);
    }

    // A copy of the database as start-up left it (roles, the Data Protection key, demo data where seeded), for ResetAsync.
    private void KeepStartingState()
    {
        if (_settings["Database:Provider"] != "Sqlite" || _settings["Database:ConnectionString"] != $"Data Source={DatabasePath}" || !File.Exists(DatabasePath))
        {
            return;
        }

        var path = DatabasePath + ".start";
        using (var source = new SqliteConnection($"Data Source={DatabasePath};Pooling=False;Mode=ReadOnly"))
        using (var target = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }

        _startingState = path;
        _startedAt = Clock.GetUtcNow();
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each step.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task WithDbAsync(Func<AppDbContext, Task> work) =>
        WithDbAsync(async db =>
        {
            await work(db);
            return true;
        });

    /// <summary>
    /// Creates an account and returns its password (generated, strong enough for the policy). Organisers and staff are
    /// enrolled in two-factor sign-in unless <paramref name="twoFactor"/> says otherwise, as the service requires.
    /// </summary>
    public async Task<TestUser> CreateUserAsync(string role, int? organisationId = null, string? email = null, bool? twoFactor = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.gov.uk";
        var password = PasswordGenerator.Generate();
        var result = await accounts.CreateAsync(email, $"Test {role}", role, organisationId, password, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        string? key = null;
        if (twoFactor ?? role is Roles.Organiser or Roles.Staff)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return new TestUser(user.Id, email, password, role, organisationId, key);
    }

    /// <summary>
    /// A security code the app will accept for this user now. A code works only in its own 30-second step and only once,
    /// so a second code for the same user moves the fake clock on to the next step.
    /// </summary>
    public string NextSecurityCode(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = Totp.DecodeKey(user.AuthenticatorKey ?? throw new InvalidOperationException($"{user.Email} has no authenticator"));
        lock (_lastSteps)
        {
            var now = Totp.TimeStep(Clock.GetUtcNow());
            var step = _lastSteps.TryGetValue(user.Id, out var last) ? Math.Max(last + 1, now) : now;
            if (step > now)
            {
                Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds * (step - now)));
            }

            _lastSteps[user.Id] = step;
            return Totp.Compute(key, step);
        }
    }

    public async Task<Organisation> CreateOrganisationAsync(string name, OrganisationType type = OrganisationType.ManagedServiceProvider)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var organisation = new Organisation
        {
            Name = name,
            NormalisedName = Organisation.Normalise(name),
            Type = type,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        await WithDbAsync(async db =>
        {
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
        });
        return organisation;
    }

    /// <summary>
    /// A browser-like client signed in as <paramref name="user"/> (with a security code if they have two-factor sign-in).
    /// <paramref name="timeout"/> replaces HttpClient's 100 s for a test whose subject is not how long a request takes.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync(TestUser user, string? userAgent = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = CreateBrowserLikeClient();
        if (timeout is { } wait)
        {
            client.Timeout = wait;
        }

        if (userAgent is not null)
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }

        var response = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string>
        {
            ["Email"] = user.Email,
            ["Password"] = user.Password,
        });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {user.Role} failed: {(int)response.StatusCode}");
        }

        if (response.Headers.Location!.OriginalString.StartsWith("/sign-in/code", StringComparison.Ordinal))
        {
            using var code = await client.PostFormAsync("/sign-in/code", "/sign-in/code", new Dictionary<string, string> { ["Code"] = NextSecurityCode(user) });
            if (code.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Security code for {user.Role} refused: {(int)code.StatusCode}");
            }
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                if (Directory.Exists(PickupFolder))
                {
                    Directory.Delete(PickupFolder, recursive: true);
                }

                if (Directory.Exists(EvidenceFolder))
                {
                    Directory.Delete(EvidenceFolder, recursive: true);
                }
            }
            catch (IOException)
            {
                // Harmless leftovers in the temp folder.
            }

            foreach (var suffix in new[] { "", "-wal", "-shm", ".start" })
            {
                try
                {
                    File.Delete(DatabasePath + suffix);
                }
                catch (IOException)
                {
                    // A file still held open is left in the temp folder; it is harmless.
                }
            }
        }
    }

    /// <summary>
    /// EF Core's cache of compiled queries, one for every app of the test process. Left alone, EF Core takes the app's own
    /// IMemoryCache, so each app (each test host) had an EF Core service provider of its own and compiled every query it ran
    /// again: LINQ translation and a JIT-compiled delegate per query per host. A process runs one app, so it compiles each
    /// query once; a test process now does too. The app's own IMemoryCache stays its own.
    /// </summary>
    private static readonly Microsoft.Extensions.Caching.Memory.MemoryCache SharedQueryCache = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());

    // Migrated once per test process, then copied: every migration applied to an empty file took a share of each start-up.
    // Only the schema and its migration history are in it (no roles, no Data Protection key: each app makes its own).
    private static readonly Lazy<string> MigratedTemplate = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "rtm-tests", $"template-{Guid.NewGuid():N}.db");
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path};Pooling=False" });
        using (var db = new AppDbContext(builder.Options))
        {
            db.Database.Migrate();
        }

        // Unpooled, so closing the last connection checkpoints the write-ahead log into the file: the one file is the database.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    private sealed class CapturedConsole(StringWriter writer) : OperatorConsole
    {
        public override TextWriter Out => TextWriter.Synchronized(writer);
    }
}

public sealed record TestUser(string Id, string Email, string Password, string Role, int? OrganisationId, string? AuthenticatorKey = null);
