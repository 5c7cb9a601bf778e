namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>The programme report's tables, shared by its page and its CSV and XLSX downloads so the three always agree.</summary>
public static class ProgrammeReportTables
{
    public static ReportTable ByType(ProgrammeReplies replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        return Replies("Replies by organisation type", "Organisation type", [.. replies.ByType, replies.Total]);
    }

    public static ReportTable ByTag(ProgrammeReplies replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        return Replies("Replies by tag", "Tag", replies.ByTag);
    }

    public static ReportTable ActionsByCategory(ProgrammeActions actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return Actions("Follow-up actions by agenda category", "Category", [.. actions.ByCategory, actions.Total]);
    }

    public static ReportTable ActionsByOrganisation(ProgrammeActions actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return Actions("Follow-up actions by owner", "Owner", actions.ByOrganisation);
    }

    public static ReportTable Feedback(ProgrammeFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return new ReportTable(
            "Feedback after roundtables",
            [
                new("Roundtable"), new("Date", CellKind.Date), new("Links sent", CellKind.Number), new("Answered", CellKind.Number),
                new("Answered of sent", CellKind.Percent, "None sent"), new("Average usefulness (1 to 5)", CellKind.Number, "No answers"),
            ],
            feedback.ByRoundtable.Append(feedback.Total).Select(r => (IReadOnlyList<TableCell>)
                [r.Group, TableCell.Of(r.Date), r.LinksSent, r.Answered, TableCell.Percent(r.Answered, r.LinksSent), TableCell.Of(r.AverageUsefulness, 1)]));
    }

    public static ReportTable NotEngaged(NotEngagedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new ReportTable(
            $"Organisations not engaged for {Plural.Count(page.Months, "month")}",
            [
                new("Organisation"), new("Type"), new("Last invited", CellKind.Date, "Never"), new("Last reply", CellKind.Date, "Never"), new("Last attended", CellKind.Date, "Never"),
                new("Last interaction", CellKind.Date, "Never")],
            page.Organisations.Select(o => (IReadOnlyList<TableCell>)
                [o.Name, o.Type.DisplayName(), UkDate(o.LastInvitedUtc), UkDate(o.LastReplyUtc), UkDate(o.LastAttendedUtc), UkDate(o.LastInteractionUtc)]));
    }

    private static ReportTable Replies(string caption, string group, IReadOnlyList<ReplyFigures> rows) => new(
        caption,
        [
            new(group), new("Invited", CellKind.Number), new("Replied", CellKind.Number), new("Accepted", CellKind.Number), new("Attended", CellKind.Number),
            new("Attended of accepted", CellKind.Percent, "None accepted"), new("Median days to reply", CellKind.Number, "No replies"),
        ],
        rows.Select(r => (IReadOnlyList<TableCell>)[r.Group, r.Invited, r.Replied, r.Accepted, r.Attended, TableCell.Percent(r.Attended, r.Accepted), TableCell.Of(r.MedianDaysToReply, 1)]));

    private static ReportTable Actions(string caption, string group, IReadOnlyList<ActionFigures> rows) => new(
        caption,
        [new(group), new("Opened", CellKind.Number), new("Done", CellKind.Number), new("Overdue", CellKind.Number), new("Median days to close", CellKind.Number, "None done")],
        rows.Select(r => (IReadOnlyList<TableCell>)[r.Group, r.Opened, r.Done, r.Overdue, TableCell.Of(r.MedianDaysToClose, 1)]));

    private static TableCell UkDate(DateTime? utc) => TableCell.Of(utc is { } t ? DateOnly.FromDateTime(UkTime.ToUk(t)) : null);
}
