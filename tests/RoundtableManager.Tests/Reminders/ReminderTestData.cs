using System.Security.Cryptography;

namespace RoundtableManager.Tests.Reminders;

/// <summary>A roundtable with invited organisations, and the sweep run as the Hangfire job runs it.</summary>
internal static class ReminderTestData
{
    /// <summary>
    /// 17:00 UK time on the first <paramref name="day"/> at least <paramref name="daysAhead"/> days after the app's clock,
    /// in a fortnight without bank holidays, so the tests' reminder days do not depend on when they run.
    /// </summary>
    public static DateTime DeadlineOn(TestApp app, DayOfWeek day, int daysAhead = 20)
    {
        ArgumentNullException.ThrowIfNull(app);
        var date = DateOnly.FromDateTime(UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime)).AddDays(daysAhead);
        while (date.DayOfWeek != day || Enumerable.Range(0, 14).Any(back => IsBankHoliday(date.AddDays(-back))))
        {
            date = date.AddDays(1);
        }

        return UkTime.ToUtc(date.ToDateTime(new TimeOnly(17, 0)));
    }

    private static bool IsBankHoliday(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !RemindersOptions.IsWorkingDay(date);

    /// <summary>9:00 UK time <paramref name="days"/> calendar days before the deadline's date.</summary>
    public static DateTime NineAm(DateTime deadlineUtc, int days) =>
        UkTime.ToUtc(DateOnly.FromDateTime(UkTime.ToUk(deadlineUtc)).AddDays(-days).ToDateTime(new TimeOnly(9, 0)));

    public static async Task<Roundtable> RoundtableAsync(TestApp app, DateTime deadlineUtc)
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        await app.WithDbAsync(async db =>
        {
            var row = await db.Roundtables.SingleAsync(r => r.Id == roundtable.Id);
            row.RsvpDeadlineUtc = deadlineUtc;
            row.StartsUtc = deadlineUtc.AddDays(7);
            row.EndsUtc = row.StartsUtc.AddHours(2);
            await db.SaveChangesAsync();
            roundtable = row;
        });
        return roundtable;
    }

    /// <summary>Invites an organisation's <paramref name="people"/> contacts (as the invite flow leaves the rows, without its emails).</summary>
    public static async Task<Invitation> InviteAsync(TestApp app, Roundtable roundtable, string name, int people = 1, InvitationResponse response = InvitationResponse.None)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)], people);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            RoundtableId = roundtable.Id,
            OrganisationId = organisation.Id,
            Response = response,
            RespondedUtc = response == InvitationResponse.None ? null : now,
            CreatedUtc = now,
            Recipients = [.. contacts.Select(c => new InvitationRecipient
            {
                ContactId = c.Id,
                Email = c.Email,
                Name = c.FullName,
                TokenHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                TokenIssuedUtc = now,
                CreatedUtc = now,
            })],
        };
        await app.WithDbAsync(async db =>
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
        });
        return invitation;
    }

    public static async Task<ReminderSweepResult> SweepAsync(this TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);
    }

    public static void MoveTo(this TestApp app, DateTime utc) => app.Clock.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));

    public static Task<List<OutboxMessage>> ChasersAsync(TestApp app, int roundtableId) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.RoundtableId == roundtableId && m.Kind == RsvpChaserSource.Definition.Code).OrderBy(m => m.Id).ToListAsync());

    public static Task<List<ReminderLog>> LogAsync(TestApp app, int roundtableId) =>
        app.WithDbAsync(db => db.ReminderLogs.AsNoTracking().Where(l => l.RoundtableId == roundtableId).OrderBy(l => l.Id).ToListAsync());

    public static Task SetAsync(TestApp app, Func<Core.Data.AppDbContext, Task> change) => app.WithDbAsync(change);
}
