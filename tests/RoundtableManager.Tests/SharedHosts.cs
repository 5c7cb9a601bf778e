namespace RoundtableManager.Tests;

/// <summary>
/// Test classes that can share one running app, grouped so a run boots a handful of hosts instead of one per class.
/// A class joins a group only if each of its tests makes its own data (its own roundtable, organisation and users, with
/// unique names) and asserts only on that data; xunit runs the classes of a group one after another, while the groups
/// run in parallel. Moving the shared clock forward by seconds or minutes (a security-stamp check, a new security code,
/// a later revision, a reply deadline set five minutes ahead and passed) is fine, since nothing of another test is waiting
/// on it. A class that moves the clock by hours or days or to a chosen time, sweeps or sends everything due, or needs an
/// empty database joins <see cref="Fresh"/> (or <see cref="FreshReminders"/>, <see cref="FreshReports"/>, <see cref="Smtp"/>,
/// <see cref="Demo"/>), whose host is put back as it started before each test (no test app's outbox-age gauge refreshes on
/// the fake clock by itself, so a test may move the clock by months: RetentionTests). A test whose app differs by settings
/// or configuration or added services keeps a host of its own: the app reads its own settings once, at start (IOptions),
/// so a shared host cannot honestly be given another value for one test. A nested class (for example
/// SecurityHeadersTests.InProduction) lets one file's tests use two groups.
/// <para>
/// The starts that remain, and why (session 18): each of these starts the app itself.
/// <list type="bullet">
/// <item>Restarts on one database file: EmailJobsTests and ReminderJobsTests (an instance stops, a new one on the same file
/// sends what was due), BackupRestoreTests' restored copy.</item>
/// <item>Two instances at once on one file: MultipleInstancesTests, SeveralHostsTests, RateLimitTests' second instance.</item>
/// <item>Start-up refusals of bad settings, each a start that must fail: the in-process entry-point runs of EmailJobsTests,
/// ConfigurationTests, RetentionTests, MultipleInstancesTests, SignInSessionOptionsTests, TwoFactorTests, OtlpExportTests
/// and ReminderJobsTests (the entry point is what turns the failed check into exit code 1 and one line), and
/// ConfigurationTests' process (that the operator's console sees it).</item>
/// <item>Settings read at start: DatabaseBusyTests (busy timeout), HealthEndpointTests (due-email age), RetentionTests
/// (period), SessionManagementTests (session limits), TelemetryTests (metrics networks), OutboxConnectionsTests (batch size,
/// connections, a watched transport), OutboxCrashRecoveryTests and EmailJobsTests (an SMTP port nobody listens on, a pickup
/// folder, Production's relay), RateLimitTests and RefusalLoggingTests (low limits), OtlpExportTests (collector), the proxy
/// and sign-on classes (BehindTlsProxyTests, SingleSignOnBehindProxyTests, SingleSignOnIssuerTests), DemoDataTests (demo
/// data asked for outside Development), StartupTests (what a first start with a job server logs).</item>
/// <item>Services added: TelemetryTests' journey (in-memory exporters), ErrorPageTests (a throwing page),
/// ServiceQueryTranslationTests (the service list itself).</item>
/// <item>Counts from an app's start: EmailJobsTests' sender runs asked for (Hangfire's in-memory queue is not put back by a
/// reset).</item>
/// <item>The app makes its own database: MigrationTests (created and migrated at first start).</item>
/// <item>The database file taken away: HealthTests (/health and /health/ready with the file unusable).</item>
/// <item>Every first row the same id: BadInputSweepTests.</item>
/// <item>One app per provider: ProviderJourneyTests (<see cref="Operations.SqlServer.ProviderApps"/>).</item>
/// <item>A verb through the entry point: CreateUserCommandTests' create-user with a generated password (in-process, on the
/// actions host's database file), as an operator runs it beside the app.</item>
/// <item>Processes: CreateUserCommandTests (a password piped on standard input), BackupRestoreTests (a backup while answers
/// are written), ProductionLogTests (Production's console as an operator reads it).</item>
/// </list>
/// </para>
/// </summary>
public static class SharedHosts
{
    /// <summary>Roundtables, invitations and replies, and the pages built on them (tags to invite by, the venue list).</summary>
    public const string Invitations = "Shared host: roundtables and invitations";

    /// <summary>
    /// Follow-up actions, the agenda and proposals, personal data, the site-wide headers, charset, health and assets, and the
    /// operator's verbs (backup, restore, create-user) on the running app's database.
    /// </summary>
    public const string Actions = "Shared host: actions, proposals and privacy";

    /// <summary>The supplier directory and its tags, the email and audit logs, accounts (passwords, two-factor, users), and the route and isolation sweeps.</summary>
    public const string Directory = "Shared host: directory, logs, accounts and sweeps";

    /// <summary>
    /// The supplier import's three classes share the host the one class had: they import fixture files with fixed names
    /// and move the clock a few minutes, so no other class joins them.
    /// </summary>
    public const string SupplierImport = "Host of the supplier import tests";

    /// <summary>The app signing in through a real OpenID Connect provider on 127.0.0.1 (<see cref="Operations.SingleSignOnTests.Host"/>).</summary>
    public const string SingleSignOn = "Shared host: single sign-on";

    /// <summary>
    /// Classes whose tests each need an app as it was at start-up (they move the clock by days, sweep or send everything due,
    /// count rows): one host, put back before each test by <see cref="TestApp.ResetAsync"/> in the class's InitializeAsync.
    /// </summary>
    public const string Fresh = "Shared host, put back as it started before each test";

