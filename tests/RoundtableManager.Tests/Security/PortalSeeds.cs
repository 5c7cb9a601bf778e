using System.Globalization;
using System.Text.RegularExpressions;

namespace RoundtableManager.Tests.Security;

/// <summary>
/// A supplier organisation with something behind every kind of portal id: invited to a roundtable and accepted, a
/// proposal of its own, the agenda published. Ids in a route are filled from the path segment before them
/// ("invitations/{id}" takes this organisation's invitation); a new kind of portal id needs one line in
/// <see cref="CreateAsync"/>, and the sweeps say so when it is missing.
/// </summary>
internal sealed partial record PortalSeeds(TestUser Supplier, int OrganisationId, IReadOnlyDictionary<string, int> Ids)
{
    public static async Task<PortalSeeds> CreateAsync(TestApp app, HttpClient organiser, string name)
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var owner = await AgendaTestData.InvitedSupplierAsync(app, roundtable, InvitationResponse.Accepted, name);
        await AgendaTestData.AddItemAsync(app, organiser, roundtable.Id, AgendaTestData.ItemFields("Seeded item"));
        var publish = $"/roundtables/{roundtable.Id}/agenda/publish";
        (await organiser.PostFormAsync(publish, publish, new Dictionary<string, string>())).Dispose();
        using var client = await app.SignedInClientAsync(owner.User);
        var propose = $"/portal/roundtables/{roundtable.Id}/proposals/new";
        (await client.PostFormAsync(propose, propose, new Dictionary<string, string> { ["Category"] = "Contracting", ["Text"] = "Seeded topic" })).Dispose();

        var (actionId, evidenceId) = await ActionAsync(app, roundtable.Id, owner.Organisation.Id, owner.User);
        var (answerId, fileId) = await ControlAnswerAsync(app, owner.Organisation.Id, owner.User);
        var ids = await app.WithDbAsync(async db => new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["roundtables"] = roundtable.Id,
            ["invitations"] = await db.Invitations.Where(i => i.OrganisationId == owner.Organisation.Id).Select(i => i.Id).SingleAsync(),
            ["proposals"] = await db.Proposals.Where(p => p.OrganisationId == owner.Organisation.Id).Select(p => p.Id).SingleAsync(),
            ["actions"] = actionId,
            ["evidence"] = evidenceId,
            ["controls"] = answerId,
            ["files"] = fileId,
        });
        return new PortalSeeds(owner.User, owner.Organisation.Id, ids);
    }

    /// <summary>An open action the organisation owns, with an evidence file.</summary>
    private static async Task<(int ActionId, int EvidenceId)> ActionAsync(TestApp app, int roundtableId, int organisationId, TestUser supplier)
    {
        var lead = await app.CreateUserAsync(Roles.Staff);
        var contactId = await app.WithDbAsync(db => db.Contacts.Where(c => c.OrganisationId == organisationId).Select(c => c.Id).FirstAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var actions = scope.ServiceProvider.GetRequiredService<ActionCommands>();
        var due = scope.ServiceProvider.GetRequiredService<ActionQueries>().Today().AddDays(14);
        var created = await actions.CreateAsync(
            new ActionInput(roundtableId, null, null, "Seeded action", null, ActionOwnerKind.Organisation, null, organisationId, contactId, lead.Id, due, ActionPriority.Medium),
            new ActionActor(lead.Id, "Seed Staff"),
            CancellationToken.None);
        using var pdf = new MemoryStream("%PDF-1.4 seeded"u8.ToArray());
        var added = await scope.ServiceProvider.GetRequiredService<ActionEvidenceService>()
            .AddAsync(created.Value, organisationId, "Seeded evidence", null, new EvidenceUpload("seeded.pdf", pdf.Length, pdf), new ActionActor(supplier.Id, "Seed Supplier", organisationId), CancellationToken.None);
        Assert.Equal(CommandStatus.Done, added.Status);
        var evidenceId = await app.WithDbAsync(db => db.ActionEvidence.Where(e => e.ActionId == created.Value).Select(e => e.Id).SingleAsync());
        return (created.Value, evidenceId);
    }

    /// <summary>Cyber Essentials adopted for the organisation, and an evidence file on its first answer.</summary>
    private static async Task<(int AnswerId, int FileId)> ControlAnswerAsync(TestApp app, int organisationId, TestUser supplier)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var adopted = await scope.ServiceProvider.GetRequiredService<ControlAdoptionService>()
            .AdoptAsync(ControlSet.CyberEssentialsId, new AdoptionTarget(OrganisationIds: [organisationId]), new ControlActor("seed", "Seed Organiser"), CancellationToken.None);
        Assert.Equal(CommandStatus.Done, adopted.Status);
        var answerId = await app.WithDbAsync(db => db.ControlAnswers.Where(a => a.OrganisationId == organisationId).OrderBy(a => a.ControlId).Select(a => a.Id).FirstAsync());
        using var pdf = new MemoryStream("%PDF-1.4 seeded"u8.ToArray());
        var added = await scope.ServiceProvider.GetRequiredService<ControlAnswerCommands>()
            .AddEvidenceAsync(answerId, organisationId, "Seeded evidence", null, new EvidenceUpload("seeded.pdf", pdf.Length, pdf), new ControlActor(supplier.Id, "Seed Supplier", organisationId), CancellationToken.None);
        Assert.Equal(CommandStatus.Done, added.Status);
        return (answerId, await app.WithDbAsync(db => db.ControlEvidence.Where(e => e.AnswerId == answerId).Select(e => e.Id).SingleAsync()));
    }

    /// <summary>The route with each id filled in, or null and the segments that have no seed.</summary>
    public (string? Path, IReadOnlyList<string> Missing) Fill(string template)
    {
        var missing = new List<string>();
        var path = "/" + Parameter().Replace(template.TrimStart('/'), m =>
        {
            var before = template.TrimStart('/')[..m.Index].TrimEnd('/').Split('/')[^1];
            if (Ids.TryGetValue(before, out var id))
            {
                return id.ToString(CultureInfo.InvariantCulture);
            }

            missing.Add(before);
            return "0";
        });
        return (missing.Count == 0 ? path : null, missing);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
