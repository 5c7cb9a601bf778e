using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RoundtableManager.Core.Actions;
using RoundtableManager.Core.Engagement.Reports;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Suppliers;
using RoundtableManager.TestSupport;

namespace RoundtableManager.Bench;

/// <summary>
/// 8. Programme scale: the organiser pages people use daily, timed on data generated at 1x (20 roundtables, 500
/// organisations, 5,000 invitations, 10,000 emails, 10,000 audit events, 200 actions) and at 100x (2,000, 50,000,
/// 500,000, 1,000,000, 1,000,000, 20,000), each in its own app (TestApp: real app, its own SQLite file) with a signed-in
/// organiser. Both apps are up at once and each page is asked for at 1x and 100x in turn, in several rounds over every
/// page after a warm-up, so the shared machine's drift hits both sides alike; medians. The cost should follow the page, not the tables.
/// Then the 100x database is served by the app as its own process (dotnet RoundtableManager.Web.dll) and, after every
/// page has been asked for as often, that process's resident memory is read: the app's, not the harness's.
/// </summary>
internal sealed class ProgrammeScaleBenchmark : IBenchmark
{
    public string Name => "programme-scale";

    public string What => "8. Programme scale: organiser pages at 100x the data against 1x";

    public string Goal => "median 100x/1x <= 1.5 per page; app memory after the 100x run < 400 MB";

    /// <summary>Requests per page and side in each round, 1x and 100x taken in turn (then 100x and 1x, and so on).</summary>
    private const int PairsPerRound = 6;

    /// <summary>Each page is asked for this often on each side before anything is timed (JIT, EF Core's query cache, SQLite's page cache).</summary>
    private const int WarmUps = 3;

    /// <summary>How often the app process is asked for every page before its memory is read (as since session 7).</summary>
    private const int AppProcessRequests = 8;

    public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var large = context.Quick ? 10 : 100;
        var rounds = context.Quick ? 1 : 5;
        using var small = await Scale.CreateAsync(context, 1, cancellationToken);
        using var big = await Scale.CreateAsync(context, large, cancellationToken);
        var times = await TimePagesAsync(context, small, big, rounds, cancellationToken);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var workingSet = Stats.Megabytes(Environment.WorkingSet);
        double? own = null;
        if (File.Exists(AppProcess.WebAssemblyPath))
        {
            context.Log.WriteLine("  the app as its own process on a copy of the database");
            var reader = await big.App.CreateUserAsync(Roles.Organiser, twoFactor: false);
            own = await AppProcessMemoryAsync(big.App.DatabasePath, reader, big.Pages.Select(p => p.Url).ToList(), AppProcessRequests, cancellationToken);
            context.Log.WriteLine($"    resident: {own:0} MB");
        }

