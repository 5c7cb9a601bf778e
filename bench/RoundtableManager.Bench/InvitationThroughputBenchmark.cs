using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using RoundtableManager.TestSupport;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Email;

namespace RoundtableManager.Bench;

/// <summary>
/// Ours: invitation emails queued as the real send-invitations path queues them on SQLite (IEmailOutbox.EnqueueManyAsync
/// in a transaction, then the commit), then delivered by the real Hangfire server running OutboxSender over MailKit.
/// Raw: one MailKit connection sending the same MimeMessages in a loop. Both go to the same in-process SMTP sink on
/// 127.0.0.1 (SmtpSink), which also checks every message arrived exactly once.
/// </summary>
internal sealed class InvitationThroughputBenchmark : IBenchmark
{
    private const int WarmUpCount = 200;

    public string Name => "invitations";

    public string What => "2. Invitation throughput (outbox + Hangfire + MailKit)";

    public string Goal => "msg/s ours/raw >= 0.8; each delivered once";

    public async Task<BenchResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = context.Quick ? 1_000 : 10_000;
        var rounds = context.Quick ? 1 : 3;
        await using var smtp = new SmtpSink();
        var drafts = Enumerable.Range(1, count).Select(Draft).ToList();
        context.Log.WriteLine($"  building the {count:N0} raw messages from the same outbox rows");
        var messages = await BuildSameMessagesAsync(drafts, cancellationToken);
        var problems = new List<string>();
        var commits = new List<double>();

        var (ours, raw) = await context.InterleaveAsync(
            rounds,
            warmUp => OursAsync(smtp, warmUp ? drafts.Take(WarmUpCount).ToList() : drafts, problems, warmUp ? [] : commits, cancellationToken),
            warmUp => RawAsync(smtp, warmUp ? messages.Take(WarmUpCount).ToList() : messages, problems, cancellationToken));

