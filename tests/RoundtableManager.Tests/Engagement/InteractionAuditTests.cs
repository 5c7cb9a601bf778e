using System.Globalization;

namespace RoundtableManager.Tests.Engagement;

/// <summary>
/// An interaction's summary carries its TLP marking and who took part names people; the audit log is kept for ever,
/// read by every organiser and never erased. So its rows say which fields changed, never the marked text or the names.
/// </summary>
[Collection(SharedHosts.Invitations)]
public sealed class InteractionAuditTests(TestApp app)
{
    [Fact]
    public async Task Interaction_RedSummaryAndPeopleChanged_AuditSaysWhatChangedNotTheTextOrNames()
    {
        var organisation = await app.CreateOrganisationAsync($"Red Summary Ltd {Guid.NewGuid():N}"[..26]);
        using var staff = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        var today = DateOnly.FromDateTime(Core.Common.UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime));
        var newUrl = $"/suppliers/{organisation.Id}/interactions/new";
        using (var logged = await staff.PostFormAsync(newUrl, newUrl, Fields(today, "Breach at the MSP: source code taken", "Priya Shah", 0)))
        {
            Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        }

        var interaction = await app.WithDbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.OrganisationId == organisation.Id));
        var editUrl = $"/suppliers/{organisation.Id}/interactions/{interaction.Id}/edit";
        using (var changed = await staff.PostFormAsync(editUrl, editUrl, Fields(today, "Breach at the MSP: keys rotated since", "Priya Shah, Omar Haddad", interaction.Version)))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var rows = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectType == "Interaction" && e.SubjectId == interaction.Id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync());
        Assert.Equal(2, rows.Count);
        foreach (var summary in rows)
        {
            Assert.DoesNotContain("Breach", summary, StringComparison.Ordinal);
            Assert.DoesNotContain("Priya", summary, StringComparison.Ordinal);
            Assert.DoesNotContain("Omar", summary, StringComparison.Ordinal);
        }

        Assert.Contains("summary changed", rows[1], StringComparison.Ordinal);
        Assert.Contains("who took part changed", rows[1], StringComparison.Ordinal);
        Assert.Contains("TLP:RED", rows[1], StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Fields(DateOnly date, string summary, string participants, int version) => new()
    {
        ["Kind"] = "Meeting",
        ["OccurredOn.Day"] = date.Day.ToString(CultureInfo.InvariantCulture),
        ["OccurredOn.Month"] = date.Month.ToString(CultureInfo.InvariantCulture),
        ["OccurredOn.Year"] = date.Year.ToString(CultureInfo.InvariantCulture),
        ["Summary"] = summary,
        ["Participants"] = participants,
        ["Marking"] = "Red",
        ["Version"] = version.ToString(CultureInfo.InvariantCulture),
    };
}
