namespace RoundtableManager.Web.Feedback;

/// <summary>The words for each usefulness score, on the form, the chart and the table alike.</summary>
public static class UsefulnessScores
{
    private static readonly string[] Words = ["Not useful", "Slightly useful", "Moderately useful", "Very useful", "Extremely useful"];

    public static string Meaning(int score) => Words[score - FeedbackRules.LowestScore];

    public static string Label(int score) => $"{score.ToString(CultureInfo.InvariantCulture)}: {Meaning(score)}";

    public static IReadOnlyList<SelectListItem> Options(string? selected) =>
        [.. Enumerable.Range(FeedbackRules.LowestScore, FeedbackRules.HighestScore).Select(score =>
        {
            var value = score.ToString(CultureInfo.InvariantCulture);
            return new SelectListItem(Label(score), value, value == selected);
        })];
}

/// <summary>The feedback form as typed, so a mistake is shown back exactly as entered.</summary>
public sealed class FeedbackAnswerForm
{
    public string? Usefulness { get; set; }

    public string? WhatShouldChange { get; set; }

    public string? TopicsForNextTime { get; set; }

    public static FeedbackAnswerForm From(FeedbackForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new()
        {
            Usefulness = form.Usefulness?.ToString(CultureInfo.InvariantCulture),
            WhatShouldChange = form.WhatShouldChange,
            TopicsForNextTime = form.TopicsForNextTime,
        };
    }

    /// <summary>A score that is not a whole number from the list reads as none, which Core reports as not chosen.</summary>
    public FeedbackAnswer ToAnswer() =>
        new(int.TryParse(Usefulness, NumberStyles.None, CultureInfo.InvariantCulture, out var score) ? score : null, WhatShouldChange, TopicsForNextTime);
}

public sealed record FeedbackFormPage(FeedbackForm Form, FeedbackAnswerForm Answer);

/// <summary>The closing date typed on the "mark as held" page.</summary>
public sealed class MarkHeldForm
{
    public DateInput ClosesOn { get; set; } = new();

    public DateOnly? Parse(ModelStateDictionary errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (ClosesOn.TryRead("Closing date", out var date, out var error))
        {
            return date;
        }

        errors.AddModelError("Form." + nameof(ClosesOn), error!);
        return null;
    }
}

public sealed record MarkHeldPage(MarkHeldView View, MarkHeldForm Form, string? Refusal);
