namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>Which organisations a <see cref="ReplySummary"/> counts: those of one type, those with one tag, or those with none.</summary>
public enum ReplyGroupKind
{
    Type,
    Tag,
    NoTag,
}

/// <summary>
/// Replies from one group of organisations, counted: how many invited, replied, accepted and attended, and how many took
/// each tenth of a day to reply. Not mapped itself: a roundtable's rows (<see cref="ReplySummary"/>) and a month's
/// (<see cref="ReplyMonthSummary"/>) each keep these columns in their own table.
/// </summary>
public abstract class ReplyCounts : Entity
{
    public ReplyGroupKind GroupKind { get; set; }

    /// <summary>The organisation type or the tag's id; 0 for <see cref="ReplyGroupKind.NoTag"/>.</summary>
    public int GroupKey { get; set; }

    public int Invited { get; set; }

    public int Replied { get; set; }

    public int Accepted { get; set; }

    public int Attended { get; set; }

    /// <summary>Days from invitation to first reply, to the nearest tenth, each with how many took that long: "25:2 40:1".</summary>
    public string ReplyTenths { get; set; } = "";
}

/// <summary>
/// One roundtable's replies from one group of organisations, worked out again from its invitations whenever something
/// it counts changes (<see cref="ReportSummaries"/>), so the programme report adds up a few rows per roundtable instead
/// of every invitation of its period.
/// </summary>
public class ReplySummary : ReplyCounts
{
    public int RoundtableId { get; set; }

    public Roundtable Roundtable { get; set; } = null!;
}

/// <summary>
/// The replies to every roundtable (not cancelled) starting in one UK calendar month, from one group of organisations:
/// the sum of those roundtables' <see cref="ReplySummary"/> rows, reply times included (counts per tenth of a day add up
/// exactly, so a median over whole months is the same as over every roundtable). Worked out again whenever one of its
/// roundtables' rows is, or a roundtable moves in or out of the month or is cancelled.
/// </summary>
public class ReplyMonthSummary : ReplyCounts
{
    /// <summary>The month as year * 100 + month (202603 for March 2026), in UK time (<see cref="ReplyMonths"/>).</summary>
    public int Month { get; set; }
}

/// <summary>UK calendar months (Europe/London) as the keys of <see cref="ReplyMonthSummary"/>.</summary>
public static class ReplyMonths
{
    /// <summary>The UK month a roundtable starting at <paramref name="startsUtc"/> belongs to.</summary>
    public static int Of(DateTime startsUtc)
    {
        var uk = UkTime.ToUk(startsUtc);
        return Of(DateOnly.FromDateTime(uk));
    }

    public static int Of(DateOnly day) => day.Year * 100 + day.Month;

    /// <summary>Midnight UK time at the start of the month and at the start of the next, in UTC.</summary>
    public static (DateTime FromUtc, DateTime EndUtc) Range(int month)
    {
        var first = new DateOnly(month / 100, month % 100, 1);
        return (MidnightUtc(first), MidnightUtc(first.AddMonths(1)));
    }

    /// <summary>Midnight UK time at the start of <paramref name="day"/>, in UTC.</summary>
    public static DateTime MidnightUtc(DateOnly day) => UkTime.ToUtc(day.ToDateTime(TimeOnly.MinValue));
}

/// <summary>
/// A roundtable, or an organisation (and so every roundtable it is invited to), whose <see cref="ReplySummary"/> rows
/// are out of date, or a month whose <see cref="ReplyMonthSummary"/> rows are. Written in the same SaveChanges as the change (<see cref="ReportSummaryInterceptor"/>), so no change
/// is ever missed; removed when <see cref="ReportSummaries.RefreshAsync"/> has worked the rows out again.
/// </summary>
public class ReportSummaryRefresh
{
    public long Id { get; set; }

    public int? RoundtableId { get; set; }

    public Roundtable? Roundtable { get; set; }

    public int? OrganisationId { get; set; }

    /// <summary>A UK month (<see cref="ReplyMonths"/>) whose roundtables changed: one moved in or out, was cancelled or deleted.</summary>
    public int? Month { get; set; }
}

internal sealed class ReplySummaryConfiguration : IEntityTypeConfiguration<ReplySummary>
{
    public void Configure(EntityTypeBuilder<ReplySummary> builder)
    {
        builder.HasIndex(s => new { s.RoundtableId, s.GroupKind, s.GroupKey }).IsUnique();
        builder.HasOne(s => s.Roundtable).WithMany().HasForeignKey(s => s.RoundtableId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReplyMonthSummaryConfiguration : IEntityTypeConfiguration<ReplyMonthSummary>
{
    public void Configure(EntityTypeBuilder<ReplyMonthSummary> builder) =>
        builder.HasIndex(s => new { s.Month, s.GroupKind, s.GroupKey }).IsUnique();
}

internal sealed class ReportSummaryRefreshConfiguration : IEntityTypeConfiguration<ReportSummaryRefresh>
{
    public void Configure(EntityTypeBuilder<ReportSummaryRefresh> builder) =>
        builder.HasOne(r => r.Roundtable).WithMany().HasForeignKey(r => r.RoundtableId).OnDelete(DeleteBehavior.Cascade);
}
