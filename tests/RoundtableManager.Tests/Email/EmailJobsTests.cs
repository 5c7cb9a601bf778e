using MimeKit;

namespace RoundtableManager.Tests.Email;

/// <summary>The real Hangfire server in the app, and the pickup transport.</summary>
public sealed class EmailJobsTests(EmailJobsTests.ProductionApp production) : IClassFixture<EmailJobsTests.ProductionApp>
{
    /// <summary>
    /// Production with an https public address of its own and an unencrypted SMTP relay declared on a trusted link: the two
    /// tests of settings Production accepts share it (it starts only when a test first uses it).
    /// </summary>
    public sealed class ProductionApp() : TestApp("Production", new Dictionary<string, string?>
    {
        ["Email:PublicBaseUrl"] = "https://roundtables.department.example.gov.uk/",
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:AllowUnencryptedOnTrustedLink"] = "true",
    });

    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Commit_AsksForASenderRunOnlyOnceTheEmailIsCommitted()
    {
        await using var app = TestApp.Create(settings: new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" });
        var jobs = app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        // Other features enqueue their own jobs at start (the reminder sweep): count only sender runs.
        long Runs() => jobs.EnqueuedJobs("default", 0, 1000).Count(j => j.Value.Job.Type == typeof(RoundtableManager.Core.Email.OutboxSenderJob));
        // The run at start waits for the first request to be answered (StartupJobsGate), so it never competes with it.
        using (var client = app.CreateClient())
        {
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        }

        for (var attempt = 0; attempt < 100 && Runs() == 0; attempt++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, Runs());

        await app.QueueAsync(EmailTestExtensions.Draft("committed@supplier.example"));
        Assert.Equal(2, Runs());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RoundtableManager.Core.Data.AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(EmailTestExtensions.Draft("inside@supplier.example"));
            await db.SaveChangesAsync();
            Assert.Equal(2, Runs());
            await transaction.CommitAsync();
            Assert.Equal(3, Runs());

            await using var rolledBack = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(EmailTestExtensions.Draft("rolledback@supplier.example"));
            await db.SaveChangesAsync();
            await rolledBack.RollbackAsync();
        }

        // A save with no email in it asks for nothing.
        await app.CreateOrganisationAsync("No Email Ltd");
        Assert.Equal(3, Runs());
    }

    [Fact]
    public async Task Restart_NewInstanceOnTheSameDatabase_SendsWhatWasQueuedBefore()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var database = Path.Combine(Path.GetTempPath(), "rtm-tests", $"restart-{Guid.NewGuid():N}.db");
        var settings = smtp.AppSettings();
        settings["Database:ConnectionString"] = $"Data Source={database}";
        settings["Jobs:RunServer"] = "false";
        long first, second;
        await using (var before = TestApp.Create(settings: settings))
        {
            first = await before.QueueAsync(EmailTestExtensions.Draft("first@supplier.example"));
            second = await before.QueueAsync(EmailTestExtensions.Draft("second@supplier.example"));
        }

        Assert.Empty(smtp.Messages);
        settings["Jobs:RunServer"] = "true";
        await using var after = TestApp.Create(settings: settings);
        _ = after.Services;

