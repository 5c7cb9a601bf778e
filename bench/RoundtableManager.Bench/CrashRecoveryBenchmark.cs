using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Email;
using RoundtableManager.TestSupport;

namespace RoundtableManager.Bench;

/// <summary>
/// 7. Recovery after a crash: the real app as its own process (dotnet RoundtableManager.Web.dll, Production, the
/// Release build) sends 1,000 queued emails to the counting sink, which takes a little while over each (a relay slower
/// than the sink alone, so a send lasts long enough to be interrupted); the process is killed (SIGKILL) when 250, 500 and
/// 750 distinct messages have arrived and started again at once on the same database. Reported: lost (never arrived),
/// duplicated (arrived more than once), the time to drain against the same send without kills, and, for each kill, how
/// long after the restart began the rows the dead process held were first and all sending again (out of its hands: taken
/// by a live sender or sent; the goal) and all sent (information: a row taken by a process killed in turn waits again).
/// </summary>
internal sealed class CrashRecoveryBenchmark : IBenchmark
{
    private const string Kind = "BenchCrash";

    public string Name => "crash-recovery";

    public string What => "7. Recovery after kill -9 three times during a 1,000-email send";

    public string Goal => "0 lost; each duplicated at most once; a dead sender's claims sending again <= 30 s after the restart";

    public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messages = context.Quick ? 300 : 1000;
        var perMessage = TimeSpan.FromMilliseconds(25);
        var web = AppProcess.WebAssemblyPath;
        if (!File.Exists(web))
        {
            return new BenchResult("error", "-", "-", false, [$"{web} is not built (build the solution in {context.Configuration} first)."]);
        }

