using RoundtableManager.Core.Engagement;

namespace RoundtableManager.BrowserTests.Engagement;

/// <summary>
/// Issue #19's journey end to end, through the pages and the emails people really get: tag organisations in bulk, invite
/// everyone tagged who is not yet invited, suppliers accept from their emailed links, message the accepted (and only
/// them), check in, mark held, a delegate answers from the feedback email, and the programme report and the
/// organisation's record show all of it.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed partial class EngagementJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : JourneyBase(fixture, output)
{
    [Fact]
    public Task Organiser_TagsInvitesByTagMessagesAcceptedMarksHeld_DelegateAnswers_ReportAndRecordShowIt() => JourneyAsync(nameof(Organiser_TagsInvitesByTagMessagesAcceptedMarksHeld_DelegateAnswers_ReportAndRecordShowIt), async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (roundtable, organisations, contacts) = await SeedAsync(suffix);
        var (earlier, attending, absent, untagged) = (0, 1, 2, 3);
        var tag = $"Strategic supplier {suffix}";
        await App.WithDbAsync(async db =>
        {
            db.Tags.Add(new Tag { Name = tag, NormalisedName = Tag.Normalise(tag), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var organiser = await App.CreateUserAsync(Roles.Organiser);
        await SignInAsync(page, organiser);

        // Tag three of the four organisations in bulk from the directory.
        await GoToAsync(page, $"/suppliers?q={suffix}");
        foreach (var i in new[] { earlier, attending, absent })
        {
            await page.GetByLabel($"Select {organisations[i].Name}").CheckAsync();
        }

        await page.Locator("#TagId").SelectOptionAsync(new SelectOptionValue { Label = tag });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply to the ticked organisations" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Tag added to 3 organisations");
        await CheckAccessibilityAsync(page);

        // At the invite step: everyone tagged who is not yet invited (one of the three was invited before).
        await SelectAllTaggedAsync(page, roundtable.Id, tag, 2);
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invite-totals")).ToHaveTextAsync("2 organisations, 2 people");
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "engagement-invite-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("2 organisations invited");
        await CheckAccessibilityAsync(page);

        // Both invited suppliers accept from the link in the email they received, naming themselves as the delegate.
        var invitations = await DeliveredAsync(m => m.EnvelopeTo.Any(to => to == contacts[attending].Email || to == contacts[absent].Email) && InvitationLink().IsMatch(m.Message.TextBody ?? ""), 2);
        Assert.Equal(2, invitations.Count);
        foreach (var i in new[] { attending, absent })
        {
            var email = invitations.Single(m => m.EnvelopeTo.Contains(contacts[i].Email));
            await AcceptAsync(InvitationLink().Match(email.Message.TextBody ?? "").Value, roundtable, contacts[i]);
        }

        // A message to the people of the organisations that accepted: the check page says who and how many.
        var subject = $"Joining instructions {suffix}";
        await GoToAsync(page, $"/roundtables/{roundtable.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Messages to attendees" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Write a message" }).ClickAsync();
        await page.GetByLabel("People invited from organisations that accepted").CheckAsync();
        await page.GetByLabel("Subject").FillAsync(subject);
        await page.GetByLabel("Message").FillAsync("Please arrive by 9:30 with photo ID.");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recipient-count")).ToHaveTextAsync("2 people will get this message");
        await Assertions.Expect(page.Locator("#recipients")).ToContainTextAsync(contacts[attending].FullName);
        await Assertions.Expect(page.Locator("#recipients")).ToContainTextAsync(contacts[absent].FullName);
        await Assertions.Expect(page.Locator("#recipients")).Not.ToContainTextAsync(contacts[earlier].FullName);
        await CheckAccessibilityAsync(page);
        await SaveScreenshotAsync(page, "engagement-message-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to 2 people" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Message sent to 2 people");
        await CheckAccessibilityAsync(page);

        // Exactly those two people received it over SMTP, and nobody else.
        var messages = await DeliveredAsync(m => m.Message.Subject == subject, 2);
        Assert.Equal(new[] { contacts[attending].Email, contacts[absent].Email }.Order(), messages.SelectMany(m => m.EnvelopeTo).Order());
        Assert.Contains("Please arrive by 9:30 with photo ID.", messages[0].Message.TextBody, StringComparison.Ordinal);

        // On the day one of the two delegates is checked in; afterwards the organiser marks the roundtable held.
        await GoToAsync(page, $"/roundtables/{roundtable.Id}/check-in");
        await page.Locator($"tr[data-delegate='{contacts[attending].Email}']").GetByRole(AriaRole.Button, new() { Name = "Mark attended" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-attendance]")).ToHaveTextAsync("1 attended of 2 confirmed delegates");
        await CheckAccessibilityAsync(page);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.WithDbAsync(db => db.Roundtables.Where(r => r.Id == roundtable.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StartsUtc, now.AddHours(-3)).SetProperty(r => r.EndsUtc, now.AddHours(-1)).SetProperty(r => r.RsvpDeadlineUtc, now.AddDays(-3))));
        await GoToAsync(page, $"/roundtables/{roundtable.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as held" }).ClickAsync();
        await Assertions.Expect(page.Locator("#would-get-link")).ToContainTextAsync("1 checked-in delegate will get an email");
        await CheckAccessibilityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as held and send feedback links" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("A feedback link is on its way to 1 person");
        await CheckAccessibilityAsync(page);

        // Only the delegate who was checked in gets a feedback email; she answers from its link on her phone.
        var feedbackEmail = Assert.Single(await DeliveredAsync(m => (m.Message.Subject ?? "").StartsWith("Your feedback: ", StringComparison.Ordinal) && (m.Message.Subject ?? "").Contains(suffix, StringComparison.Ordinal), 1));
        Assert.Equal(contacts[attending].Email, Assert.Single(feedbackEmail.EnvelopeTo));
        await using (var phone = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = 375, Height = 812 } }))
        {
            var delegatePage = await phone.NewPageAsync();
            delegatePage.SetDefaultTimeout(15_000);
            await GoToAsync(delegatePage, new Uri(FeedbackLink().Match(feedbackEmail.Message.TextBody ?? "").Value).AbsolutePath);
            await delegatePage.GetByLabel("4: Very useful").CheckAsync();
            await delegatePage.GetByLabel("Topics for next time (optional)").FillAsync("Supplier assurance of subcontractors");
            await delegatePage.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
            await Assertions.Expect(delegatePage.Locator(".govuk-notification-banner")).ToContainTextAsync("Your feedback has been saved");
            await CheckAccessibilityAsync(delegatePage);
            await SaveScreenshotAsync(delegatePage, "engagement-feedback-answered-phone");
        }

        // The programme report: the tag's replies and attendance, and the roundtable's feedback.
        await GoToAsync(page, "/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await CheckAccessibilityAsync(page);
        var tagRow = page.Locator("#by-tag tbody tr").Filter(new() { Has = page.Locator("th", new() { HasTextString = tag }) }).Locator("td");
        await Assertions.Expect(tagRow.Nth(0)).ToHaveTextAsync("3");
        await Assertions.Expect(tagRow.Nth(1)).ToHaveTextAsync("2");
        await Assertions.Expect(tagRow.Nth(2)).ToHaveTextAsync("2");
        await Assertions.Expect(tagRow.Nth(3)).ToHaveTextAsync("1");
        await Assertions.Expect(tagRow.Nth(4)).ToHaveTextAsync("50%");
        var feedbackRow = page.Locator("#feedback tbody tr").Filter(new() { Has = page.Locator("th", new() { HasTextString = roundtable.Title }) }).Locator("td");
        await Assertions.Expect(feedbackRow.Nth(1)).ToHaveTextAsync("1");
        await Assertions.Expect(feedbackRow.Nth(2)).ToHaveTextAsync("1");
        await Assertions.Expect(feedbackRow.Nth(4)).ToHaveTextAsync("4.0");
        await Assertions.Expect(page.Locator($"#chart-by-tag [data-group='{tag}'] rect")).ToHaveCountAsync(4);
        await SaveScreenshotAsync(page, "engagement-report");
        await PhoneAsync(page, "engagement-report-phone");

        // The organisation's record: invited, accepted, the message, checked in, and the feedback answered.
        await GoToAsync(page, $"/suppliers/{organisations[attending].Id}/record");
        var timeline = page.Locator("#timeline");
        await Assertions.Expect(timeline).ToContainTextAsync($"Invited to {roundtable.Title}");
        await Assertions.Expect(timeline).ToContainTextAsync($"Accepted the invitation to {roundtable.Title}");
        await Assertions.Expect(timeline).ToContainTextAsync($"Message about {roundtable.Title}: {subject}");
        await Assertions.Expect(timeline).ToContainTextAsync($"{contacts[attending].FullName} checked in at {roundtable.Title}");
        await Assertions.Expect(timeline).ToContainTextAsync($"Answered feedback on {roundtable.Title}");
        await Assertions.Expect(timeline).ToContainTextAsync("Usefulness 4 out of 5");
        await SaveScreenshotAsync(page, "engagement-record");
        await PhoneAsync(page, "engagement-record-phone");

        // The organisation invited earlier that never replied was not messaged, and has no message on its record.
        await GoToAsync(page, $"/suppliers/{organisations[earlier].Id}/record?Kind=messages");
        await Assertions.Expect(page.Locator("#timeline > li")).ToHaveCountAsync(0);
        Assert.DoesNotContain(Fixture.Smtp.Messages, m => m.Message.Subject == subject && m.EnvelopeTo.Any(to => to == contacts[earlier].Email || to == contacts[untagged].Email));
    });

    /// <summary>A supplier opens the emailed invitation link in a browser of their own, creates an account and accepts with themselves as the delegate.</summary>
    private async Task AcceptAsync(string link, Roundtable roundtable, Contact contact)
    {
        await using var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() });
        var supplier = await context.NewPageAsync();
        supplier.SetDefaultTimeout(15_000);
        await GoToAsync(supplier, new Uri(link).AbsolutePath);
        await Assertions.Expect(supplier.GetByRole(AriaRole.Heading, new() { Name = "Create your account", Level = 1 })).ToBeVisibleAsync();
        await supplier.GetByLabel("Full name").FillAsync(contact.FullName);
        await supplier.GetByLabel("Password", new() { Exact = true }).FillAsync("copper meadow lantern harbour");
        await supplier.GetByLabel("Confirm password").FillAsync("copper meadow lantern harbour");
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(supplier.GetByRole(AriaRole.Heading, new() { Name = roundtable.Title, Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(supplier);
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Reply to this invitation" }).ClickAsync();
        await supplier.GetByLabel("Yes, we will attend").CheckAsync();
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(supplier.GetByRole(AriaRole.Heading, new() { Name = "Your delegates", Level = 1 })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(supplier);
        await supplier.Locator("[name='Delegates[0].ContactId']").SelectOptionAsync(contact.Id.ToString(CultureInfo.InvariantCulture));
        await supplier.GetByLabel("I confirm our delegates agree to the attendance terms").CheckAsync();
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(supplier.GetByRole(AriaRole.Heading, new() { Name = "Check your reply", Level = 1 })).ToBeVisibleAsync();
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(supplier.Locator(".govuk-notification-banner")).ToContainTextAsync("your delegates have seats");
        await CheckAccessibilityAsync(supplier);
    }

    /// <summary>Runs the outbox sender (as Hangfire would) and returns what the SMTP server received that matches, once <paramref name="expected"/> have arrived.</summary>
    private async Task<List<ReceivedEmail>> DeliveredAsync(Func<ReceivedEmail, bool> match, int expected)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Core.Email.OutboxSender>().SendDueAsync(CancellationToken.None);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<ReceivedEmail> found;
        while ((found = Fixture.Smtp.Messages.Where(match).ToList()).Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return found;
    }

    /// <summary>The page at phone width (checked again, nothing wider than the screen, a screenshot), then back to the desktop size.</summary>
    private async Task PhoneAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(375, 812);
        await CheckAccessibilityAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{name}: the page scrolls sideways at 375px");
        await SaveScreenshotAsync(page, name);
        await page.SetViewportSizeAsync(1280, 720);
    }

    /// <summary>
    /// Four organisations with one contact each and an open roundtable in a month; the first organisation is already
    /// invited (by the service, as an earlier round would have).
    /// </summary>
    private async Task<(Roundtable Roundtable, Organisation[] Organisations, Contact[] Contacts)> SeedAsync(string suffix)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var start = now.Date.AddDays(30).AddHours(10);
        var roundtable = new Roundtable
        {
            Title = $"Step change roundtable {suffix}", StartsUtc = start, EndsUtc = start.AddHours(2), VenueAddress = "70 Whitehall, London SW1A 2AS",
            Capacity = 40, DelegatesPerOrganisation = 1, RsvpDeadlineUtc = start.AddDays(-7), Status = RoundtableStatus.OpenForResponses, CreatedUtc = now, UpdatedUtc = now,
        };
        var people = new[] { ("Afon Cloud", "Alun Price"), ("Bryn Networks", "Bethan Evans"), ("Cwm Secure", "Carys Jones"), ("Dyfi Data", "Dafydd Rees") };
        var organisations = new List<Organisation>();
        foreach (var (name, _) in people)
        {
            organisations.Add(await App.CreateOrganisationAsync($"{name} {suffix}"));
        }

        var contacts = people.Select((p, i) =>
        {
            var email = $"{p.Item2.Replace(' ', '.').ToLowerInvariant()}.{suffix}@supplier.example";
            return new Contact { OrganisationId = organisations[i].Id, FullName = p.Item2, Email = email, NormalisedEmail = Contact.Normalise(email), IsPrimary = true, CreatedUtc = now, UpdatedUtc = now };
        }).ToArray();
        await App.WithDbAsync(async db =>
        {
            db.Roundtables.Add(roundtable);
            db.Contacts.AddRange(contacts);
            await db.SaveChangesAsync();
        });
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InvitationService>().SendInvitationsAsync(roundtable.Id, [contacts[0].Id], CancellationToken.None);
        }

        return (roundtable, [.. organisations], contacts);
    }

    [GeneratedRegex(@"http://[^\s]+/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();

    [GeneratedRegex(@"http://[^\s]+/feedback/[A-Za-z0-9_-]+")]
    private static partial Regex FeedbackLink();
}
