namespace RoundtableManager.Core.Agenda;

public enum MinutesChange
{
    NotFound,
    Unchanged,
    Saved,

    /// <summary>The text breaks <see cref="AgendaRules.CheckMinutes"/>; nothing was saved.</summary>
    Invalid,
}

public sealed class MinutesService(AppDbContext db, IAuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<MinutesRevision>> ListRevisionsAsync(int itemId, CancellationToken cancellationToken) =>
        await db.MinutesRevisions.AsNoTracking().Where(r => r.AgendaItemId == itemId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Saves the minutes as a new revision (every revision keeps its full text). Once published, a change is live at
    /// once and shows to readers as revised, so published minutes never change silently.
    /// </summary>
    public async Task<MinutesChange> SaveAsync(int itemId, string text, (string Id, string Name) author, CancellationToken cancellationToken)
    {
        if (AgendaRules.CheckMinutes(text).Count > 0)
        {
            return MinutesChange.Invalid;
        }

        text = TextRules.MultiLine(text)!;
        var item = await db.AgendaItems.SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item is null)
        {
            return MinutesChange.NotFound;
        }

        if (string.Equals(item.Minutes ?? "", text, StringComparison.Ordinal))
        {
            return MinutesChange.Unchanged;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var published = item.MinutesPublishedUtc is not null;
        item.Minutes = text;
        item.UpdatedUtc = now;
        db.MinutesRevisions.Add(new MinutesRevision { AgendaItemId = itemId, Text = text, AuthorUserId = author.Id, AuthorName = author.Name, CreatedUtc = now, AfterPublishing = published });
        if (published)
        {
            item.MinutesRevisedUtc = now;
            audit.Record("Minutes.Revised", $"Revised the published minutes of \"{item.Title}\"", "AgendaItem", Id(itemId));
        }
        else
        {
            audit.Record("Minutes.Drafted", $"Saved draft minutes of \"{item.Title}\"", "AgendaItem", Id(itemId));
        }

        await db.SaveChangesAsync(cancellationToken);
        return MinutesChange.Saved;
    }

    public async Task<MinutesChange> PublishAsync(int itemId, CancellationToken cancellationToken)
    {
        var item = await db.AgendaItems.SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item is null)
        {
            return MinutesChange.NotFound;
        }

        if (item.MinutesPublishedUtc is not null || string.IsNullOrWhiteSpace(item.Minutes))
        {
            return MinutesChange.Unchanged;
        }

        item.MinutesPublishedUtc = time.GetUtcNow().UtcDateTime;
        audit.Record("Minutes.Published", $"Published the minutes of \"{item.Title}\"", "AgendaItem", Id(itemId));
        await db.SaveChangesAsync(cancellationToken);
        return MinutesChange.Saved;
    }

    /// <summary>Records a decision: Done with its id; NotFound when there is no such item; Invalid when the text breaks <see cref="AgendaRules.CheckDecision"/>.</summary>
    public async Task<CommandResult<int>> AddDecisionAsync(int itemId, string? text, string recordedBy, CancellationToken cancellationToken)
    {
        var item = await db.AgendaItems.SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (AgendaRules.CheckDecision(text) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        text = TextRules.MultiLine(text)!;
        var decision = new Decision { AgendaItemId = itemId, Text = text, RecordedBy = recordedBy, RecordedUtc = time.GetUtcNow().UtcDateTime };
        db.Decisions.Add(decision);
        audit.Record("Minutes.DecisionRecorded", $"Recorded a decision on \"{item.Title}\"", "AgendaItem", Id(itemId));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(decision.Id);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