        var received = await smtp.WaitForMessagesAsync(2, Prompt);
        Assert.Equal(["first@supplier.example", "second@supplier.example"], received.SelectMany(r => r.EnvelopeTo).Order().ToArray());
        Assert.Equal(OutboxStatus.Sent, (await after.WaitForStatusAsync(first, OutboxStatus.Sent, Prompt)).Status);
        Assert.Equal(OutboxStatus.Sent, (await after.WaitForStatusAsync(second, OutboxStatus.Sent, Prompt)).Status);
    }

    [Fact]
    public async Task Send_SmtpServerRefusesConnections_RetriesLaterWithoutLosingTheMessage()
    {
        int closedPort;
        await using (var gone = await TestSmtpServer.StartAsync())
        {
            closedPort = gone.Port;
        }

        var settings = new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "5",
            ["Jobs:RunServer"] = "false",
        };
        await using var app = TestApp.Create(settings: settings);
        var first = await app.QueueAsync(EmailTestExtensions.Draft("a@supplier.example"));
        var second = await app.QueueAsync(EmailTestExtensions.Draft("b@supplier.example"));

        Assert.Equal(new OutboxRunResult(0, 2, 0), await app.RunSenderAsync());

        foreach (var id in new[] { first, second })
        {
            var row = await app.RowAsync(id);
            Assert.Equal(OutboxStatus.Queued, row.Status);
            Assert.Equal(1, row.Attempts);
            Assert.False(string.IsNullOrEmpty(row.LastError));
        }
    }

    [Fact]
    public async Task Send_PickupTransport_WritesAParseableEmlFileIntoAFolderRelativeToTheContentRoot()
    {
        var relative = $"App_Data/test-mail-{Guid.NewGuid():N}";
        await using var app = TestApp.Create(settings: new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Pickup",
            ["Email:PickupFolder"] = relative,
            ["Jobs:RunServer"] = "false",
        });
        var contentRoot = app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath;
        var folder = Path.Combine(contentRoot, relative);
        try
        {
            var id = await app.QueueAsync(EmailTestExtensions.Draft("pickup@supplier.example", "Written to a folder")
                with { CalendarContent = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n", CalendarMethod = "CANCEL" });

            Assert.Equal(new OutboxRunResult(1, 0, 0), await app.RunSenderAsync());

            var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            var message = await MimeMessage.LoadAsync(file);
            Assert.Equal("Written to a folder", message.Subject);
            Assert.Equal("pickup@supplier.example", message.To.Mailboxes.Single().Address);
            Assert.Contains("Hello Ada Lovelace", message.TextBody, StringComparison.Ordinal);
            var calendar = message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
            Assert.Equal("CANCEL", calendar.ContentType.Parameters["method"]);
            Assert.Equal(OutboxStatus.Sent, (await app.RowAsync(id)).Status);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("--Email:Transport=Smtp", "Email:Smtp:Host is required when Email:Transport is Smtp")]
    [InlineData("--Email:Transport=Carrier", "Email:Transport has a value that is not valid")]
    [InlineData("--Email:FromAddress=not an address", "Email:FromAddress must be an email address")]
    [InlineData("--Email:MaxAttempts=0", "Email:MaxAttempts must be between 1 and 100")]
    [InlineData("--Email:MaxConnections=9", "Email:MaxConnections must be between 1 and 8")]
    [InlineData("--Jobs:WorkerCount=none", "Jobs:WorkerCount must be a whole number")]
    public async Task Start_BadEmailOrJobsSetting_StopsWithMessageNamingTheKey(string setting, string message)
    {
        var result = await AppProcess.RunInProcessAsync([setting, "--urls=http://127.0.0.1:0"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration problem: " + message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InMemoryJobStorageWithSqlServer_RefusesToStartNamingTheSetting()
    {
        var result = await AppProcess.RunInProcessAsync([
            "--Database:Provider=SqlServer", "--Database:ConnectionString=Server=127.0.0.1,1;Database=Nope;User Id=x;Password=y;TrustServerCertificate=true",
            "--Jobs:Storage=InMemory", "--urls=http://127.0.0.1:0"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration problem: Jobs:Storage is InMemory but Database:Provider is SqlServer", result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A refusal through the options checked at start, run like the other refusals here through the app's entry point
    /// in-process (<see cref="AppProcess.RunInProcessAsync"/>, the same code without a process start); that a refusal at
    /// start reaches an operator's console as a process's exit code and message is ConfigurationTests'.
    /// </summary>
    [Fact]
    public async Task Start_ProductionWithoutAnEmailTransport_RefusesRatherThanWritingMailToAFolder()
    {
        var (certificate, password) = TestCertificates.CreatePfx();
        var result = await AppProcess.RunInProcessAsync(["--urls=http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Email__PublicBaseUrl"] = TestApp.ProductionPublicBaseUrl,
            ["Email__Transport"] = "",
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "rtm-tests", Guid.NewGuid() + ".db")}",
            ["DataProtection__CertificatePath"] = certificate,
            ["DataProtection__CertificatePassword"] = password,
        });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Email:Transport must be set in Production", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithUnencryptedSmtp_RefusedUnlessTheRelayIsDeclaredOnATrustedLink()
    {
        var (certificate, password) = TestCertificates.CreatePfx();
        var refused = await AppProcess.RunInProcessAsync(["--urls=http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Email__PublicBaseUrl"] = TestApp.ProductionPublicBaseUrl,
            ["Email__Transport"] = "Smtp",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Security"] = "None",
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "rtm-tests", Guid.NewGuid() + ".db")}",
            ["DataProtection__CertificatePath"] = certificate,
            ["DataProtection__CertificatePassword"] = password,
        });
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Email:Smtp:Security=None is refused in Production", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:AllowUnencryptedOnTrustedLink", refused.Error, StringComparison.Ordinal);

        using var client = production.CreateClient();
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("", "Configuration problem: Email:PublicBaseUrl must be set in Production.")]
    [InlineData("http://roundtables.example.gov.uk", "Configuration problem: Email:PublicBaseUrl must be an absolute https address in Production (this one starts http://).")]
    public async Task Start_ProductionWithoutAnHttpsPublicBaseUrl_RefusedNamingTheKeyAndWhatToSet(string publicBaseUrl, string expected)
    {
        // Left at the default, every link in every email would point at http://127.0.0.1:5080, the reader's own machine.
        var (certificate, password) = TestCertificates.CreatePfx();
        var result = await AppProcess.RunInProcessAsync(["--urls=http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Email__PublicBaseUrl"] = publicBaseUrl,
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "rtm-tests", Guid.NewGuid() + ".db")}",
            ["DataProtection__CertificatePath"] = certificate,
            ["DataProtection__CertificatePassword"] = password,
        });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.Error.Trim(), StringComparison.Ordinal);
        Assert.Contains("Set it to the https address people use to reach the service, for example https://roundtables.example.gov.uk", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithAnHttpsPublicBaseUrl_StartsAndEmailLinksUseIt()
    {
        var app = production;
        using (var client = app.CreateClient())
        {
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<Core.Identity.UserAdministrationService>()
                .AddAsync("Ada Lovelace", "ada.lovelace@department.example.gov.uk", Core.Identity.Roles.Staff, CancellationToken.None);
            Assert.Equal(Core.Common.CommandStatus.Done, added.Status);
        }

        var row = app.WithLinksRestored(await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "ada.lovelace@department.example.gov.uk")));
        Assert.Contains("https://roundtables.department.example.gov.uk/account/set-password?user=", row.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", row.TextBody, StringComparison.Ordinal);
    }

    /// <summary>The commit's own request for a sender run, on the shared host whose job server runs (<see cref="SharedHosts.SmtpJobServer"/>).</summary>
    [Collection(SharedHosts.SmtpJobServer)]
    public sealed class WithJobServer(SmtpJobServerFixture fixture)
    {
        [Fact]
        public async Task Commit_WithQueuedEmail_HangfireSendsItPromptlyOverSmtp()
        {
            var (smtp, app) = fixture.Next();
            var id = await app.QueueAsync(EmailTestExtensions.Draft("prompt@supplier.example", "Sent by the job"));

            // Well inside the minute of the recurring sweep: the commit itself asked for a run.
            var received = Assert.Single(await smtp.WaitForMessagesAsync(1, Prompt));
            Assert.Equal("Sent by the job", received.Message.Subject);
            Assert.Equal(OutboxStatus.Sent, (await app.WaitForStatusAsync(id, OutboxStatus.Sent, Prompt)).Status);
        }
    }
}
