namespace RoundtableManager.Tests.Email;

/// <summary>
/// The real app sending over SMTP to a real server on 127.0.0.1, with the Hangfire server off so each test decides when the
/// sender runs; shared by the classes of <see cref="SharedHosts.Smtp"/>.
/// </summary>
public class SmtpAppFixture : IAsyncLifetime
{
    private readonly bool _runServer;

    // xunit gives a fixture type one public constructor.
    public SmtpAppFixture()
        : this(runServer: false)
    {
    }

    protected SmtpAppFixture(bool runServer) => _runServer = runServer;

    public TestSmtpServer Smtp { get; private set; } = null!;

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        var settings = Smtp.AppSettings();
        settings["Jobs:RunServer"] = _runServer ? "true" : "false";
        App = TestApp.Create(settings: settings);
        _ = App.Services;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>Empties the server's mailbox and puts the app back as it started (<see cref="TestApp.ResetAsync"/>).</summary>
    public async Task ResetAsync()
    {
        Smtp.Reset();
        await App.ResetAsync();
    }
}

/// <summary>
/// The same with the app's Hangfire server running, as a deployed instance runs (<see cref="SharedHosts.SmtpJobServer"/>):
/// never put back while it runs; each test starts with an empty mailbox (<see cref="Next"/>) and waits for its own emails
/// to be sent before it ends.
/// </summary>
public sealed class SmtpJobServerFixture() : SmtpAppFixture(runServer: true)
{
    /// <summary>The server and the app for a test: the server's mailbox emptied, nothing else put back.</summary>
    public (TestSmtpServer Smtp, TestApp App) Next()
    {
        Smtp.Reset();
        return (Smtp, App);
    }
}

public static class EmailTestExtensions
{
    public static EmailDraft Draft(string to, string subject = "Your invitation", string? name = "Ada Lovelace", string kind = "Invitation") =>
        new(kind, to, name, subject, new EmailBody().Heading(subject).Paragraph("Hello " + (name ?? "there")).Link("Respond", "https://roundtables.example.gov.uk/respond"));

    /// <summary>Queues through the real outbox and commits, as a feature would; returns the row id.</summary>
    public static async Task<long> QueueAsync(this TestApp app, EmailDraft draft)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var message = scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(draft);
        await scope.ServiceProvider.GetRequiredService<RoundtableManager.Core.Data.AppDbContext>().SaveChangesAsync();
        return message.Id;
    }

    /// <summary>One run of the sender, as the Hangfire job does it.</summary>
    public static async Task<OutboxRunResult> RunSenderAsync(this TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>
    /// A queued row with its personal links put back into the bodies, as the sender delivers it (the stored bodies hold
    /// placeholders). Once the row is Sent or Failed its links are gone and this changes nothing.
    /// </summary>
    public static OutboxMessage WithLinksRestored(this TestApp app, OutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(row);
        var links = app.Services.GetRequiredService<WithheldLinks>().Unprotect(row.ProtectedLinks);
        row.TextBody = WithheldLinks.Restore(row.TextBody, links, html: false);
        row.HtmlBody = WithheldLinks.Restore(row.HtmlBody, links, html: true);
        return row;
    }

    public static Task<OutboxMessage> RowAsync(this TestApp app, long id) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    public static async Task<OutboxMessage> WaitForStatusAsync(this TestApp app, long id, OutboxStatus status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var row = await app.RowAsync(id);
            if (row.Status == status || DateTime.UtcNow > deadline)
            {
                return row;
            }

            await Task.Delay(100);
        }
    }
}
