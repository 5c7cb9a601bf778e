namespace RoundtableManager.Web.Engagement.Record;

/// <summary>Development demo data: a few logged interactions, so the organisation record's timeline has them on first run.</summary>
public sealed class InteractionDemoData(InteractionCommands interactions, TimeProvider time)
{
    public async Task SeedAsync(IReadOnlyList<Organisation> organisations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        var today = DateOnly.FromDateTime(UkTime.ToUk(time.GetUtcNow().UtcDateTime));
        var staff = new InteractionActor(null, "Sam Staff");
        foreach (var (organisation, kind, daysAgo, summary, participants, marking) in new[]
        {
            (0, InteractionKind.Meeting, 12, "Introductory meeting about the roundtable. Northgate will bring its privileged access review to the session.", "Priya Shah (Northgate), Sam Staff", TlpMarking.Amber),
            (0, InteractionKind.Call, 3, "Priya asked whether the incident briefing will be recorded. Told her it will not, and that it is marked TLP:RED.", "Priya Shah, Olivia Organiser", TlpMarking.Green),
            (1, InteractionKind.Letter, 20, "Letter from the Director of Security confirming Castell's support for the contract security schedule.", "Rhian Llewelyn (Castell)", TlpMarking.Clear),
        })
        {
            var result = await interactions.LogAsync(organisations[organisation].Id, new InteractionInput(kind, today.AddDays(-daysAgo), summary, participants, marking), staff, cancellationToken);
            if (result.Status != CommandStatus.Done)
            {
                throw new InvalidOperationException("Could not seed the demo's interactions");
            }
        }
    }
}
