using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Email;
using RoundtableManager.Core.Invitations;

namespace RoundtableManager.Bench;

/// <summary>
/// 5. RSVP answers (the portal's confirm post, 64 suppliers on 64 connections from LoadGen, each switching between
/// accepting with two delegates and declining) while 10,000 queued emails are being sent by the real Hangfire server
/// to the counting SMTP sink, against the same posts with the sender idle. Seats are fewer than the delegates asked
/// for, so the waitlist and promotions are exercised; after every round the seat counts are checked.
/// </summary>
internal sealed class AnswersUnderLoadBenchmark : IBenchmark
{
    private const int Suppliers = 64;
    private const int Capacity = 40;
    private const int Messages = 10_000;
    private const string BulkKind = "BenchBulk";

    public string Name => "answers-under-load";

    public string What => "5. RSVP answers while a 10,000-message send runs";

    public string Goal => "answers/s busy/idle >= 0.7 and emails/s busy/sender alone >= 0.5; 0 errors; no overbooking";

    public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rounds = context.Quick ? 1 : 3;
        var seconds = context.Quick ? 3.0 : 5.0;
        const double warmup = 2.0;
        await using var smtp = new SmtpSink();
        var settings = smtp.AppSettings();
        settings["Jobs:RunServer"] = "true";
        await using var host = await PortalHost.StartAsync(context, settings, _ => { });
        context.Log.WriteLine($"  seeding {Suppliers} invited suppliers and signing each in");
        var seed = await PortalSeed.CreateAsync(host, "Answers under load", Suppliers, 0, cancellationToken, Capacity);
        var requests = new LoadRequest[Suppliers * 2];
        for (var i = 0; i < Suppliers; i++)
        {
            var supplier = seed.Suppliers[i];
            var (cookie, token) = await PortalSeed.SignInWithTokenAsync(host, supplier.Email, supplier.Password, $"/portal/invitations/{supplier.InvitationId}/reply");
            var url = new Uri(host.Address, $"/portal/invitations/{supplier.InvitationId}/confirm").ToString();
            requests[i] = new LoadRequest("POST", url, cookie, Form(token!, ("Answer", "Accepted"), ("AgreeTerms", "true"),
                ("Delegates[0].FullName", $"Delegate A{i}"), ("Delegates[0].Email", $"a{i}@supplier{i}.example"), ("Delegates[0].DietaryRequirements", "Vegetarian"),
                ("Delegates[1].FullName", $"Delegate B{i}"), ("Delegates[1].Email", $"b{i}@supplier{i}.example")), (int)HttpStatusCode.Redirect);
            requests[i + Suppliers] = new LoadRequest("POST", url, cookie, Form(token!, ("Answer", "Declined"), ("DeclineReason", "Diary clash")), (int)HttpStatusCode.Redirect);
        }

        var problems = new List<string>();
        var sentDuring = new List<string>();
        var queueTimes = new List<double>();
        var busySends = new List<double>();
        var aloneSends = new List<double>();
        var (busy, idle) = await context.InterleaveAsync(rounds,
            async warmUp =>
            {
                await DrainAsync(host, cancellationToken);
                var sentBefore = await SentInvitationsAsync(host, cancellationToken);
                var load = LoadGenerator.RunAsync(context, requests, Suppliers, warmup, seconds, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(warmup - 1), cancellationToken);
                var queueTime = await Timing.TimeAsync(() => QueueAsync(host, cancellationToken));
                var sent = await SendRateAsync(host, sentBefore, load, TimeSpan.FromMinutes(1), cancellationToken);
                var result = await load;
                if (!warmUp)
                {
                    queueTimes.Add(queueTime.TotalSeconds);
                    busySends.Add(sent.PerSecond);
                    sentDuring.Add($"{sent.Sent:N0} in {sent.Seconds:0.0} s");
                }

                await CheckSeatsAsync(host, seed.RoundtableId, "busy", problems, cancellationToken);
                return result;
            },
            async warmUp =>
            {
                await DrainAsync(host, cancellationToken);
                var result = await LoadGenerator.RunAsync(context, requests, Suppliers, warmup, seconds, cancellationToken);
                await CheckSeatsAsync(host, seed.RoundtableId, "idle", problems, cancellationToken);

                // The sender alone, in the same run: the same 10,000 queued the same way with no answers coming in.
                await DrainAsync(host, cancellationToken);
                var sentBefore = await SentInvitationsAsync(host, cancellationToken);
                await QueueAsync(host, cancellationToken);
                var alone = await SendRateAsync(host, sentBefore, null, TimeSpan.FromSeconds(seconds + 1), cancellationToken);
                if (!warmUp)
                {
                    aloneSends.Add(alone.PerSecond);
                }

                return result;
            });

