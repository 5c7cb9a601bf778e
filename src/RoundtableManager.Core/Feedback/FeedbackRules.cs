namespace RoundtableManager.Core.Feedback;

/// <summary>What a feedback answer and a closing date must be, wherever they come from. Errors are keyed by the forms' field names.</summary>
public static class FeedbackRules
{
    public const int DefaultDaysOpen = 14;
    public const int MaxDaysOpen = 90;
    public const int LowestScore = 1;
    public const int HighestScore = 5;

    public const string ClosesOnField = "ClosesOn";
    public const string UsefulnessField = "Usefulness";
    public const string WhatShouldChangeField = "WhatShouldChange";
    public const string TopicsField = "TopicsForNextTime";

    /// <summary>The closing date offered when a roundtable is marked held: <see cref="DefaultDaysOpen"/> days on, UK date.</summary>
    public static DateOnly DefaultClosingDate(DateTime nowUtc) => DateOnly.FromDateTime(UkTime.ToUk(nowUtc)).AddDays(DefaultDaysOpen);

    /// <summary>Links work until the end of the closing date, UK time.</summary>
    public static DateTime ClosesUtc(DateOnly closesOn) => UkTime.ToUtc(closesOn.AddDays(1).ToDateTime(TimeOnly.MinValue));

    /// <summary>The UK date on which feedback closing at <paramref name="closesUtc"/> ends.</summary>
    public static DateOnly ClosingDate(DateTime closesUtc) => DateOnly.FromDateTime(UkTime.ToUk(closesUtc.AddTicks(-1)));

    /// <summary>"11:59pm on 20 December 2026", how pages and emails say when feedback closes.</summary>
    public static string FormatClosing(DateTime closesUtc) => $"11:59pm on {UkTime.FormatDate(closesUtc.AddTicks(-1))}";

    public static List<FieldError> CheckClosingDate(DateOnly closesOn, DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(UkTime.ToUk(nowUtc));
        var errors = new List<FieldError>();
        if (closesOn < today)
        {
            errors.Add(new(ClosesOnField, "The closing date must be today or in the future"));
        }
        else if (closesOn > today.AddDays(MaxDaysOpen))
        {
            errors.Add(new(ClosesOnField, $"The closing date must be within {MaxDaysOpen} days of today"));
        }

        return errors;
    }

    /// <summary>Checks an answer; returns the comments cleaned (line breaks as LF, empty as null).</summary>
    public static (List<FieldError> Errors, string? WhatShouldChange, string? Topics) CheckAnswer(FeedbackAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var errors = new List<FieldError>();
        if (answer.Usefulness is not (>= LowestScore and <= HighestScore))
        {
            errors.Add(new(UsefulnessField, "Select how useful the roundtable was to you"));
        }

        var change = errors.CheckMultiLine(WhatShouldChangeField, "What should change", answer.WhatShouldChange, FeedbackRequest.CommentMaxLength);
        var topics = errors.CheckMultiLine(TopicsField, "Topics for next time", answer.TopicsForNextTime, FeedbackRequest.CommentMaxLength);
        return (errors, change, topics);
    }
}

/// <summary>One person's answer as given on the form.</summary>
public sealed record FeedbackAnswer(int? Usefulness, string? WhatShouldChange, string? TopicsForNextTime);
