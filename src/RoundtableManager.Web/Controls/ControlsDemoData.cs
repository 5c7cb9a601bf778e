namespace RoundtableManager.Web.Controls;

/// <summary>
/// A small assessed programme for the demo, made through the same services as the pages: Cyber Essentials adopted for
/// the demo roundtable's organisations and the CAF for all three, answers of every kind, one verified and one returned,
/// so the heatmap and the organisation pages show something on first run.
/// </summary>
public sealed class ControlsDemoData(UserManager<ApplicationUser> users, ControlQueries queries, ControlAdoptionService adoption, ControlAnswerCommands answers, TimeProvider time)
{
    public async Task SeedAsync(Roundtable roundtable, IReadOnlyList<Organisation> organisations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        ArgumentNullException.ThrowIfNull(organisations);
        var organiser = await ActorAsync("organiser@example.gov.uk", null, cancellationToken);
        var staff = await ActorAsync("staff@example.gov.uk", null, cancellationToken);
        Require(await adoption.AdoptAsync(ControlSet.CyberEssentialsId, new AdoptionTarget(roundtable.Id), organiser, cancellationToken), "adopt Cyber Essentials");
        Require(await adoption.AdoptAsync(ControlSet.CafId, new AdoptionTarget(OrganisationIds: [.. organisations.Select(o => o.Id)]), organiser, cancellationToken), "adopt the CAF");

        var today = DateOnly.FromDateTime(UkTime.ToUk(time.GetUtcNow().UtcDateTime));
        var northgate = await ActorAsync("priya.shah@northgate-managed.example", organisations[0].Id, cancellationToken);
        var castell = new ControlActor("", "Rhian Llewelyn", organisations[1].Id);
        var harbour = new ControlActor("", "Wei Zhang", organisations[2].Id);
        var plan = new (ControlActor Who, string Code, ControlStatus Status, int? TargetInDays, string? Reason, string? Comment)[]
        {
            (northgate, "CE1", ControlStatus.InPlace, null, null, "Managed firewalls at every customer boundary, rules reviewed quarterly."),
            (northgate, "CE2", ControlStatus.InPlace, null, null, "Hardened build for every server and laptop."),
            (northgate, "CE3", ControlStatus.PartlyInPlace, 30, null, "Servers patched within 14 days; laptops move to the same policy next month."),
            (northgate, "CE4", ControlStatus.InPlace, null, null, "Multi-factor authentication on every administrative account."),
            (northgate, "CE5", ControlStatus.NotStarted, 75, null, null),
            (northgate, "A1", ControlStatus.InPlace, null, null, null),
            (northgate, "A4", ControlStatus.PartlyInPlace, 45, null, "Our own suppliers are being assessed against the same controls."),
            (castell, "CE1", ControlStatus.InPlace, null, null, null),
            (castell, "CE2", ControlStatus.PartlyInPlace, 20, null, null),
            (castell, "A2", ControlStatus.InPlace, null, null, null),
            (castell, "C1", ControlStatus.NotApplicable, null, "Security monitoring is provided by the customer's own security operations centre.", null),
            (harbour, "A1", ControlStatus.NotStarted, 90, null, null),
            (harbour, "B2", ControlStatus.PartlyInPlace, 60, null, null),
        };
        foreach (var (who, code, status, days, reason, comment) in plan)
        {
            var id = await AnswerIdAsync(who.OrganisationId!.Value, code, cancellationToken);
            var target = days is { } d ? today.AddDays(d) : (DateOnly?)null;
            Require(await answers.AnswerAsync(id, who.OrganisationId.Value, new ControlAnswerInput(status, reason, target, comment, 0), who, cancellationToken), $"answer {code}");
        }

        Require(await answers.VerifyAsync(await AnswerIdAsync(organisations[0].Id, "CE1", cancellationToken), 1, staff, cancellationToken), "verify CE1");
        Require(await answers.ReturnAsync(await AnswerIdAsync(organisations[0].Id, "CE4", cancellationToken), 1,
            "Please add evidence: a screenshot of the conditional access policy, or the report from your identity provider.", staff, cancellationToken), "return CE4");
    }

    private async Task<ControlActor> ActorAsync(string email, int? organisationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"Demo data: no account for {email}");
        return new ControlActor(user.Id, user.DisplayName, organisationId);
    }

    private async Task<int> AnswerIdAsync(int organisationId, string code, CancellationToken cancellationToken) =>
        (await queries.ForOrganisationAsync(organisationId, includeRetired: false, cancellationToken))!
            .Sets.SelectMany(s => s.Answers).Single(a => a.Code == code).AnswerId;

    private static void Require(CommandResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo data: could not {what}: {result.Problem}");
        }
    }
}