        var busyRps = Stats.Median(busy.Select(r => r.RequestsPerSecond));
        var idleRps = Stats.Median(idle.Select(r => r.RequestsPerSecond));
        var errors = busy.Concat(idle).Sum(r => r.Errors);
        var ratio = busyRps / idleRps;
        var sendRatio = Stats.Median(busySends) / Stats.Median(aloneSends);
        var notes = new List<string>
        {
            $"{rounds} round(s) of {seconds:0} s each side after {warmup:0} s of warm-up load; {Suppliers} suppliers, {Capacity} seats, 2 delegates each when accepting",
            $"busy rps {Stats.List(busy.Select(r => r.RequestsPerSecond), "0")}, p50 ms {Stats.List(busy.Select(r => r.P50Ms), "0.0")}, p99 ms {Stats.List(busy.Select(r => r.P99Ms), "0.0")}; of the {Messages:N0} queued 1 s before the measured window, Sent from the commit to the end of the load (or until all were sent): {string.Join(", ", sentDuring)}; queueing and committing them took {Stats.List(queueTimes, "0.00")} s",
            $"idle rps {Stats.List(idle.Select(r => r.RequestsPerSecond), "0")}, p50 ms {Stats.List(idle.Select(r => r.P50Ms), "0.0")}, p99 ms {Stats.List(idle.Select(r => r.P99Ms), "0.0")}",
            $"emails/s while the answers came in {Stats.List(busySends, "0")}; the sender alone (same queueing, no answers, up to {seconds + 1:0} s) {Stats.List(aloneSends, "0")}: ratio {Stats.F(sendRatio, "0.00")} (goal >= 0.5)",
        };
        if (errors > 0)
        {
            notes.Add($"{errors} errors, first: {busy.Concat(idle).Select(r => r.FirstError).First(e => e is not null)}");
        }

        notes.AddRange(problems.Count == 0 ? ["seats checked after every round: never more confirmed than the capacity, nobody waitlisted while a seat was free"] : problems);
        return new BenchResult(
            $"{busyRps:0} answers/s (p99 {Stats.Median(busy.Select(r => r.P99Ms)):0} ms) and {Stats.Median(busySends):0} emails/s",
            $"{idleRps:0} answers/s (p99 {Stats.Median(idle.Select(r => r.P99Ms)):0} ms); sender alone {Stats.Median(aloneSends):0} emails/s",
            $"{Stats.F(ratio, "0.00")} answers, {Stats.F(sendRatio, "0.00")} emails",
            ratio >= 0.7 && sendRatio >= 0.5 && errors == 0 && problems.Count == 0,
            notes);
    }

    private sealed record SendRate(int Sent, double Seconds)
    {
        public double PerSecond => Sent / Seconds;
    }

    /// <summary>
    /// Emails of the bulk send marked Sent from now until <paramref name="until"/> ends (the answers' load), all are sent,
    /// or <paramref name="longest"/> passes; per second over that time.
    /// </summary>
    private static async Task<SendRate> SendRateAsync(PortalHost host, int sentBefore, Task? until, TimeSpan longest, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var sent = 0;
        while (watch.Elapsed < longest && (until is null || !until.IsCompleted))
        {
            sent = await SentInvitationsAsync(host, cancellationToken) - sentBefore;
            if (sent >= Messages)
            {
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        if (sent < Messages)
        {
            sent = await SentInvitationsAsync(host, cancellationToken) - sentBefore;
        }

        return new SendRate(sent, elapsed);
    }

    private static string Form(string token, params (string Name, string Value)[] fields)
    {
        var body = new StringBuilder("__RequestVerificationToken=").Append(Uri.EscapeDataString(token));
        foreach (var (name, value) in fields)
        {
            body.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return body.ToString();
    }

    private static async Task<int> SentInvitationsAsync(PortalHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var count = await db.OutboxMessages.CountAsync(m => m.Kind == BulkKind && m.Status == OutboxStatus.Sent, cancellationToken);
        return count;
    }

    private static async Task QueueAsync(PortalHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await InvitationThroughputBenchmark.QueueAsync(scope.ServiceProvider,
            Enumerable.Range(1, Messages).Select(i => InvitationThroughputBenchmark.Draft(i) with { Kind = BulkKind }).ToList(), cancellationToken);
    }

    /// <summary>Waits until nothing is queued or sending, so the idle side really has the sender idle.</summary>
    private static async Task DrainAsync(PortalHost host, CancellationToken cancellationToken)
    {
        for (var wait = 0; wait < 1200; wait++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Sending, cancellationToken))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new TimeoutException("The outbox did not drain within 5 minutes.");
    }

    private static async Task CheckSeatsAsync(PortalHost host, int roundtableId, string side, List<string> problems, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var confirmed = await db.Delegates.CountAsync(d => d.RoundtableId == roundtableId && d.Status == DelegateStatus.Confirmed, cancellationToken);
        var waitlisted = await db.Delegates.CountAsync(d => d.RoundtableId == roundtableId && d.Status == DelegateStatus.Waitlisted, cancellationToken);
        var capacity = await db.Roundtables.Where(r => r.Id == roundtableId).Select(r => r.Capacity).SingleAsync(cancellationToken);
        var overLimit = await db.Delegates.Where(d => d.RoundtableId == roundtableId).GroupBy(d => d.InvitationId).CountAsync(g => g.Count() > 2, cancellationToken);
        var onDeclined = await db.Delegates.CountAsync(d => d.RoundtableId == roundtableId && d.Invitation.Response == InvitationResponse.Declined, cancellationToken);
        if (confirmed > capacity || (waitlisted > 0 && confirmed < capacity) || overLimit > 0 || onDeclined > 0)
        {
            problems.Add($"{side}: {confirmed} confirmed and {waitlisted} waitlisted for {capacity} seats; {overLimit} invitations with more than 2 delegates; {onDeclined} delegates on declined invitations");
        }
    }
}
