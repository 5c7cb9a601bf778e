using RoundtableManager.Core.Common;

namespace RoundtableManager.Core.Agenda;

/// <summary>The rules for agenda text, keyed by the forms' field names, so the forms and the services apply the same ones.</summary>
public static class AgendaRules
{
    /// <summary>An item's text: a title (a break may leave it empty), a lead and clause references on one line, a description.</summary>
    public static List<FieldError> CheckItem(AgendaItemKind kind, string? title, string? description, string? leadName, string? leadOrganisation, string? contractClauses)
    {
        var errors = new List<FieldError>();
        errors.CheckSingleLine(nameof(AgendaItemDetails.Title), "Title", title, AgendaItem.TitleMaxLength, kind == AgendaItemKind.Break ? null : "Enter the title");
        errors.CheckMultiLine(nameof(AgendaItemDetails.Description), "Description", description, AgendaItem.DescriptionMaxLength);
        errors.CheckSingleLine(nameof(AgendaItemDetails.LeadName), "Name", leadName, AgendaItem.NameMaxLength);
        errors.CheckSingleLine(nameof(AgendaItemDetails.LeadOrganisation), "Organisation", leadOrganisation, AgendaItem.NameMaxLength);
        errors.CheckSingleLine(nameof(AgendaItemDetails.ContractClauses), "Contract clause references", contractClauses, AgendaItem.ClausesMaxLength);
        return errors;
    }

    public static List<FieldError> CheckReference(string? code, string? title)
    {
        var errors = new List<FieldError>();
        errors.CheckSingleLine(nameof(Reference.Code), "Code", code, Reference.CodeMaxLength);
        errors.CheckSingleLine(nameof(Reference.Title), "Title", title, Reference.TitleMaxLength, "Enter the title");
        return errors;
    }

    public static List<FieldError> CheckMinutes(string? minutes)
    {
        var errors = new List<FieldError>();
        errors.CheckMultiLine("Minutes", "Minutes", minutes, AgendaItem.MinutesMaxLength, "Enter the minutes");
        return errors;
    }

    public static List<FieldError> CheckDecision(string? decision)
    {
        var errors = new List<FieldError>();
        errors.CheckMultiLine("Decision", "Decision", decision, Decision.TextMaxLength, "Enter the decision");
        return errors;
    }

    public static List<FieldError> CheckProposal(string? text)
    {
        var errors = new List<FieldError>();
        errors.CheckMultiLine("Text", "Your topic or question", text, Proposal.TextMaxLength, "Enter your topic or question");
        return errors;
    }

    public static List<FieldError> CheckDeclineReason(string? reason)
    {
        var errors = new List<FieldError>();
        errors.CheckMultiLine("Reason", "Reason", reason, Proposal.ReasonMaxLength, "Enter the reason the supplier will see");
        return errors;
    }
}
