namespace RoundtableManager.Tests.Actions;

[Collection(SharedHosts.Actions)]
public sealed class ActionServiceTests(TestApp app)
{
    [Fact]
    public async Task Create_RecordsCreatedHistoryAndAudit()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Flow down CAF B to subcontracts", ActionTestData.Today(app).AddDays(30)));

        var action = await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None));
        Assert.NotNull(action);
        Assert.Equal(ActionStatus.Open, action.Status);
        Assert.Equal(1, action.Version);
        Assert.Equal($"{world.Organisation.Name} ({world.Contacts[0].FullName})", action.Owner);
        var created = Assert.Single(action.History);
        Assert.Equal(ActionHistoryKind.Created, created.Kind);
        Assert.Equal("Test Staff", created.ActorName);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Action.Created" && e.SubjectId == id.ToString() && e.OrganisationId == world.Organisation.Id)));
    }

    [Fact]
    public async Task Update_DueDateOwnerAndPriority_OneHistoryEntryPerChangedField()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var today = ActionTestData.Today(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Share incident contacts", today.AddDays(10)));
        var input = world.OrganisationOwned("Share incident contacts", today.AddDays(20)) with { OwnerContactId = world.Contacts[1].Id, Priority = ActionPriority.Low };

        var result = await ActionTestData.WithServiceAsync(app, s => s.UpdateAsync(id, 1, input, world.LeadActor, CancellationToken.None));

        Assert.Equal(CommandStatus.Done, result.Status);
        var action = (await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None)))!;
        Assert.Equal(2, action.Version);
        var changes = action.History.Where(h => h.Kind != ActionHistoryKind.Created).OrderBy(h => h.Kind).ToList();
        Assert.Equal([ActionHistoryKind.DueDateChanged, ActionHistoryKind.OwnerChanged, ActionHistoryKind.PriorityChanged], changes.Select(c => c.Kind));
        Assert.Equal(ActionNames.FormatDate(today.AddDays(10)), changes[0].FromValue);
        Assert.Equal(ActionNames.FormatDate(today.AddDays(20)), changes[0].ToValue);
        Assert.Equal($"{world.Organisation.Name} ({world.Contacts[1].FullName})", changes[1].ToValue);
        Assert.Equal("High", changes[2].FromValue);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "Action.Updated" && e.SubjectId == id.ToString())));
    }

    [Fact]
    public async Task Update_FromAnOlderVersion_IsRefusedAndChangesNothing()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var today = ActionTestData.Today(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Agree a patching SLA", today.AddDays(10)));
        var first = await ActionTestData.WithServiceAsync(app, s => s.UpdateAsync(id, 1, world.OrganisationOwned("Agree a 14-day patching SLA", today.AddDays(10)), world.LeadActor, CancellationToken.None));
        Assert.Equal(CommandStatus.Done, first.Status);

        var second = await ActionTestData.WithServiceAsync(app, s => s.UpdateAsync(id, 1, world.OrganisationOwned("Agree a 7-day patching SLA", today.AddDays(12)), world.LeadActor, CancellationToken.None));

        Assert.Equal(CommandStatus.Conflict, second.Status);
        var action = (await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None)))!;
        Assert.Equal("Agree a 14-day patching SLA", action.Title);
        Assert.Equal(today.AddDays(10), action.DueDate);
    }

    [Fact]
    public async Task Create_ContactOfAnotherOrganisation_IsRefused()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var other = await ActionTestData.CreateWorldAsync(app, "Other Ltd");
        var input = world.OrganisationOwned("Wrong contact", ActionTestData.Today(app).AddDays(5)) with { OwnerContactId = other.Contacts[0].Id };

        var result = await ActionTestData.WithServiceAsync(app, s => s.CreateAsync(input, world.LeadActor, CancellationToken.None));

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Field == "OwnerContactId");
        Assert.False(await app.WithDbAsync(db => db.FollowUpActions.AnyAsync(a => a.Title == "Wrong contact")));
    }

    [Fact]
    public async Task SupplierMarkDone_ThenStaffConfirm_DoneWithHistoryAndAudit()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Publish a vulnerability disclosure policy", ActionTestData.Today(app).AddDays(14)));

        var update = await ActionTestData.WithServiceAsync(app, s => s.SupplierUpdateAsync(world.Organisation.Id, id, ActionStatus.InProgress, "Drafted, with legal now", world.SupplierActor, CancellationToken.None));
        var done = await ActionTestData.WithServiceAsync(app, s => s.SupplierMarkDoneAsync(world.Organisation.Id, id, "Published on our website", world.SupplierActor, CancellationToken.None));
        var awaiting = (await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None)))!;
        var confirm = await ActionTestData.WithServiceAsync(app, s => s.ConfirmDoneAsync(id, "Checked the page", world.LeadActor, CancellationToken.None));

        Assert.Equal(CommandStatus.Done, update.Status);
        Assert.Equal(CommandStatus.Done, done.Status);
        Assert.Equal(ActionStatus.AwaitingConfirmation, awaiting.Status);
        Assert.Null(awaiting.ClosedUtc);
        Assert.Equal(CommandStatus.Done, confirm.Status);
        var action = (await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None)))!;
        Assert.Equal(ActionStatus.Done, action.Status);
        Assert.NotNull(action.ClosedUtc);
        Assert.Equal(
            [("Open", "In progress", true), ("In progress", "Awaiting confirmation", true), ("Awaiting confirmation", "Done", false)],
            action.History.Where(h => h.Kind == ActionHistoryKind.StatusChanged).Reverse().Select(h => (h.FromValue!, h.ToValue!, h.BySupplier)));
        var audits = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.SubjectId == id.ToString() && e.SubjectType == ActionCommands.SubjectType).Select(e => e.Action).ToListAsync());
        Assert.Equal(["Action.Created", "Action.SupplierUpdated", "Action.MarkedDone", "Action.Confirmed"], audits);
    }

    [Fact]
    public async Task ConfirmDone_NotAwaitingConfirmation_IsNotAllowed()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Name a security contact", ActionTestData.Today(app).AddDays(3)));

        var confirm = await ActionTestData.WithServiceAsync(app, s => s.ConfirmDoneAsync(id, null, world.LeadActor, CancellationToken.None));

        Assert.Equal(CommandStatus.NotAllowed, confirm.Status);
        Assert.Equal(ActionStatus.Open, (await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None)))!.Status);
    }

    [Fact]
    public async Task ReturnToOpen_NeedsAReason_ThenReopensWithTheReasonInHistory()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Rotate shared admin credentials", ActionTestData.Today(app).AddDays(7)));
        await ActionTestData.WithServiceAsync(app, s => s.SupplierMarkDoneAsync(world.Organisation.Id, id, null, world.SupplierActor, CancellationToken.None));

        var noReason = await ActionTestData.WithServiceAsync(app, s => s.ReturnToOpenAsync(id, "  ", world.LeadActor, CancellationToken.None));
        var returned = await ActionTestData.WithServiceAsync(app, s => s.ReturnToOpenAsync(id, "Two accounts still share a password", world.LeadActor, CancellationToken.None));

        Assert.Equal(CommandStatus.Invalid, noReason.Status);
        Assert.Equal(CommandStatus.Done, returned.Status);
        var action = (await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None)))!;
        Assert.Equal(ActionStatus.Open, action.Status);
        var latest = action.History[0];
        Assert.Equal((ActionHistoryKind.StatusChanged, "Awaiting confirmation", "Open", "Two accounts still share a password"), (latest.Kind, latest.FromValue, latest.ToValue, latest.Comment));
    }

    [Fact]
    public async Task SupplierUpdate_AnotherOrganisationsAction_NotFoundAndNothingWritten()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var other = await ActionTestData.CreateWorldAsync(app, "Rival Ltd");
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Not yours", ActionTestData.Today(app).AddDays(7)));

        var update = await ActionTestData.WithServiceAsync(app, s => s.SupplierUpdateAsync(other.Organisation.Id, id, null, "Sneaky", other.SupplierActor, CancellationToken.None));
        var done = await ActionTestData.WithServiceAsync(app, s => s.SupplierMarkDoneAsync(other.Organisation.Id, id, null, other.SupplierActor, CancellationToken.None));
        var view = await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None, other.Organisation.Id));

        Assert.Equal(CommandStatus.NotFound, update.Status);
        Assert.Equal(CommandStatus.NotFound, done.Status);
        Assert.Null(view);
        Assert.Equal(1, await app.WithDbAsync(db => db.ActionHistory.CountAsync(h => h.ActionId == id)));
    }

    [Fact]
    public async Task StaffOnlyComment_HiddenFromTheOwningSupplier()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.OrganisationOwned("Explain the breach timeline", ActionTestData.Today(app).AddDays(7)));
        await ActionTestData.WithServiceAsync(app, s => s.AddCommentAsync(id, "Shared with the supplier", false, world.LeadActor, CancellationToken.None));
        await ActionTestData.WithServiceAsync(app, s => s.AddCommentAsync(id, "Legal think they are stalling", true, world.LeadActor, CancellationToken.None));

        var staffView = (await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None)))!;
        var supplierView = (await ActionTestData.WithQueriesAsync(app, s => s.GetAsync(id, CancellationToken.None, world.Organisation.Id)))!;

        Assert.Contains(staffView.History, h => h.Comment == "Legal think they are stalling");
        Assert.Contains(supplierView.History, h => h.Comment == "Shared with the supplier");
        Assert.DoesNotContain(supplierView.History, h => h.Comment == "Legal think they are stalling");
    }

    [Fact]
    public async Task History_IsAppendOnly()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var id = await ActionTestData.CreateAsync(app, world, world.StaffOwned("Write the summary", ActionTestData.Today(app).AddDays(2)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.ActionHistory.FirstAsync(h => h.ActionId == id);
            entry.ActorName = "Someone else";
            await db.SaveChangesAsync();
        }));
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_OwnerNotStaff_IsRefused()
    {
        var world = await ActionTestData.CreateWorldAsync(app);
        var result = await ActionTestData.WithServiceAsync(app, s => s.CreateAsync(world.StaffOwned("Owned by a supplier account", ActionTestData.Today(app).AddDays(2), world.Supplier.Id), world.LeadActor, CancellationToken.None));
        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Field == "OwnerUserId");
    }
}
