using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Reminders;
using RoundtableManager.TestSupport;

namespace RoundtableManager.Bench;

/// <summary>
/// Ours: the real ReminderSweep over a database of 1,000,000 invitations (1,000 roundtables x 1,000 organisations, one
/// recipient each) of which one roundtable's 1,000 are due an RSVP chaser. Limit: the same sweep over a database holding
/// only that roundtable's 1,000 invitations. Each measured sweep runs inside a transaction that is rolled back, so every
/// round finds the same 1,000 reminders to settle. The data is bulk-inserted with prepared INSERTs in one transaction.
/// </summary>
internal sealed class ReminderSweepBenchmark : IBenchmark
{
    private const int Organisations = 1_000;

    public string Name => "reminder-sweep";

    public string What => "4. Reminder sweep (1,000,000 invitations, 1,000 due)";

    public string Goal => "time ours/1,000-only <= 2";

    public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var roundtables = context.Quick ? 100 : 1_000;
        var rounds = context.Quick ? 1 : 3;
        using var big = BenchApp.Create();
        using var small = BenchApp.Create();
        var setup = Stopwatch.StartNew();
        await SeedAsync(big, roundtables, cancellationToken);
        context.Log.WriteLine($"  seeded {roundtables * Organisations:N0} invitations in {setup.Elapsed.TotalSeconds:0.0} s");
        await SeedAsync(small, 1, cancellationToken);
        var results = new List<string>();