        var oursRate = Stats.Median(ours.Select(t => count / t.TotalSeconds));
        var rawRate = Stats.Median(raw.Select(t => count / t.TotalSeconds));
        var ratio = oursRate / rawRate;
        var notes = new List<string>
        {
            $"{count:N0} messages, {rounds} round(s) each, interleaved after a {WarmUpCount}-message warm-up; ours msg/s per round: "
                + $"{Stats.List(ours.Select(t => count / t.TotalSeconds), "0")}; raw: {Stats.List(raw.Select(t => count / t.TotalSeconds), "0")}.",
            "Ours is timed from the start of queueing to the last message accepted by the sink (queueing and the commit included); "
                + $"of that, rendering the emails, EnqueueManyAsync and the commit took {Stats.List(commits, "0.00")} s per round.",
        };
        notes.AddRange(problems);
        return new BenchResult(
            $"{Stats.F(oursRate, "0")} msg/s",
            $"{Stats.F(rawRate, "0")} msg/s",
            Stats.F(ratio, "0.00"),
            ratio >= 0.8 && problems.Count == 0,
            notes);
    }

    internal static EmailDraft Draft(int i)
    {
        var organisation = $"Supplier {i % 2000:0000} Ltd";
        var body = new EmailBody()
            .Heading("You are invited to a roundtable")
            .Paragraph($"Dear Contact {i}, the Cabinet Office and the National Cyber Security Centre invite {organisation} to a roundtable on contracting and security controls for managed service providers.")
            .Details(("Date", "3 February 2027"), ("Time", "2:30pm to 4:30pm"), ("Place", "70 Whitehall, London SW1A 2AS"))
            .Paragraph("Please tell us by 20 January 2027 whether your organisation will attend, and who your delegates are.")
            .Link("Reply to this invitation", $"http://127.0.0.1:5080/invitation/{Convert.ToHexString(BitConverter.GetBytes(i * 7919L))}{i:x8}");
        return new EmailDraft("Invitation", $"contact{i}@supplier{i % 2000}.example", $"Contact {i}", "Invitation: supplier security roundtable", body);
    }

    /// <summary>Queues the drafts in a throwaway app and builds MimeMessages from the rows exactly as the sender would.</summary>
    private static async Task<List<MimeMessage>> BuildSameMessagesAsync(List<EmailDraft> drafts, CancellationToken cancellationToken)
    {
        using var app = BenchApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var draft in drafts)
        {
            outbox.Enqueue(draft);
        }

        await db.SaveChangesAsync(cancellationToken);
        var options = scope.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value;
        var rows = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return rows.Select(row => EmailMessageFactory.Build(row, options, app.Clock.GetUtcNow())).ToList();
    }

    private static async Task<TimeSpan> OursAsync(SmtpSink smtp, List<EmailDraft> drafts, List<string> problems, List<double> commits, CancellationToken cancellationToken)
    {
        var settings = smtp.AppSettings();
        settings["Jobs:RunServer"] = "true";
        using var app = BenchApp.Create(settings);
        _ = app.Services;
        // Let the start-up sender run (empty outbox) finish before the clock starts.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        smtp.Reset();

        var watch = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await QueueAsync(scope.ServiceProvider, drafts, cancellationToken);
        }

        commits.Add(watch.Elapsed.TotalSeconds);
        await smtp.WaitForAsync(drafts.Count, TimeSpan.FromMinutes(15));
        var elapsed = watch.Elapsed;

        // Exactly once: wait for the last rows to be marked Sent (the sink counts a message before the sender records
        // it), then look for late copies at the sink.
        var statuses = await StatusesAsync(app, cancellationToken);
        for (var wait = 0; wait < 100 && statuses.Any(s => s.Key is OutboxStatus.Queued or OutboxStatus.Sending); wait++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            statuses = await StatusesAsync(app, cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var sent = statuses.Where(s => s.Key == OutboxStatus.Sent).Sum(s => s.Value);
        if (sent != drafts.Count)
        {
            problems.Add($"ours: {sent} of {drafts.Count} outbox rows Sent ({string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}"))}).");
        }

        CheckExactlyOnce("ours", smtp, drafts.Count, problems);
        return elapsed;
    }

    /// <summary>
    /// As InvitationService.SendInvitationsAsync queues a large send on SQLite: every email rendered first, then written
    /// in bulk in one write transaction (there the recipients and calendar entries are saved in it too).
    /// </summary>
    internal static async Task QueueAsync(IServiceProvider services, List<EmailDraft> drafts, CancellationToken cancellationToken)
    {
        var outbox = services.GetRequiredService<IEmailOutbox>();
        var db = services.GetRequiredService<AppDbContext>();
        var emails = drafts.Select(outbox.Prepare).ToList();
        await db.InTransactionAsync(async () =>
        {
            await outbox.EnqueueManyAsync(emails, cancellationToken);
            return emails.Count;
        }, cancellationToken);
    }

    private static Task<List<KeyValuePair<OutboxStatus, int>>> StatusesAsync(TestApp app, CancellationToken cancellationToken) =>
        app.WithDbAsync(db => db.OutboxMessages.GroupBy(m => m.Status)
            .Select(g => new KeyValuePair<OutboxStatus, int>(g.Key, g.Count())).ToListAsync(cancellationToken));

    private static async Task<TimeSpan> RawAsync(SmtpSink smtp, List<MimeMessage> messages, List<string> problems, CancellationToken cancellationToken)
    {
        smtp.Reset();
        var watch = Stopwatch.StartNew();
        using (var client = new SmtpClient())
        {
            // Nagle off: otherwise the last small write of each message waits for the sink's delayed ACK (about 40 ms).
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, smtp.Port, cancellationToken);
            await client.ConnectAsync(socket, SmtpSink.Host, smtp.Port, SecureSocketOptions.None, cancellationToken);
            foreach (var message in messages)
            {
                await client.SendAsync(message, cancellationToken);
            }

            await client.DisconnectAsync(quit: true, cancellationToken);
        }

        await smtp.WaitForAsync(messages.Count, TimeSpan.FromMinutes(15));
        var elapsed = watch.Elapsed;
        CheckExactlyOnce("raw", smtp, messages.Count, problems);
        return elapsed;
    }

    private static void CheckExactlyOnce(string side, SmtpSink smtp, int expected, List<string> problems)
    {
        if (smtp.Received != expected || smtp.Distinct != expected)
        {
            problems.Add($"{side}: expected {expected} distinct messages, the sink got {smtp.Received} with {smtp.Distinct} distinct Message-IDs.");
        }
    }
}
