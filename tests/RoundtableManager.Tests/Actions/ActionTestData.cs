namespace RoundtableManager.Tests.Actions;

/// <summary>A roundtable with a staff lead and a supplier organisation with two contacts, to hang actions on.</summary>
internal sealed record ActionWorld(Roundtable Roundtable, TestUser Lead, Organisation Organisation, List<Contact> Contacts, TestUser Supplier)
{
    public ActionActor LeadActor => new(Lead.Id, "Test Staff");

    public ActionActor SupplierActor => new(Supplier.Id, "Test Supplier", Organisation.Id);

    public ActionInput OrganisationOwned(string title, DateOnly due) =>
        new(Roundtable.Id, null, null, title, "What was agreed", ActionOwnerKind.Organisation, null, Organisation.Id, Contacts[0].Id, Lead.Id, due, ActionPriority.High);

    public ActionInput StaffOwned(string title, DateOnly due, string? ownerId = null) =>
        new(Roundtable.Id, null, null, title, null, ActionOwnerKind.Staff, ownerId ?? Lead.Id, null, null, Lead.Id, due, ActionPriority.Medium);
}

internal static class ActionTestData
{
    public static async Task<ActionWorld> CreateWorldAsync(TestApp app, string name = "Actions Ltd")
    {
        var roundtable = await InvitationTestData.CreateRoundtableAsync(app);
        var lead = await app.CreateUserAsync(Roles.Staff);
        var (organisation, contacts) = await InvitationTestData.CreateOrganisationWithContactsAsync(app, $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)]);
        var supplier = await app.CreateUserAsync(Roles.Supplier, organisation.Id);
        return new ActionWorld(roundtable, lead, organisation, contacts, supplier);
    }

    public static DateOnly Today(TestApp app) => DateOnly.FromDateTime(Core.Common.UkTime.ToUk(app.Clock.GetUtcNow().UtcDateTime));

    /// <summary>Runs <paramref name="work"/> with a fresh ActionCommands, as one request would.</summary>
    public static async Task<T> WithServiceAsync<T>(TestApp app, Func<ActionCommands, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ActionCommands>());
    }

    /// <summary>Runs <paramref name="work"/> with a fresh ActionQueries, as one request would.</summary>
    public static async Task<T> WithQueriesAsync<T>(TestApp app, Func<ActionQueries, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ActionQueries>());
    }

    /// <summary>Writes an action straight to the database (so it can be overdue, or old), with its Created entry.</summary>
    public static async Task<int> InsertAsync(TestApp app, ActionWorld world, string title, DateOnly due, ActionStatus status = ActionStatus.Open, DateTime? createdUtc = null, string? staffUserId = null)
    {
        var created = createdUtc ?? app.Clock.GetUtcNow().UtcDateTime;
        var action = new FollowUpAction
        {
            RoundtableId = world.Roundtable.Id,
            Title = title,
            OwnerKind = staffUserId is null ? ActionOwnerKind.Organisation : ActionOwnerKind.Staff,
            OwnerUserId = staffUserId,
            OwnerOrganisationId = staffUserId is null ? world.Organisation.Id : null,
            OwnerContactId = staffUserId is null ? world.Contacts[0].Id : null,
            StaffLeadUserId = staffUserId ?? world.Lead.Id,
            DueDate = due,
            Status = status,
            CreatedUtc = created,
            UpdatedUtc = created,
            ClosedUtc = status.IsActive() ? null : created,
        };
        action.History.Add(new ActionHistoryEntry { AtUtc = created, ActorUserId = world.Lead.Id, ActorName = "Test Staff", Kind = ActionHistoryKind.Created, ToValue = "Open" });
        if (status != ActionStatus.Open)
        {
            action.History.Add(new ActionHistoryEntry { AtUtc = created, ActorUserId = world.Lead.Id, ActorName = "Test Staff", Kind = ActionHistoryKind.StatusChanged, FromValue = "Open", ToValue = status.DisplayName() });
        }

        await app.WithDbAsync(async db =>
        {
            db.FollowUpActions.Add(action);
            await db.SaveChangesAsync();
        });
        return action.Id;
    }

    public static async Task<int> CreateAsync(TestApp app, ActionWorld world, ActionInput input)
    {
        var result = await WithServiceAsync(app, s => s.CreateAsync(input, world.LeadActor, CancellationToken.None));
        Assert.Equal(CommandStatus.Done, result.Status);
        return result.Value;
    }
}