        var (ours, limit) = await context.InterleaveAsync(
            rounds,
            _ => SweepAsync(big, results, cancellationToken),
            _ => SweepAsync(small, results, cancellationToken));
        var oursSeconds = Stats.Median(ours.Select(t => t.TotalSeconds));
        var limitSeconds = Stats.Median(limit.Select(t => t.TotalSeconds));
        var ratio = oursSeconds / limitSeconds;
        var problems = results.Distinct().Where(r => r != "1000 sent").ToList();
        List<string> notes =
        [
            $"{roundtables * Organisations:N0} invitations against {Organisations:N0}; {rounds} round(s) each after a warm-up, each sweep rolled back; "
                + $"ours s: {Stats.List(ours.Select(t => t.TotalSeconds), "0.000")}; 1,000-only s: {Stats.List(limit.Select(t => t.TotalSeconds), "0.000")}.",
            $"Every sweep settled: {string.Join(", ", results.Distinct())}.",
        ];
        return new BenchResult(
            $"{Stats.F(oursSeconds, "0.000")} s",
            $"{Stats.F(limitSeconds, "0.000")} s",
            Stats.F(ratio, "0.00"),
            ratio <= 2 && problems.Count == 0,
            notes);
    }

    private static async Task<TimeSpan> SweepAsync(TestApp app, List<string> results, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sweep = scope.ServiceProvider.GetRequiredService<ReminderSweep>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        var result = await sweep.RunAsync(cancellationToken);
        var elapsed = watch.Elapsed;
        await transaction.RollbackAsync(cancellationToken);
        results.Add(result is { Skipped: 0, Missed: 0, Failed: 0 } ? $"{result.Sent} sent" : result.ToString());
        return elapsed;
    }

    /// <summary>
    /// Roundtable 1 is open with a reply-by deadline whose 2-day chaser fell due within the last four hours;
    /// the others are open with deadlines months away, so nothing of theirs is due in the sweep's look-ahead.
    /// </summary>
    private static async Task SeedAsync(TestApp app, int roundtables, CancellationToken cancellationToken)
    {
        _ = app.Services;
        // The clock starts at the real time; move it to the next weekday, an hour after the chasers' send time.
        var reminders = app.Services.GetRequiredService<IOptions<RemindersOptions>>().Value;
        var start = app.Clock.GetUtcNow().UtcDateTime;
        var target = Enumerable.Range(1, 10).Select(d => RoundtableManager.Core.Common.UkTime.ToUtc(DateOnly.FromDateTime(start).AddDays(d).ToDateTime(reminders.SendAt)).AddHours(1))
            .First(t => t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday or DayOfWeek.Monday));
        app.Clock.Advance(target - start);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // A deadline whose 2-day chaser fell due within the last few hours (chasers go at a set time of day, on working
        // days), and everything created just before that, so the earlier 7-day chaser does not apply.
        var dueDeadline = Enumerable.Range(24, 24 * 10).Select(h => now.AddHours(h))
            .First(d => reminders.DueUtc(d, 2) is var due && due <= now && now - due < TimeSpan.FromHours(4));
        var created = reminders.DueUtc(dueDeadline, 2).AddMinutes(-1);
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        async Task RunAsync(string sql, Action<SqliteParameterCollection> parameters, int count, Action<int, SqliteParameterCollection> bind)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            parameters(command.Parameters);
            command.Prepare();
            for (var i = 1; i <= count; i++)
            {
                bind(i, command.Parameters);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await RunAsync(
            "INSERT INTO Organisations (Id, Name, NormalisedName, Type, IsArchived, CreatedUtc, UpdatedUtc) VALUES ($id, $name, $key, 0, 0, $created, $created)",
            p => { p.Add("$id", SqliteType.Integer); p.Add("$name", SqliteType.Text); p.Add("$key", SqliteType.Text); p.AddWithValue("$created", created); },
            Organisations,
            (i, p) => { p["$id"].Value = i; p["$name"].Value = $"Supplier {i:0000} Ltd"; p["$key"].Value = $"SUPPLIER {i:0000} LTD"; });
        await RunAsync(
            """
            INSERT INTO Roundtables (Id, Title, StartsUtc, EndsUtc, Capacity, DelegatesPerOrganisation, RsvpDeadlineUtc, Status, CalendarSequence, CreatedUtc, UpdatedUtc)
            VALUES ($id, $title, $starts, $ends, 2000, 2, $deadline, 1, 0, $created, $created)
            """,
            p =>
            {
                p.Add("$id", SqliteType.Integer); p.Add("$title", SqliteType.Text); p.Add("$starts", SqliteType.Text); p.Add("$ends", SqliteType.Text);
                p.Add("$deadline", SqliteType.Text); p.AddWithValue("$created", created);
            },
            roundtables,
            (i, p) =>
            {
                var deadline = i == 1 ? dueDeadline : now.AddDays(120 + i % 200);
                p["$id"].Value = i;
                p["$title"].Value = $"Supplier security roundtable {i}";
                p["$deadline"].Value = deadline;
                p["$starts"].Value = deadline.AddDays(14);
                p["$ends"].Value = deadline.AddDays(14).AddHours(2);
            });
        await RunAsync(
            "INSERT INTO Invitations (Id, RoundtableId, OrganisationId, Response, CreatedUtc, RecordedByOrganiser) VALUES ($id, $roundtable, $organisation, 0, $created, 0)",
            p => { p.Add("$id", SqliteType.Integer); p.Add("$roundtable", SqliteType.Integer); p.Add("$organisation", SqliteType.Integer); p.AddWithValue("$created", created); },
            roundtables * Organisations,
            (i, p) => { p["$id"].Value = i; p["$roundtable"].Value = (i - 1) / Organisations + 1; p["$organisation"].Value = (i - 1) % Organisations + 1; });
        await RunAsync(
            """
            INSERT INTO InvitationRecipients (Id, InvitationId, Email, Name, TokenHash, TokenIssuedUtc, CreatedUtc)
            VALUES ($id, $id, $email, $name, $hash, $created, $created)
            """,
            p => { p.Add("$id", SqliteType.Integer); p.Add("$email", SqliteType.Text); p.Add("$name", SqliteType.Text); p.Add("$hash", SqliteType.Text); p.AddWithValue("$created", created); },
            roundtables * Organisations,
            (i, p) => { p["$id"].Value = i; p["$email"].Value = $"contact{i}@supplier.example"; p["$name"].Value = $"Contact {i}"; p["$hash"].Value = i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture); });
        // No ANALYZE: the app never runs one, so the planner here works without statistics, as it does in production.
        await transaction.CommitAsync(cancellationToken);
    }
}
