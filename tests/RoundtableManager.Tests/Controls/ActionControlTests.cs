using static RoundtableManager.Tests.Controls.ControlsTestData;

namespace RoundtableManager.Tests.Controls;

/// <summary>Follow-up actions linked to the controls they address; confirming one prompts staff to look at them (issue #20, item 3).</summary>
[Collection(ControlsTestData.Host)]
public sealed class ActionControlTests(TestApp app)
{
    [Fact]
    public async Task LinkControl_ThenConfirmTheAction_NoticeLinksToTheOrganisationsAnswers()
    {
        var world = await ActionTestData.CreateWorldAsync(app, "Linked Ltd");
        using var organiser = await OrganiserAsync(app);
        var adopt = $"/controls/sets/{ControlSet.CyberEssentialsId}/adopt";
        using (var adopted = await organiser.PostFormAsync(adopt, adopt, new Dictionary<string, string> { ["Target"] = "organisations", ["OrganisationIds"] = world.Organisation.Id.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, adopted.StatusCode);
        }

        var answers = await AnswersAsync(app, world.Organisation.Id);
        var id = await ActionTestData.InsertAsync(app, world, "Turn on MFA for admin accounts", Today(app).AddDays(5), ActionStatus.AwaitingConfirmation);
        using var staff = await app.SignedInClientAsync(world.Lead);
        var path = $"/actions/{id}/controls";

        using (var empty = await staff.PostFormAsync(path, path, new Dictionary<string, string> { ["ControlId"] = "" }))
        {
            Assert.Equal(["Select a control"], (await empty.ToDocumentAsync()).ErrorSummary());
        }

        var choices = (await staff.GetDocumentAsync(path)).QuerySelectorAll("#ControlId option").Select(o => o.TextContent).ToList();
        Assert.Equal("CE1 Firewalls", choices[1]);
        using (var linked = await staff.PostFormAsync(path, path, new Dictionary<string, string> { ["ControlId"] = "4" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        }

        var before = await staff.GetDocumentAsync($"/actions/{id}");
        Assert.Null(before.QuerySelector("#controls-notice"));
        Assert.Contains("CE4 User access control", before.QuerySelector("#action-controls")!.TextContent, StringComparison.Ordinal);

        using var confirmed = await staff.PostFormAsync($"/actions/{id}", $"/actions/{id}/confirm", new Dictionary<string, string> { ["ConfirmComment"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await staff.GetDocumentAsync(confirmed.Headers.Location!.OriginalString);
        var notice = after.QuerySelector("#controls-notice")!;
        Assert.Contains("Look at the 1 control it addresses", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/controls/answers/{answers["CE4"]}", notice.QuerySelector("a")!.GetAttribute("href"));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Action.ControlLinked" && e.SubjectId == id.ToString())));

        var answerPage = await staff.GetDocumentAsync($"/controls/answers/{answers["CE4"]}");
        Assert.Equal($"/actions/{id}", answerPage.QuerySelector("#linked-actions a")!.GetAttribute("href"));

        using var supplier = await app.SignedInClientAsync(world.Supplier);
        using var refused = await supplier.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