        var (certificate, password) = TestCertificates.CreatePfx();
        var folder = Path.Combine(Path.GetTempPath(), "rtm-bench", "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var template = Path.Combine(folder, "migrated.db");
            context.Log.WriteLine("  migrating a new database with a first start");
            await using (var sink = new SmtpSink())
            {
                await using var first = await AppRun.StartAsync(web, Environment(template, sink.Port, certificate, password), cancellationToken);
                first.Kill();
            }

            await CheckpointAsync(template, cancellationToken);

            context.Log.WriteLine($"  without kills: {messages:N0} emails");
            var calm = await SendAsync(context, web, template, Path.Combine(folder, "calm.db"), messages, perMessage, [], certificate, password, cancellationToken);
            var kills = new[] { messages / 4, messages / 2, messages * 3 / 4 };
            context.Log.WriteLine($"  with kill -9 at {string.Join(", ", kills)} distinct messages received");
            var crashed = await SendAsync(context, web, template, Path.Combine(folder, "crashed.db"), messages, perMessage, kills, certificate, password, cancellationToken);

            var worstResend = crashed.Resends.Length == 0 ? 0 : crashed.Resends.Max(r => r.AllAgain.TotalSeconds);
            var met = crashed.Lost == 0 && crashed.MostCopies <= 2 && crashed.Kills == kills.Length && worstResend <= 30;
            var notes = new List<string>
            {
                $"{messages:N0} emails queued on a migrated SQLite file, sent by the app (Production, Release build, its Hangfire server) to the counting sink, which takes {perMessage.TotalMilliseconds:0} ms over each message before answering",
                $"without kills: drained in {calm.Drain.TotalSeconds:0.0} s; {calm.Lost} lost, {calm.Duplicated} duplicated",
                $"with {crashed.Kills} kills (SIGKILL) and immediate restarts: drained in {crashed.Drain.TotalSeconds:0.0} s; {crashed.Lost} lost, {crashed.Duplicated} duplicated (no message more than {crashed.MostCopies} times)",
                "per kill, the rows the dead process held in Sending, and after the restart began when the first and the last of them were sending again (taken by a live sender, or sent) and when all were Sent: "
                    + string.Join("; ", crashed.Resends.Select(r => $"{r.Claimed} rows, first {r.FirstAgain.TotalSeconds:0.0} s, all {r.AllAgain.TotalSeconds:0.0} s, all sent {r.AllSent.TotalSeconds:0.0} s (restart took {r.Restart.TotalSeconds:0.0} s)")),
            };
            return new BenchResult(
                $"{crashed.Drain.TotalSeconds:0.0} s to drain; {crashed.Lost} lost, {crashed.Duplicated} duplicated; a dead sender's claims all sending again <= {worstResend:0.0} s after restart",
                $"{calm.Drain.TotalSeconds:0.0} s without kills",
                Stats.F(crashed.Drain.TotalSeconds / calm.Drain.TotalSeconds, "0.00"),
                met,
                notes);
        }
        finally
        {
            File.Delete(certificate);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover in the temp folder is harmless.
            }
        }
    }

    private static async Task<Outcome> SendAsync(BenchContext context, string web, string template, string database, int messages, TimeSpan perMessage, int[] killAt,
        string certificate, string password, CancellationToken cancellationToken)
    {
        File.Copy(template, database);
        await QueueAsync(database, messages, cancellationToken);
        await using var sink = new SmtpSink(perMessage);
        var environment = Environment(database, sink.Port, certificate, password);
        var resends = new List<Resend>();
        var dead = new HashSet<Guid>();
        var watchers = new List<Task>();
        var watch = Stopwatch.StartNew();
        var app = await AppRun.StartAsync(web, environment, cancellationToken);
        try
        {
            foreach (var at in killAt)
            {
                while (sink.Distinct < at)
                {
                    await Task.Delay(5, cancellationToken);
                }

                app.Kill();
                await app.DisposeAsync();
                var (instance, claimed) = await ClaimedAsync(database, dead, cancellationToken);
                context.Log.WriteLine($"    killed at {sink.Distinct} distinct received; {claimed.Count} rows left in Sending by the dead process");
                var restart = Stopwatch.StartNew();
                resends.Add(new Resend(claimed.Count, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
                watchers.Add(WatchResentAsync(database, instance, claimed, restart, resends, resends.Count - 1, cancellationToken));
                app = await AppRun.StartAsync(web, environment, cancellationToken);
                lock (resends)
                {
                    resends[^1] = resends[^1] with { Restart = restart.Elapsed };
                }
            }

            var deadline = TimeSpan.FromMinutes(10);
            while (await UnsentAsync(database, cancellationToken) > 0 || sink.Distinct < messages)
            {
                if (watch.Elapsed > deadline)
                {
                    throw new TimeoutException($"The outbox did not drain within {deadline}: {sink.Distinct} of {messages} arrived.");
                }

                await Task.Delay(50, cancellationToken);
            }

            var drain = watch.Elapsed;
            await Task.WhenAll(watchers);
            return new Outcome(drain, messages - sink.Distinct, sink.Received - sink.Distinct, sink.MostCopies, killAt.Length, [.. resends]);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>When the first and the last of the dead process's rows left its hands (sent, or claimed by a live sender), and when all were Sent.</summary>
    private static async Task WatchResentAsync(string database, Guid instance, List<long> claimed, Stopwatch sinceRestart, List<Resend> resends, int index,
        CancellationToken cancellationToken)
    {
        TimeSpan? first = null, all = null;
        while (claimed.Count > 0)
        {
            await using var db = Context(database);
            var rows = await db.OutboxMessages.Where(m => claimed.Contains(m.Id)).Select(m => new { m.Status, m.ClaimedBy }).ToListAsync(cancellationToken);
            var stillHeld = rows.Count(r => r.Status == OutboxStatus.Sending && r.ClaimedBy == instance);
            first ??= stillHeld < claimed.Count ? sinceRestart.Elapsed : null;
            all ??= stillHeld == 0 ? sinceRestart.Elapsed : null;
            if (rows.Count(r => r.Status == OutboxStatus.Sent) == claimed.Count)
            {
                break;
            }

            await Task.Delay(50, cancellationToken);
        }

        lock (resends)
        {
            resends[index] = resends[index] with { FirstAgain = first ?? TimeSpan.Zero, AllAgain = all ?? TimeSpan.Zero, AllSent = sinceRestart.Elapsed };
        }
    }

    private static async Task QueueAsync(string database, int messages, CancellationToken cancellationToken)
    {
        await using var db = Context(database);
        var now = DateTime.UtcNow;
        db.OutboxMessages.AddRange(Enumerable.Range(1, messages).Select(i => new OutboxMessage
        {
            Kind = Kind,
            ToAddress = $"contact{i}@supplier{i % 97}.example",
            ToName = $"Contact {i}",
            Subject = "Invitation: supplier security roundtable",
            TextBody = $"Dear Contact {i},\n\nYou are invited to the supplier security roundtable.",
            HtmlBody = $"<p>Dear Contact {i},</p><p>You are invited to the supplier security roundtable.</p>",
            Status = OutboxStatus.Queued,
            NextAttemptUtc = now,
            CreatedUtc = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The killed first start leaves its schema partly in the WAL file: fold it into the file before copying it.</summary>
    private static async Task CheckpointAsync(string database, CancellationToken cancellationToken)
    {
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}"))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The killed process (the instance registered last, not killed before) and the rows it held in Sending; rows an
    /// earlier dead process still holds are that kill's, not this one's.
    /// </summary>
    private static async Task<(Guid Instance, List<long> Claimed)> ClaimedAsync(string database, HashSet<Guid> dead, CancellationToken cancellationToken)
    {
        await using var db = Context(database);
        var instances = await db.OutboxSenders.OrderByDescending(s => s.StartedUtc).Select(s => s.Id).ToListAsync(cancellationToken);
        var instance = instances.FirstOrDefault(i => !dead.Contains(i));
        if (instance == Guid.Empty)
        {
            return (instance, []);
        }

        dead.Add(instance);
        return (instance, await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.ClaimedBy == instance).Select(m => m.Id).ToListAsync(cancellationToken));
    }

    private static async Task<int> UnsentAsync(string database, CancellationToken cancellationToken)
    {
        await using var db = Context(database);
        return await db.OutboxMessages.CountAsync(m => m.Kind == Kind && m.Status != OutboxStatus.Sent, cancellationToken);
    }

    private static AppDbContext Context(string database)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { ConnectionString = $"Data Source={database}" });
        return new AppDbContext(builder.Options);
    }

    private static Dictionary<string, string> Environment(string database, int smtpPort, string certificate, string password) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__ConnectionString"] = $"Data Source={database}",
        ["DataProtection__CertificatePath"] = certificate,
        ["DataProtection__CertificatePassword"] = password,
        ["Email__Transport"] = "Smtp",
        ["Email__Smtp__Host"] = SmtpSink.Host,
        ["Email__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Email__Smtp__Security"] = "None",
        ["Email__Smtp__AllowUnencryptedOnTrustedLink"] = "true",
        ["Email__PublicBaseUrl"] = "https://roundtables.example.gov.uk",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private sealed record Resend(int Claimed, TimeSpan Restart, TimeSpan FirstAgain, TimeSpan AllAgain, TimeSpan AllSent);

    private sealed record Outcome(TimeSpan Drain, int Lost, int Duplicated, int MostCopies, int Kills, Resend[] Resends);
}