        var rows = times.Select(t => (t.Name, Small: Stats.Median(t.Small), Big: Stats.Median(t.Big), Rounds: t.RoundRatios)).Select(r => (r.Name, r.Small, r.Big, Ratio: r.Big / r.Small, r.Rounds)).ToList();
        var worst = rows.Max(r => r.Ratio);
        var notes = new List<string>
        {
            $"{rounds} round(s) over every page after {WarmUps} warm-up requests of each page on each side; in a round each page is asked for {PairsPerRound} times at 1x and at {large}x in turn (both apps up at once), "
            + $"so the machine's drift hits both sides alike; medians of the {rounds * PairsPerRound} requests a side; generated in {small.Seeded.TotalSeconds:0.0} s (1x) and {big.Seeded.TotalSeconds:0.0} s ({large}x), summaries and counts included",
        };
        notes.AddRange(rows.Select(r => $"{r.Name}: 1x {r.Small:0.0} ms, {large}x {r.Big:0.0} ms, ratio {r.Ratio:0.00}{(r.Ratio <= 1.5 ? "" : " (over 1.5)")}; per round {Stats.List(r.Rounds, "0.00")}"));
        notes.Add($"working set of the bench process (both apps run in it) after the pages and a full collection: {workingSet:0} MB");
        notes.Add(own is { } mb
            ? $"the app as its own process (Development, two-factor off, no demo data) on a copy of the {large}x database, after every page {AppProcessRequests} times: {mb:0} MB resident"
            : $"the app as its own process: not measured ({AppProcess.WebAssemblyPath} is not built)");
        return new BenchResult(
            $"{large}x: " + string.Join(", ", rows.Select(r => $"{r.Name} {r.Big:0.0} ms")) + (own is { } resident ? $"; app process {resident:0} MB" : ""),
            "1x: " + string.Join(", ", rows.Select(r => $"{r.Name} {r.Small:0.0} ms")),
            $"worst {Stats.F(worst, "0.00")}",
            worst <= 1.5 && own is < 400,
            notes);
    }

    private sealed record PageTimes(string Name, List<double> Small, List<double> Big, List<double> RoundRatios);

    /// <summary>Warms every page on both sides, then times them in rounds, 1x and the large scale in turn, request by request.</summary>
    private static async Task<List<PageTimes>> TimePagesAsync(BenchContext context, Scale small, Scale big, int rounds, CancellationToken cancellationToken)
    {
        context.Log.WriteLine("  warm-up");
        foreach (var scale in new[] { small, big })
        {
            foreach (var page in scale.Pages)
            {
                for (var i = 0; i < WarmUps; i++)
                {
                    var body = await scale.GetAsync(page.Url, cancellationToken);
                    if (i == 0 && page.Name == "invite step" && body.Contains("new invitation links would not work", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"{page.Url} showed the 'cannot invite' page at {scale.Factor}x, not the organisation list.");
                    }
                }
            }
        }

        var times = small.Pages.Select(p => new PageTimes(p.Name, [], [], [])).ToList();
        for (var round = 1; round <= rounds; round++)
        {
            context.Log.WriteLine($"  round {round} of {rounds}");
            for (var p = 0; p < times.Count; p++)
            {
                var (roundSmall, roundBig) = (new List<double>(), new List<double>());
                for (var pair = 0; pair < PairsPerRound; pair++)
                {
                    var order = pair % 2 == 0 ? new[] { (small, roundSmall), (big, roundBig) } : new[] { (big, roundBig), (small, roundSmall) };
                    foreach (var (scale, into) in order)
                    {
                        var watch = Stopwatch.StartNew();
                        await scale.GetAsync(scale.Pages[p].Url, cancellationToken);
                        into.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                times[p].Small.AddRange(roundSmall);
                times[p].Big.AddRange(roundBig);
                times[p].RoundRatios.Add(Stats.Median(roundBig) / Stats.Median(roundSmall));
            }
        }

        foreach (var page in times)
        {
            context.Log.WriteLine($"    {page.Name}: 1x {Stats.Median(page.Small):0.0} ms, {big.Factor}x {Stats.Median(page.Big):0.0} ms");
        }

        return times;
    }

    /// <summary>One scale's app (TestApp: the real app, its own SQLite file), its generated programme and a signed-in organiser.</summary>
    private sealed record Scale(int Factor, TestApp App, HttpClient Client, TimeSpan Seeded, IReadOnlyList<(string Name, string Url)> Pages) : IDisposable
    {
        public static async Task<Scale> CreateAsync(BenchContext context, int factor, CancellationToken cancellationToken)
        {
            // The app raises routing and MVC logging to Information in code (a line per request on the bench's console); a console rule outranks that.
            var app = BenchApp.Create(new Dictionary<string, string?> { ["Logging:Console:LogLevel:Default"] = "Warning" });
            try
            {
                var organiser = await app.CreateUserAsync(Roles.Organiser);
                context.Log.WriteLine($"  generating {factor}x");
                var seed = Stopwatch.StartNew();
                var lastRoundtable = await GenerateAsync(app.DatabasePath, factor, organiser.Id, cancellationToken);
                var generated = seed.Elapsed;
                // The rows went in without the app, so its report summaries, directory counts and action counts (the register's and the report's) are worked out once, as after a restore.
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<ReportSummaries>().RebuildAllAsync(cancellationToken);
                    await scope.ServiceProvider.GetRequiredService<DirectoryCounts>().RecountAsync(cancellationToken);
                    await scope.ServiceProvider.GetRequiredService<ActionDueCounts>().RecountAsync(cancellationToken);
                    await scope.ServiceProvider.GetRequiredService<ActionMonthCounts>().RecountAsync(cancellationToken);
                }

                context.Log.WriteLine($"  generated {factor}x in {generated.TotalSeconds:0.0} s, summaries and counts in {(seed.Elapsed - generated).TotalSeconds:0.0} s");
                var client = await app.SignedInClientAsync(organiser);
                return new Scale(factor, app, client, seed.Elapsed, PagesOf(lastRoundtable));
            }
            catch
            {
                app.Dispose();
                throw;
            }
        }

        /// <summary>Asks for a page and reads all of it; anything but 200 stops the benchmark.</summary>
        public async Task<string> GetAsync(string url, CancellationToken cancellationToken)
        {
            using var response = await Client.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.OK ? body : throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} at {Factor}x.");
        }

        public void Dispose()
        {
            Client.Dispose();
            App.Dispose();
        }

        private static (string Name, string Url)[] PagesOf(int lastRoundtable) =>
        [
            ("dashboard", "/dashboard"),
            ("directory", "/suppliers"),
            ("directory search", "/suppliers?q=" + Uri.EscapeDataString("Supplier 000042")),
            // The second newest: the newest starts today at 100x, so its reply-by date has passed and the step only says so.
            ("invite step", $"/roundtables/{lastRoundtable - 1}/invite"),
            ("action register", "/actions"),
            ("email log", "/emails"),
            // One email in fifty failed at every scale: the filter organisers use to find what did not go.
            ("email log, failed", "/emails?status=Failed"),
            ("audit log", "/audit"),
            ("programme report", "/reports"),
            // Organisation 42 has 10 invitations, about 20 emails and 20 audit events at every scale.
            ("organisation record", "/suppliers/42/record"),
        ];
    }

    /// <summary>Serves a copy of <paramref name="database"/> from the app as its own process, asks for every page <paramref name="times"/> times as <paramref name="user"/>, and reads the process's resident memory.</summary>
    private static async Task<double> AppProcessMemoryAsync(string database, TestUser user, IReadOnlyList<string> urls, int times, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "rtm-bench", "scale-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "programme.db");
        try
        {
            // SQLite's backup API: a VACUUM INTO copy of this WAL database would not switch to WAL again in the app ("readonly database").
            await using (var source = new SqliteConnection($"Data Source={database}"))
            await using (var target = new SqliteConnection($"Data Source={copy}"))
            {
                await source.OpenAsync(cancellationToken);
                await target.OpenAsync(cancellationToken);
                source.BackupDatabase(target);
            }

            SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("RTM_BENCH_KEEP_DB") is { Length: > 0 } keep)
            {
                File.Copy(copy, Path.Combine(keep, "programme.db"), overwrite: true);
            }

            // Development only because it lets an organiser in over plain HTTP without two-factor; nothing is seeded into a database that has data.
            await using var run = await AppRun.StartAsync(AppProcess.WebAssemblyPath, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Database__ConnectionString"] = $"Data Source={copy}",
                ["DemoData__Seed"] = "false",
                ["Security__RequireTwoFactorForGovernment"] = "false",
                ["Email__Transport"] = "Pickup",
                ["Email__PickupFolder"] = Path.Combine(folder, "mail"),
                ["Logging__LogLevel__Default"] = "Warning",
            }, cancellationToken);
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
            using var client = new HttpClient(handler) { BaseAddress = run.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            using (var signIn = await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = user.Password }))
            {
                if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString.StartsWith("/sign-in", StringComparison.Ordinal) == true)
                {
                    throw new InvalidOperationException($"Signing in to the app process failed: {(int)signIn.StatusCode} {signIn.Headers.Location}");
                }
            }

            for (var i = 0; i < times; i++)
            {
                foreach (var url in urls)
                {
                    using var response = await client.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);
                    await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} in the app process.");
                    }
                }
            }

            return run.WorkingSetMb();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
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

    /// <summary>Bulk-generates the programme with INSERT ... SELECT over a counter (no ANALYZE: the app never runs one). Returns the newest roundtable's id.</summary>
    private static async Task<int> GenerateAsync(string database, int scale, string organiserId, CancellationToken cancellationToken)
    {
        var roundtables = 20 * scale;
        var organisations = 500 * scale;
        var invitations = 5_000 * scale;
        var emails = 10_000 * scale;
        var audits = 10_000 * scale;
        var actions = 200 * scale;
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        async Task RunAsync(string sql, int count)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = 600;
            command.CommandText = "INSERT INTO " + sql.Replace("FROM n", "FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $count) SELECT i FROM c) AS n", StringComparison.Ordinal);
            command.Parameters.AddWithValue("$count", count);
            command.Parameters.AddWithValue("$organiser", organiserId);
            command.Parameters.AddWithValue("$organisations", organisations);
            command.Parameters.AddWithValue("$invitations", invitations);
            command.Parameters.AddWithValue("$roundtables", roundtables);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        const string Ago = "strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (i % 100000) || ' minutes')";
        await RunAsync($"Organisations (Id, Name, NormalisedName, Type, IsArchived, CreatedUtc, UpdatedUtc) SELECT i, printf('Supplier %06d Ltd', i), printf('SUPPLIER %06d LTD', i), i % 3, 0, {Ago}, {Ago} FROM n", organisations);
        await RunAsync($"Contacts (Id, OrganisationId, FullName, Email, NormalisedEmail, IsPrimary, CreatedUtc, UpdatedUtc) SELECT i, i, printf('Contact %d', i), printf('contact%d@supplier%d.example', i, i), printf('CONTACT%d@SUPPLIER%d.EXAMPLE', i, i), 1, {Ago}, {Ago} FROM n", organisations);
        // The directory search's words, as the app's SearchTermsInterceptor would write them for these names and addresses.
        await RunAsync(
            "OrganisationSearchTerms (OrganisationId, Term) SELECT (i - 1) / 6 + 1, "
            + "CASE (i - 1) % 6 WHEN 0 THEN 'SUPPLIER' WHEN 1 THEN printf('%06d', (i - 1) / 6 + 1) WHEN 2 THEN 'LTD' WHEN 3 THEN printf('CONTACT%d', (i - 1) / 6 + 1) "
            + "WHEN 4 THEN printf('SUPPLIER%d', (i - 1) / 6 + 1) ELSE 'EXAMPLE' END FROM n",
            organisations * 6);
        await RunAsync(
            "Roundtables (Id, Title, StartsUtc, EndsUtc, Capacity, DelegatesPerOrganisation, RsvpDeadlineUtc, Status, CalendarSequence, CreatedUtc, UpdatedUtc) "
            + "SELECT i, printf('Supplier security roundtable %d', i), strftime('%Y-%m-%d %H:%M:%f', 'now', '+' || (i % 400) || ' days'), strftime('%Y-%m-%d %H:%M:%f', 'now', '+' || (i % 400) || ' days', '+2 hours'), "
            + "200, 2, strftime('%Y-%m-%d %H:%M:%f', 'now', '+' || (i % 400) || ' days', '-14 days'), 1, 0, strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ($roundtables - i) || ' hours'), strftime('%Y-%m-%d %H:%M:%f', 'now') FROM n",
            roundtables);
        // Roundtable r invites 250 organisations, (r - 1) * 250 onwards (wrapping round), so no pair repeats.
        // Two in three answered (accepted or declined), from an hour to about eight days after the invitation, as the app records it.
        const string Answered = "CASE WHEN i % 3 = 0 THEN NULL ELSE strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (i % 100000) || ' minutes', '+' || (i % 200 + 1) || ' hours') END";
        await RunAsync(
            $"Invitations (Id, RoundtableId, OrganisationId, Response, CreatedUtc, FirstRespondedUtc, RespondedUtc, RecordedByOrganiser) SELECT i, (i - 1) / 250 + 1, (i - 1) % $organisations + 1, i % 3, {Ago}, {Answered}, {Answered}, 0 FROM n",
            invitations);
        await RunAsync($"InvitationRecipients (Id, InvitationId, Email, Name, TokenHash, TokenIssuedUtc, CreatedUtc) SELECT i, i, printf('contact%d@supplier.example', i), printf('Contact %d', i), printf('%064x', i), {Ago}, {Ago} FROM n", invitations);
        await RunAsync(
            "OutboxMessages (Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, RoundtableId, InvitationRecipientId, Status, Attempts, NextAttemptUtc, CreatedUtc, SentUtc) "
            + $"SELECT CASE i % 4 WHEN 0 THEN 'RsvpChaser' ELSE 'Invitation' END, printf('contact%d@supplier.example', i % $invitations + 1), printf('Contact %d', i), 'Invitation: supplier security roundtable', "
            + $"'You are invited to a roundtable.', '<p>You are invited to a roundtable.</p>', (i % $invitations) / 250 + 1, i % $invitations + 1, CASE i % 50 WHEN 0 THEN 3 ELSE 2 END, 1, {Ago}, {Ago}, {Ago} FROM n",
            emails);
        await RunAsync(
            "AuditEvents (OccurredUtc, ActorUserId, ActorName, Action, SubjectType, SubjectId, Summary, OrganisationId) "
            + $"SELECT strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ($count - i) || ' seconds'), $organiser, 'Bench Organiser', CASE i % 3 WHEN 0 THEN 'Invitation.Sent' WHEN 1 THEN 'Supplier.Updated' ELSE 'Rsvp.Answered' END, "
            + "'Organisation', CAST(i % $organisations + 1 AS TEXT), printf('Generated event %d', i), i % $organisations + 1 FROM n",
            audits);
        await RunAsync(
            "FollowUpActions (RoundtableId, Title, OwnerKind, OwnerUserId, StaffLeadUserId, DueDate, Priority, Status, CreatedUtc, UpdatedUtc, Version) "
            + $"SELECT (i - 1) % $roundtables + 1, printf('Follow-up action %d', i), 0, $organiser, $organiser, date('now', printf('%+d days', i % 200 - 50)), i % 3, i % 3, {Ago}, {Ago}, 0 FROM n",
            actions);
        await transaction.CommitAsync(cancellationToken);
        return roundtables;
    }
}
