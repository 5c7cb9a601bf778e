using Microsoft.AspNetCore.Mvc.TagHelpers;

namespace RoundtableManager.Web.Infrastructure.TagHelpers;

/// <summary>
/// <c>&lt;govuk-tag status="@action.Status" /&gt;</c>: a GOV.UK tag for any state Core returns, in the one place that
/// chooses its colour (Core says what state something is in, never how it looks). Other attributes (a class, a data-
/// attribute) are kept.
/// </summary>
[HtmlTargetElement("govuk-tag", Attributes = "status", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkTagTagHelper : TagHelper
{
    public object? Status { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (text, colour) = Describe(Status);
        output.TagName = "strong";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("govuk-tag", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.AddClass("govuk-tag--" + colour, System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Content.SetContent(text);
    }

    /// <summary>What the tag says and its GOV.UK colour (the suffix of govuk-tag--).</summary>
    public static (string Text, string Colour) Describe(object? status) => status switch
    {
        ActionStatus s => (s.DisplayName(), s switch
        {
            ActionStatus.Open => "blue",
            ActionStatus.InProgress => "light-blue",
            ActionStatus.Blocked => "orange",
            ActionStatus.AwaitingConfirmation => "yellow",
            ActionStatus.Done => "green",
            _ => "grey",
        }),
        InvitationState s => (s.DisplayName(), s switch
        {
            InvitationState.Queued => "grey",
            InvitationState.Sent => "blue",
            InvitationState.Failed => "red",
            InvitationState.LinkOpened => "turquoise",
            InvitationState.Responded => "green",
            InvitationState.Revoked => "orange",
            _ => "yellow",
        }),
        ProposalStatus s => (s.DisplayName(), s switch
        {
            ProposalStatus.Submitted => "blue",
            ProposalStatus.Accepted => "green",
            ProposalStatus.Merged => "grey",
            _ => "red",
        }),
        ControlStatus s => (s.DisplayName(), s switch
        {
            ControlStatus.InPlace => "green",
            ControlStatus.PartlyInPlace => "yellow",
            ControlStatus.NotApplicable => "grey",
            _ => "red",
        }),
        ControlVerification v => (v.DisplayName(), v switch
        {
            ControlVerification.Verified => "turquoise",
            ControlVerification.Returned => "orange",
            _ => "grey",
        }),
        TlpMarking m => (m.Label(), m switch
        {
            TlpMarking.Clear => "grey",
            TlpMarking.Green => "green",
            TlpMarking.Amber or TlpMarking.AmberStrict => "orange",
            _ => "red",
        }),
        RoundtableStatus s => s switch
        {
            RoundtableStatus.Draft => ("Draft", "grey"),
            RoundtableStatus.OpenForResponses => ("Open for responses", "green"),
            RoundtableStatus.Closed => ("Closed", "yellow"),
            RoundtableStatus.Held => ("Held", "blue"),
            _ => ("Cancelled", "red"),
        },
        OutboxStatus s => s switch
        {
            OutboxStatus.Queued => ("Queued", "grey"),
            OutboxStatus.Sending => ("Sending", "light-blue"),
            OutboxStatus.Sent => ("Sent", "green"),
            OutboxStatus.Failed => ("Failed", "red"),
            _ => ("Cancelled", "orange"),
        },
        ImportRowStatus s => s switch
        {
            ImportRowStatus.NewOrganisation => ("New organisation", "green"),
            ImportRowStatus.NewContact => ("New contact", "turquoise"),
            ImportRowStatus.Update => ("Update", "blue"),
            ImportRowStatus.Unchanged => ("Unchanged", "grey"),
            _ => ("Error", "red"),
        },
        ReminderOutcome s => (s.ToString(), s switch
        {
            ReminderOutcome.Sent => "green",
            ReminderOutcome.Missed => "red",
            _ => "grey",
        }),
        _ => throw new ArgumentException($"No GOV.UK tag is defined for {status?.GetType().Name ?? "null"}.", nameof(status)),
    };
}
