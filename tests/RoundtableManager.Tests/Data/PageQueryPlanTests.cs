namespace RoundtableManager.Tests.Data;

/// <summary>
/// SQLite's own plan (EXPLAIN QUERY PLAN, on the app's real database file) for the queries that decide whether a page
/// costs the same at any size of programme: an index seek and a walk, never a sort of every matching row.
/// </summary>
[Collection(SharedHosts.Directory)]
public sealed class PageQueryPlanTests(TestApp app)
{
    private Task<string> PlanAsync(Func<AppDbContext, IQueryable> query) => app.WithDbAsync(async db =>
    {
        // ToQueryString writes ".param set" lines for the parameters first; unbound, they are NULL, which plans the same.
        var sql = string.Join('\n', query(db).ToQueryString().Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join('\n', steps);
    });

    [Fact]
    public async Task EmailLog_StatusFilterPage_SeeksTheStatusIdIndexWithoutSorting()
    {
        var plan = await PlanAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed).OrderByDescending(m => m.Id).Skip(50).Take(50).Select(m => m.Id));

        Assert.Contains("USING COVERING INDEX IX_OutboxMessages_Status_Id (Status=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectorySearch_SeeksEachWordByRangeOnTheWordsKey()
    {
        var plan = await PlanAsync(db => SupplierDirectoryQueries.Matching(db, new DirectoryQuery("north man", null, IncludeArchived: false)).Select(o => o.Id));

        // The first word is a range on the words' key (Term, OrganisationId); each other word is checked among the
        // words of each organisation found; nothing reads every word or every organisation.
        Assert.Contains("USING COVERING INDEX sqlite_autoindex_OrganisationSearchTerms_1 (Term>? AND Term<?)", plan, StringComparison.Ordinal);
        Assert.Contains("USING INDEX IX_OrganisationSearchTerms_OrganisationId (OrganisationId=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN ", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgrammeReport_ActionsOfWholeMonths_ARangeOfTheKeptCountsWithoutTheActions()
    {
        var plan = await PlanAsync(db => db.ActionMonthCounts.Where(c => c.Month >= 202501 && c.Month < 202701)
            .GroupBy(c => new { c.AgendaItemId, c.OwnerOrganisationId })
            .Select(g => new { g.Key.AgendaItemId, g.Key.OwnerOrganisationId, Opened = g.Sum(c => c.Count), Done = g.Sum(c => c.Status == ActionStatus.Done ? c.Count : 0) }));

        // The months' range of a covering index (counts and all), whatever the number of actions opened in them.
        Assert.Contains("USING COVERING INDEX IX_ActionMonthCounts_Month_AgendaItemId_OwnerOrganisationId_Status_DueDate_Count (Month>? AND Month<?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("FollowUpActions", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgrammeReport_MediansOfDaysToClose_ReadOnlyTheDoneActionsOpenedInThePeriod()
    {
        var (from, end) = (new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        // The same WHERE as the report's SQL for its medians (in all, by owner, and by agenda category through the item's key).
        var plan = await PlanAsync(db => db.FollowUpActions.Where(a => a.Status == ActionStatus.Done && a.ClosedUtc != null && a.CreatedUtc >= from && a.CreatedUtc < end)
            .Select(a => new { a.OwnerOrganisationId, a.AgendaItemId, a.CreatedUtc, a.ClosedUtc }));

        // A seek of the status and a range of the opening instant in a covering index: not every action ever done.
        Assert.Contains("USING COVERING INDEX IX_FollowUpActions_Status_CreatedUtc_ClosedUtc_OwnerOrganisationId_AgendaItemId (Status=? AND CreatedUtc>? AND CreatedUtc<?)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgrammeReport_NotEngaged_ARangeOfTheEngagementIndexWithoutSorting()
    {
        var cutoff = new DateTime(2025, 12, 7, 0, 0, 0, DateTimeKind.Utc);
        var page = await PlanAsync(db => ProgrammeReportQueries.NotEngagedSince(db, cutoff).OrderBy(o => o.LastEngagedUtc).ThenBy(o => o.Name).ThenBy(o => o.Id).Select(o => o.Id).Take(25));
        var count = await PlanAsync(db => ProgrammeReportQueries.NotEngagedSince(db, cutoff).Select(o => o.Id));

        // Not archived and engaged before the cut-off: a seek of both, never every organisation's entry (a scan of the index, then a sort, before).
        foreach (var plan in new[] { page, count })
        {
            Assert.Contains("USING COVERING INDEX IX_Organisations_IsArchived_LastEngagedUtc_Name_Id (IsArchived=? AND LastEngagedUtc<?)", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ActionRegister_KeptCounts_ReadInIndexOrderWithoutTheActions()
    {
        var plan = await PlanAsync(db => db.ActionDueCounts.GroupBy(c => new { c.Status, c.DueDate }).Select(g => new { g.Key.Status, g.Key.DueDate, Count = g.Sum(c => c.Count) }));

        Assert.Contains("IX_ActionDueCounts_Status_DueDate", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("FollowUpActions", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrganisationRecord_Messages_ReadFromTheOrganisationsOwnRecipientRows()
    {
        var plan = await PlanAsync(db => MessageTimelineSource.SentTo(db, 42).OrderByDescending(m => m.SentUtc).ThenByDescending(m => m.Id).Take(26).Select(m => m.Id));

        // The organisation's recipient rows, then each message by key: never every message sent in the programme.
        Assert.Contains("IX_RoundtableMessageRecipients_OrganisationId_MessageId (OrganisationId=?)", plan, StringComparison.Ordinal);
        Assert.Contains("USING INTEGER PRIMARY KEY (rowid=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN ", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlAdoption_ByTag_ReadsTheTagsRowsNotTheDirectory()
    {
        var plan = await PlanAsync(db => ControlAdoptionService.Tagged(db, 3).Select(o => o.Id));

        // The tag's rows by its index, then each organisation by key (archived ones left out there).
        Assert.Contains("IX_OrganisationTags_TagId (TagId=?)", plan, StringComparison.Ordinal);
        Assert.Contains("USING INTEGER PRIMARY KEY (rowid=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN ", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_ByTag_CountsFromTheTagsRowsNotTheDirectory()
    {
        var tagged = new DirectoryQuery(null, null, IncludeArchived: false, TagId: 3);
        var counts = await PlanAsync(db => SupplierDirectoryQueries.Matching(db, tagged).GroupBy(o => o.Type).Select(g => new { g.Key, Count = g.Count() }));
        var contacts = await PlanAsync(db => SupplierDirectoryQueries.Matching(db, tagged).SelectMany(o => o.Contacts).Select(c => c.Id));
        var page = await PlanAsync(db => SupplierDirectoryQueries.Matching(db, tagged).OrderBy(o => o.NormalisedName).Skip(25).Take(25).Select(o => o.Id));

        // The tag's rows by its index, then each organisation (and its contacts) by key: an EXISTS per organisation read
        // every organisation for the counts and every contact for the contact count, on each filtered page.
        foreach (var plan in new[] { counts, contacts, page })
        {
            Assert.True(plan.Contains("IX_OrganisationTags_TagId (TagId=?)", StringComparison.Ordinal), plan);
            Assert.False(plan.Contains("SCAN ", StringComparison.Ordinal), plan);
        }
    }

    [Fact]
    public async Task InviteStep_ByTag_ReadsTheTagsRowsNotTheDirectory()
    {
        var page = await PlanAsync(db => InviteSelectionService.Matching(db, 7, null, 3).OrderBy(o => o.NormalisedName).Skip(100).Take(101).Select(o => o.Id));
        var all = await PlanAsync(db => InviteSelectionService.Matching(db, 7, OrganisationType.ManagedServiceProvider, 3).Select(o => o.Id));
        var invited = await PlanAsync(db => InviteSelectionService.Invited(db, 7, null, 3).OrderBy(o => o.NormalisedName).Take(50).Select(o => o.Name));

        // Step 1's list and "select all" lead with the tag's rows; the invited ones with the roundtable's invitations.
        foreach (var plan in new[] { page, all })
        {
            Assert.True(plan.Contains("IX_OrganisationTags_TagId (TagId=?)", StringComparison.Ordinal), plan);
            Assert.False(plan.Contains("SCAN ", StringComparison.Ordinal), plan);
        }

        Assert.False(invited.Contains("SCAN ", StringComparison.Ordinal), invited);
    }

    [Fact]
    public async Task ControlsHeatmap_ByTag_ReadsTheTagsRowsNotTheDirectory()
    {
        var query = new HeatmapQuery(5, TagId: 3);
        var count = await PlanAsync(db => new ControlReports(db, TimeProvider.System).Organisations(query).Select(o => o.Id));
        var page = await PlanAsync(db => new ControlReports(db, TimeProvider.System).Organisations(query).OrderBy(o => o.NormalisedName).Skip(50).Take(50).Select(o => new { o.Id, o.Name, o.Type }));

        foreach (var plan in new[] { count, page })
        {
            Assert.True(plan.Contains("IX_OrganisationTags_TagId (TagId=?)", StringComparison.Ordinal), plan);
            Assert.False(plan.Contains("SCAN ", StringComparison.Ordinal), plan);
        }
    }
}
