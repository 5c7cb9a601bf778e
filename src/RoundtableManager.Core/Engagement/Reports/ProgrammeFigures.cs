namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>Invitations of one group (an organisation type, a tag, or all): counted per organisation invited to a roundtable.</summary>
public sealed record ReplyFigures(string Group, int Invited, int Replied, int Accepted, int Attended, double? MedianDaysToReply);

/// <summary>Follow-up actions of one group (an owner, a category, or all) opened in the period, as they stand today.</summary>
public sealed record ActionFigures(string Group, int Opened, int Done, int Overdue, double? MedianDaysToClose);

/// <summary>Feedback after one roundtable (or all): personal links sent (not withdrawn), answers and the mean usefulness score.</summary>
public sealed record FeedbackFigures(string Group, DateOnly? Date, int LinksSent, int Answered, double? AverageUsefulness);

public sealed record ProgrammeFeedback(FeedbackFigures Total, IReadOnlyList<FeedbackFigures> ByRoundtable);

public sealed record ProgrammeReplies(ReplyFigures Total, IReadOnlyList<ReplyFigures> ByType, IReadOnlyList<ReplyFigures> ByTag);

public sealed record ProgrammeActions(ActionFigures Total, IReadOnlyList<ActionFigures> ByCategory, IReadOnlyList<ActionFigures> ByOrganisation, int OrganisationCount);

/// <summary>An organisation that has not replied to an invitation, had a delegate check in, nor had an interaction logged since the cut-off.</summary>
public sealed record NotEngagedOrganisation(
    int Id, string Name, OrganisationType Type, DateTime? LastInvitedUtc, DateTime? LastReplyUtc, DateTime? LastAttendedUtc, DateTime? LastInteractionUtc);

public sealed record NotEngagedPage(int Months, DateOnly Since, int Total, IReadOnlyList<NotEngagedOrganisation> Organisations);
