namespace RoundtableManager.Core.Reminders;

public sealed record ReminderKindSettings(ReminderKind Kind, EffectiveReminderSetting Setting);

/// <summary>Reminders of one kind due at one time: "RSVP chaser to 4 organisations on ...".</summary>
public sealed record ScheduledReminders(ReminderKind Kind, int OffsetDays, DateTime DueUtc, int Targets, int People, bool DueNow);

public sealed record ReminderHistoryEntry(string KindName, int OffsetDays, DateTime DueUtc, ReminderOutcome Outcome, string? Reason, IReadOnlyList<string> Targets, int People, DateTime RecordedUtc);

public sealed record ReminderOverview(IReadOnlyList<ReminderKindSettings> Settings, IReadOnlyList<ScheduledReminders> Scheduled, IReadOnlyList<ReminderHistoryEntry> History);

/// <summary>A kind's new settings as an organiser entered them (already checked).</summary>
public sealed record ReminderSettingChange(string KindCode, bool Enabled, IReadOnlyList<int> OffsetDays);

public sealed class ReminderService(AppDbContext db, IEnumerable<IReminderSource> sources, IAuditLog audit, IOptions<RemindersOptions> options, TimeProvider time)
{
    public const int HistoryLimit = 100;

    public IReadOnlyList<ReminderKind> Kinds => [.. sources.Select(s => s.Kind)];

    public async Task<IReadOnlyList<ReminderKindSettings>> SettingsAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var rows = await db.ReminderSettings.AsNoTracking().Where(s => s.RoundtableId == roundtableId).ToListAsync(cancellationToken);
        return [.. Kinds.Select(k => new ReminderKindSettings(k, ReminderSettingsStore.Effective(k, rows.SingleOrDefault(r => r.Kind == k.Code))))];
    }

    /// <summary>The settings, what the sweep will send next given today's facts, and what it has sent, skipped or missed.</summary>
    public async Task<ReminderOverview> OverviewAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = await SettingsAsync(roundtableId, cancellationToken);
        var settled = await db.ReminderLogs.AsNoTracking().Where(l => l.RoundtableId == roundtableId).Select(l => l.DedupeKey).ToListAsync(cancellationToken);
        var settledKeys = settled.ToHashSet(StringComparer.Ordinal);
        var scheduled = new List<ScheduledReminders>();
        foreach (var source in sources)
        {
            var candidates = await source.FindAsync(ReminderQuery.Pending(source.Kind, now, roundtableId), cancellationToken);
            var setting = settings.Single(s => s.Kind == source.Kind).Setting;
            var pending = PlannedReminder.Plan(source.Kind, candidates, new Dictionary<int, EffectiveReminderSetting> { [roundtableId] = setting }, options.Value)
                .Where(p => p.Applies && !settledKeys.Contains(p.Key) && now - p.DueUtc <= options.Value.MissedAfter);
            scheduled.AddRange(pending.GroupBy(p => (p.OffsetDays, p.DueUtc))
                .Select(g => new ScheduledReminders(source.Kind, g.Key.OffsetDays, g.Key.DueUtc,
                    g.Select(p => p.Candidate.TargetId).Distinct().Count(), g.Count(), g.Key.DueUtc <= now)));
        }

        var names = Kinds.ToDictionary(k => k.Code, k => k.Name);
        var logs = await db.ReminderLogs.AsNoTracking().Where(l => l.RoundtableId == roundtableId)
            .OrderByDescending(l => l.Id).Take(HistoryLimit * 10)
            .Select(l => new { l.Kind, l.OffsetDays, l.DueUtc, l.Outcome, l.Reason, l.TargetName, l.RecordedUtc })
            .ToListAsync(cancellationToken);
        var history = logs.GroupBy(l => (l.Kind, l.OffsetDays, l.DueUtc, l.Outcome, l.Reason))
            .Select(g => new ReminderHistoryEntry(names.GetValueOrDefault(g.Key.Kind, g.Key.Kind), g.Key.OffsetDays, g.Key.DueUtc, g.Key.Outcome, g.Key.Reason,
                [.. g.Select(l => l.TargetName).Distinct(StringComparer.Ordinal).Order(StringComparer.CurrentCulture)], g.Count(), g.Max(l => l.RecordedUtc)))
            .OrderByDescending(h => h.DueUtc).ThenBy(h => h.KindName, StringComparer.Ordinal)
            .Take(HistoryLimit)
            .ToList();
        return new(settings, [.. scheduled.OrderBy(s => s.DueUtc).ThenBy(s => s.Kind.Name, StringComparer.Ordinal)], history);
    }

    /// <summary>
    /// Saves the kinds whose settings changed, with an audit event. A changed kind's reminders that were already due
    /// are not sent or logged: a new setting only reaches forward. Unchanged when every kind's setting stays as it was.
    /// </summary>
    public async Task<CommandResult> UpdateSettingsAsync(int roundtableId, IReadOnlyList<ReminderSettingChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.ReminderSettings.Where(s => s.RoundtableId == roundtableId).ToListAsync(cancellationToken);
        var summary = new List<string>();
        foreach (var kind in Kinds)
        {
            var change = changes.SingleOrDefault(c => c.KindCode == kind.Code);
            var row = rows.SingleOrDefault(r => r.Kind == kind.Code);
            var current = ReminderSettingsStore.Effective(kind, row);
            if (change is null || (change.Enabled == current.Enabled && change.OffsetDays.SequenceEqual(current.OffsetDays)))
            {
                continue;
            }

            if (row is null)
            {
                row = new ReminderSetting { RoundtableId = roundtableId, Kind = kind.Code };
                db.ReminderSettings.Add(row);
            }

            row.Enabled = change.Enabled;
            row.OffsetDays = ReminderOffsets.Store(change.OffsetDays);
            row.UpdatedUtc = now;
            summary.Add(change.Enabled
                ? $"{Plural.Of(kind.Name)} on, {ReminderOffsets.Format(change.OffsetDays)} {kind.OffsetMeaning}"
                : $"{Plural.Of(kind.Name)} off");
        }

        if (summary.Count == 0)
        {
            return CommandResult.Unchanged();
        }

        audit.Record("Reminders.SettingsChanged", $"Reminder settings for roundtable {roundtableId}: " + string.Join("; ", summary), "Roundtable", roundtableId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done();
    }
}
