namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>Which organisations a <see cref="ReplySummary"/> counts: those of one type, those with one tag, or those with none.</summary>
public enum ReplyGroupKind
{
    Type,
    Tag,
    NoTag,
}

/// <summary>
/// One roundtable's replies from one group of organisations, worked out again from its invitations whenever something
/// it counts changes (<see cref="ReportSummaries"/>), so the programme report adds up a few rows per roundtable instead
/// of every invitation of its period.
/// </summary>
public class ReplySummary
{
    public int Id { get; set; }

    public int RoundtableId { get; set; }

    public Roundtable Roundtable { get; set; } = null!;

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
/// A roundtable, or an organisation (and so every roundtable it is invited to), whose <see cref="ReplySummary"/> rows
/// are out of date. Written in the same SaveChanges as the change (<see cref="ReportSummaryInterceptor"/>), so no change
/// is ever missed; removed when <see cref="ReportSummaries.RefreshAsync"/> has worked the rows out again.
/// </summary>
public class ReportSummaryRefresh
{
    public long Id { get; set; }

    public int? RoundtableId { get; set; }

    public Roundtable? Roundtable { get; set; }

    public int? OrganisationId { get; set; }
}

internal sealed class ReplySummaryConfiguration : IEntityTypeConfiguration<ReplySummary>
{
    public void Configure(EntityTypeBuilder<ReplySummary> builder)
    {
        builder.HasIndex(s => new { s.RoundtableId, s.GroupKind, s.GroupKey }).IsUnique();
        builder.HasOne(s => s.Roundtable).WithMany().HasForeignKey(s => s.RoundtableId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportSummaryRefreshConfiguration : IEntityTypeConfiguration<ReportSummaryRefresh>
{
    public void Configure(EntityTypeBuilder<ReportSummaryRefresh> builder) =>
        builder.HasOne(r => r.Roundtable).WithMany().HasForeignKey(r => r.RoundtableId).OnDelete(DeleteBehavior.Cascade);
}
