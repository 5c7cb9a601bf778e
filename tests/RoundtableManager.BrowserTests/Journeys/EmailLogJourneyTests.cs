namespace RoundtableManager.BrowserTests.Journeys;

[Collection(SecondBrowserTestGroup.Name)]
public sealed class EmailLogJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_FiltersTheEmailLogOpensAFailedEmailAndSendsItAgain() => JourneyAsync(nameof(Organiser_FiltersTheEmailLogOpensAFailedEmailAndSendsItAgain), async page =>
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await InsertAsync($"delivered-{marker}@supplier.example", OutboxStatus.Sent, null);
        await InsertAsync($"bounced-{marker}@supplier.example", OutboxStatus.Failed, "550 5.1.1 Mailbox does not exist");
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        await page.GetByRole(AriaRole.Link, new() { Name = "Emails" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Emails", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("Status").SelectOptionAsync("Failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter emails" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"bounced-{marker}@supplier.example" , Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"delivered-{marker}@supplier.example")).ToHaveCountAsync(0);
        await CheckAccessibilityAsync(page);
        await SavePhoneScreenshotAsync(page, "email-log-failed-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = $"bounced-{marker}@supplier.example", Exact = false }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-warning-text")).ToContainTextAsync("550 5.1.1 Mailbox does not exist");
        await Assertions.Expect(page.Locator("pre")).ToContainTextAsync("We could not reach you");
        await Assertions.Expect(page.Locator("#attempts tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#attempts tbody tr").Nth(0)).ToContainTextAsync("451 4.7.1 Try again later");
        await Assertions.Expect(page.Locator("#attempts tbody tr").Nth(1)).ToContainTextAsync("Not delivered: no more tries");
        await CheckAccessibilityAsync(page);
        await SavePhoneScreenshotAsync(page, "email-failed-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send again" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The email has been queued to be sent again");
        await CheckAccessibilityAsync(page);
    });

    private Task InsertAsync(string to, OutboxStatus status, string? error) =>
        App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            db.OutboxMessages.Add(new OutboxMessage
            {
                Kind = "Invitation",
                ToAddress = to,
                ToName = "Sam Supplier",
                Subject = "Invitation: supplier security roundtable",
                TextBody = "We could not reach you last time.\nPlease reply by 3 February 2027.\n",
                HtmlBody = "<p>We could not reach you last time.</p>",
                Status = status,
                Attempts = error is null ? 1 : 2,
                LastError = error,
                CreatedUtc = now,
                NextAttemptUtc = now,
                SentUtc = status == OutboxStatus.Sent ? now : null,
            });
            await db.SaveChangesAsync();
            if (error is not null)
            {
                var id = db.OutboxMessages.Local.Single(m => m.ToAddress == to).Id;
                db.OutboxAttempts.AddRange(
                    new OutboxAttempt { OutboxMessageId = id, AttemptedUtc = now.AddMinutes(-1), Outcome = OutboxAttemptOutcome.WillRetry, Reply = "451 4.7.1 Try again later" },
                    new OutboxAttempt { OutboxMessageId = id, AttemptedUtc = now, Outcome = OutboxAttemptOutcome.Failed, Reply = error });
                await db.SaveChangesAsync();
            }
        });
}