    /// <summary>
    /// The same as <see cref="Fresh"/> for the reminder classes (sweeps and jobs over every reminder kind). The classes that
    /// need a fresh app are split over three such hosts: the classes of one host run one after another, the hosts side by side.
    /// </summary>
    public const string FreshReminders = "Shared host for reminders, put back as it started before each test";

    /// <summary>The same as <see cref="Fresh"/> for the reports, feedback and dashboard classes (they count rows).</summary>
    public const string FreshReports = "Shared host for reports, put back as it started before each test";

    /// <summary>
    /// The same for classes that send over SMTP to a real server on 127.0.0.1 (<see cref="Email.SmtpAppFixture"/>): the
    /// server's mailbox is emptied and the app put back as it started before each test.
    /// </summary>
    public const string Smtp = "Shared host sending over SMTP, put back as it started before each test";

    /// <summary>
    /// The app sending over SMTP to a real server with its Hangfire server running (<see cref="Email.SmtpJobServerFixture"/>):
    /// the tests of what the job server does by itself (a commit's prompt send, a dead instance's claims sent again, an
    /// invitation delivered, readiness with its heartbeat). Not put back (a reset under a running job server would race it): each test empties the
    /// server's mailbox first, uses addresses of its own and waits until everything it queued is sent.
    /// </summary>
    public const string SmtpJobServer = "Shared host sending over SMTP with its job server running";

    /// <summary>
    /// The app hashing passwords and recovery codes with Production's iteration count (other Testing apps use a lower one:
    /// <see cref="TestApp.TestingHashIterations"/>), with Identity's hasher counting its verifications: the tests of the
    /// stored strength and of the hashing work a sign-in does.
    /// </summary>
    public const string PasswordHashing = "Shared host hashing passwords as Production does";

    /// <summary>
    /// The app in Production as TestApp starts it (a Data Protection certificate and an https public address, nothing else
    /// set): the tests of what Production alone does (HSTS, secure cookies, the https refusal, JSON logs, full-strength
    /// hashing, two-factor sign-in before the jobs dashboard). Each makes its own users and clients, as in <see cref="Invitations"/>.
    /// </summary>
    public const string Production = "Shared host in Production";

    /// <summary>
    /// The app with every log line captured at the most detailed level an operator could set (Debug, so Information too):
    /// the scans of the log for the secrets and tokens of each test's own flows (<see cref="DebugLoggingApp"/>).
    /// </summary>
    public const string Logging = "Shared host capturing its log at Debug";

    /// <summary>The app as a first `dotnet run` starts it (Development, demo data seeded), put back as it started before each test.</summary>
    public const string Demo = "Shared host with the demo data, put back as it started before each test";
}

[CollectionDefinition(SharedHosts.Invitations)]
public sealed class InvitationsHost : ICollectionFixture<TestApp>;

[CollectionDefinition(SharedHosts.Actions)]
public sealed class ActionsHost : ICollectionFixture<TestApp>;

[CollectionDefinition(SharedHosts.Directory)]
public sealed class DirectoryHost : ICollectionFixture<TestApp>;

[CollectionDefinition(SharedHosts.Fresh)]
public sealed class FreshHost : ICollectionFixture<TestApp>;

[CollectionDefinition(SharedHosts.FreshReminders)]
public sealed class FreshRemindersHost : ICollectionFixture<TestApp>;

[CollectionDefinition(SharedHosts.FreshReports)]
public sealed class FreshReportsHost : ICollectionFixture<TestApp>;

[CollectionDefinition(SharedHosts.Smtp)]
public sealed class SmtpHost : ICollectionFixture<Email.SmtpAppFixture>;

[CollectionDefinition(SharedHosts.SmtpJobServer)]
public sealed class SmtpJobServerHost : ICollectionFixture<Email.SmtpJobServerFixture>;

[CollectionDefinition(SharedHosts.PasswordHashing)]
public sealed class PasswordHashingHost : ICollectionFixture<Identity.PasswordHashingTests.CountingApp>;

[CollectionDefinition(SharedHosts.Demo)]
public sealed class DemoHost : ICollectionFixture<DemoApp>;

[CollectionDefinition(SharedHosts.Production)]
public sealed class ProductionHost : ICollectionFixture<ProductionApp>;

/// <summary>Production with only the settings it will not start without (<see cref="TestApp"/>).</summary>
public sealed class ProductionApp() : TestApp("Production");

[CollectionDefinition(SharedHosts.Logging)]
public sealed class LoggingHost : ICollectionFixture<DebugLoggingApp>;

/// <summary>Every log line captured, with the app's and the framework's logging at Debug.</summary>
public sealed class DebugLoggingApp() : LoggingTestApp(new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Debug",
    ["Logging:LogLevel:Microsoft"] = "Debug",
    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
});

/// <summary>Development with demo data seeded at start, as the README's first command runs the app.</summary>
public sealed class DemoApp() : TestApp("Development", new Dictionary<string, string?> { ["DemoData:Seed"] = "true" });

[CollectionDefinition(SharedHosts.SingleSignOn)]
public sealed class SingleSignOnHost : ICollectionFixture<Operations.SingleSignOnTests.Host>;

[CollectionDefinition(SharedHosts.SupplierImport)]
public sealed class SupplierImportHost : ICollectionFixture<TestApp>;
