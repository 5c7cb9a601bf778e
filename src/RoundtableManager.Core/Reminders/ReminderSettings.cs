namespace RoundtableManager.Core.Reminders;

/// <summary>A kind's settings for one roundtable, after defaults. <see cref="ChangedUtc"/> is null while on defaults.</summary>
public sealed record EffectiveReminderSetting(bool Enabled, IReadOnlyList<int> OffsetDays, DateTime? ChangedUtc)
{
    public string OffsetText => ReminderOffsets.Format(OffsetDays);
}

public static class ReminderOffsets
{
    public static string Format(IEnumerable<int> days) => string.Join(", ", days);

    public static string Store(IEnumerable<int> days) => string.Join(',', days.Select(d => d.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads "7, 2" (commas or spaces); the result is distinct and largest first.</summary>
    public static bool TryParse(string? text, out IReadOnlyList<int> days)
    {
        days = [];
        var parts = (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var list = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day < 1 || day > ReminderKind.MaxOffsetDays)
            {
                return false;
            }

            list.Add(day);
        }

        list = [.. list.Distinct().OrderDescending()];
        if (list.Count is 0 or > ReminderKind.MaxOffsets)
        {
            return false;
        }

        days = list;
        return true;
    }

    internal static IReadOnlyList<int> Read(string stored, IReadOnlyList<int> fallback) =>
        TryParse(stored, out var days) ? days : fallback;
}

internal static class ReminderSettingsStore
{
    public static EffectiveReminderSetting Effective(ReminderKind kind, ReminderSetting? row) =>
        row is null
            ? new(kind.EnabledByDefault, kind.DefaultOffsetDays, null)
            : new(row.Enabled, ReminderOffsets.Read(row.OffsetDays, kind.DefaultOffsetDays), row.UpdatedUtc);

    public static async Task<Dictionary<int, EffectiveReminderSetting>> LoadAsync(AppDbContext db, ReminderKind kind, IReadOnlyCollection<int> roundtableIds, CancellationToken cancellationToken)
    {
        var rows = await db.ReminderSettings.AsNoTracking()
            .Where(s => s.Kind == kind.Code && roundtableIds.Contains(s.RoundtableId))
            .ToDictionaryAsync(s => s.RoundtableId, cancellationToken);
        return roundtableIds.Distinct().ToDictionary(id => id, id => Effective(kind, rows.GetValueOrDefault(id)));
    }
}

/// <summary>One reminder worked out from a candidate and an offset: when it is due and its dedupe key.</summary>
internal sealed record PlannedReminder(ReminderCandidate Candidate, int OffsetDays, DateTime DueUtc, DateTime EarliestUtc, string Key)
{
    public static IEnumerable<PlannedReminder> Plan(ReminderKind kind, IEnumerable<ReminderCandidate> candidates, IReadOnlyDictionary<int, EffectiveReminderSetting> settings, RemindersOptions options)
    {
        foreach (var candidate in candidates)
        {
            var setting = settings[candidate.RoundtableId];
            if (!setting.Enabled)
            {
                continue;
            }

            var earliest = setting.ChangedUtc is { } changed && changed > candidate.EarliestUtc ? changed : candidate.EarliestUtc;
            foreach (var offset in setting.OffsetDays)
            {
                var due = kind.OffsetsAfterAnchor ? options.DueAfterUtc(candidate.AnchorUtc, offset) : options.DueUtc(candidate.AnchorUtc, offset);
                yield return new(candidate, offset, due, earliest, KeyFor(kind, offset, candidate));
            }
        }
    }

    /// <summary>(kind, offset, recipient, version of the date): a moved date gives a new key, so the old reminder can never go.</summary>
    public static string KeyFor(ReminderKind kind, int offsetDays, ReminderCandidate candidate) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind.KeyPrefix}:{offsetDays}d:recipient:{candidate.RecipientKey ?? candidate.RecipientId.ToString(CultureInfo.InvariantCulture)}:{kind.AnchorName}:{candidate.AnchorUtc.Ticks}");

    /// <summary>Reminders due before the person was invited or before the settings changed never apply.</summary>
    public bool Applies => DueUtc >= EarliestUtc;
}
