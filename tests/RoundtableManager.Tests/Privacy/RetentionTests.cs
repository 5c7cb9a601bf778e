namespace RoundtableManager.Tests.Privacy;

[Collection(SharedHosts.Fresh)]
public sealed class RetentionTests(TestApp app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Run_BeforeAndAfterThePeriod_ErasesNeedsAndAnonymisesOnlyContactsNoLongerNeeded()
    {
        var held = await RsvpTestData.RoundtableAsync(app);
        var answered = await RsvpTestData.InviteAsync(app, held, "Answered");
        var people = RsvpTestData.People("Retained", 2);
        using (var supplier = await RsvpTestData.SupplierAsync(app, answered))
        {
            (await RsvpTestData.ReplyAsync(supplier, answered.InvitationId, "Accepted", people)).Dispose();
        }

        var delegates = await RsvpTestData.DelegatesAsync(app, held.Id);
        Assert.All(delegates, d => Assert.Equal("Step-free access", d.AccessNeeds));
        await app.WithDbAsync(db => db.Delegates.Where(d => d.Id == delegates[0].Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.AttendedUtc, held.StartsUtc)));
        var invitedAgain = await RsvpTestData.InviteAsync(app, held, "Invited again");
        var (_, neverInvited) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"Never invited {Guid.NewGuid():N}", 1);

        Assert.False((await RunAsync(app)).Changed);

        // The day before the period ends, the roundtable's people are untouched; only the contact never invited (idle
        // since it was added, over a year ago) is anonymised.
        app.Clock.SetUtcNow(held.EndsUtc.AddMonths(12).AddDays(-1));
        var dayBefore = await RunAsync(app);
        Assert.Equal((0, 1), (dayBefore.NeedsErased, dayBefore.Anonymised.Contacts));
        Assert.All(await RsvpTestData.DelegatesAsync(app, held.Id), d => Assert.Equal("Vegetarian", d.DietaryRequirements));
        Assert.Equal(RetentionRules.ErasedName, await app.WithDbAsync(db => db.Contacts.Where(c => c.Id == neverInvited[0].Id).Select(c => c.FullName).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Contacts.CountAsync(c => c.ErasedUtc != null && c.Id != neverInvited[0].Id)));

        // A newer roundtable makes one contact of an old invitation still needed.
        var recent = await RsvpTestData.RoundtableAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Core.Invitations.InvitationService>()
                .SendInvitationsAsync(recent.Id, [invitedAgain.Contacts[0].Id], CancellationToken.None);
        }

        app.Clock.Advance(TimeSpan.FromDays(2));
        var result = await RunAsync(app);
        Assert.True(result.Changed);
        Assert.Equal((2, 2), (result.NeedsErased, result.Anonymised.Contacts));

        var after = await RsvpTestData.DelegatesAsync(app, held.Id);
        Assert.All(after, d =>
        {
            Assert.Null(d.AccessNeeds);
            Assert.Null(d.DietaryRequirements);
            Assert.NotNull(d.NeedsErasedUtc);
            Assert.Equal(Core.Invitations.DelegateStatus.Confirmed, d.Status);
        });
        Assert.Equal(held.StartsUtc, after.Single(d => d.Id == delegates[0].Id).AttendedUtc);

        var contacts = await app.WithDbAsync(db => db.Contacts.AsNoTracking().ToDictionaryAsync(c => c.Id));
        // Has a portal account: kept (accounts are managed under Users).
        Assert.Equal(answered.Contacts[0].Email, contacts[answered.Contacts[0].Id].Email);
        // Invited to a roundtable within the period: kept.
        Assert.Equal(invitedAgain.Contacts[0].FullName, contacts[invitedAgain.Contacts[0].Id].FullName);
        foreach (var gone in new[] { answered.Contacts[1], invitedAgain.Contacts[1], neverInvited[0] })
        {
            var row = contacts[gone.Id];
            Assert.Equal(RetentionRules.ErasedName, row.FullName);
            Assert.Equal($"erased-{gone.Id}@erased.invalid", row.Email);
            Assert.Null(row.Phone);
            Assert.NotNull(row.ErasedUtc);
        }

        var recipients = await InvitationTestData.RecipientsAsync(app, held.Id);
        var erasedRecipient = recipients.Single(r => r.ContactId == answered.Contacts[1].Id);
        Assert.Equal(RetentionRules.ErasedName, erasedRecipient.Name);
        Assert.NotNull(erasedRecipient.RevokedUtc);
        var messages = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(messages, m => m.ToAddress == answered.Contacts[1].Email || m.TextBody.Contains(answered.Contacts[1].Email, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(messages, m => m.ToAddress == answered.Contacts[0].Email);

        var audit = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "Privacy.RetentionRun").OrderBy(e => e.Id).LastAsync());
        Assert.Contains("erased the needs of 2 delegate entries; anonymised 2 contacts", audit.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("@", audit.Summary, StringComparison.Ordinal);
        Assert.Equal("Retention job", audit.ActorName);

        // Running again changes nothing more and records nothing more.
        var before = await SnapshotAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.False((await RunAsync(app)).Changed);
        Assert.Equal(before, await SnapshotAsync(app));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "Privacy.RetentionRun")));
    }

    [Fact]
    public async Task Start_RecurringJobRegisteredWithoutArgumentsAndPrivacyNoticeShowsThePeriod()
    {
        // An app of its own: the period is a setting.
        using var app = TestApp.Create(settings: new Dictionary<string, string?> { ["Retention:MonthsAfterHeld"] = "6" });
        _ = app.Services;
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == RetentionJob.RecurringJobId);
        Assert.Equal(typeof(RetentionJob), job.Job.Type);
        Assert.All(job.Job.Args, a => Assert.True(a is CancellationToken));
        Assert.Equal(6, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetentionOptions>>().Value.MonthsAfterHeld);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);

        var notice = await app.CreateClient().GetDocumentAsync("/privacy");
        Assert.StartsWith("delegates’ access needs and dietary requirements are deleted 6 months after the roundtable ends", notice.QuerySelector("#retention-needs")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("in the last 6 months", notice.QuerySelector("#retention-contacts")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("121")]
    public async Task Start_BadRetentionPeriod_StopsWithMessageNamingTheKey(string months)
    {
        var result = await AppProcess.RunInProcessAsync([$"--Retention:MonthsAfterHeld={months}", "--urls=http://127.0.0.1:0"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration problem: Retention:MonthsAfterHeld must be a whole number of months from 1 to 120", result.Error, StringComparison.Ordinal);
    }

    private static async Task<RetentionRunResult> RunAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
    }

    private static Task<string> SnapshotAsync(TestApp app) =>
        app.WithDbAsync(async db => string.Join('\n',
            (await db.Contacts.AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.FullName}|{c.Email}|{c.ErasedUtc}").ToListAsync())
            .Concat(await db.Delegates.AsNoTracking().OrderBy(d => d.Id).Select(d => $"{d.Id}|{d.FullName}|{d.AccessNeeds}|{d.NeedsErasedUtc}").ToListAsync())
            .Concat(await db.InvitationRecipients.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}|{r.Name}|{r.Email}|{r.RevokedUtc}").ToListAsync())
            .Concat(await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => $"{m.Id}|{m.ToAddress}|{m.Status}|{m.TextBody}").ToListAsync())));
}
