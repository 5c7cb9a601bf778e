namespace RoundtableManager.Core.Agenda;

/// <summary>The rules for agenda items, references, minutes and proposals, keyed by the forms' field names; the services enforce them.</summary>
public static class AgendaRules
{
    public const int MaxDurationMinutes = 8 * 60;

    /// <summary>
    /// An item's text (a title, which a break may leave empty; a lead and clause references on one line; a description),
    /// its lead (a staff member or a supplier delegate with their organisation, not both) and its duration.
    /// <paramref name="durationMinutes"/> null: not entered or not a number, which the form reports itself.
    /// </summary>
    public static List<FieldError> CheckItem(
        AgendaItemKind kind,
        string? title,
        string? description,
        string? leadUserId,
        string? leadName,
        string? leadOrganisation,
        string? contractClauses,
        int? durationMinutes)
    {
        var errors = new List<FieldError>();
        errors.CheckSingleLine(nameof(AgendaItemDetails.Title), "Title", title, AgendaItem.TitleMaxLength, kind == AgendaItemKind.Break ? null : "Enter the title");
        errors.CheckMultiLine(nameof(AgendaItemDetails.Description), "Description", description, AgendaItem.DescriptionMaxLength);
        errors.CheckSingleLine(nameof(AgendaItemDetails.LeadName), "Name", leadName, AgendaItem.NameMaxLength);
        errors.CheckSingleLine(nameof(AgendaItemDetails.LeadOrganisation), "Organisation", leadOrganisation, AgendaItem.NameMaxLength);
        errors.CheckSingleLine(nameof(AgendaItemDetails.ContractClauses), "Contract clause references", contractClauses, AgendaItem.ClausesMaxLength);
        CheckLead(errors, Clean(leadUserId), Clean(leadName), Clean(leadOrganisation));
        if (durationMinutes is < 1 or > MaxDurationMinutes)
        {
            errors.Add(new("Duration", $"Duration must be between 1 and {MaxDurationMinutes} minutes"));
        }

        return errors;
    }

    public static List<FieldError> CheckItem(AgendaItemDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return CheckItem(details.Kind, details.Title, details.Description, details.LeadUserId, details.LeadName, details.LeadOrganisation,
            details.ContractClauses, details.DurationMinutes);
    }

    /// <summary>A blank value counts as not given.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A staff lead or a supplier delegate (name and organisation), not both; one message per field at most.</summary>
    private static void CheckLead(List<FieldError> errors, string? leadUser, string? leadName, string? leadOrganisation)
    {
        void AddUnlessAlready(string field, string message)
        {
            if (!errors.Any(e => e.Field == field))
            {
                errors.Add(new(field, message));
            }
        }

        if (leadUser is not null && leadName is not null)
        {
            AddUnlessAlready(nameof(AgendaItemDetails.LeadName), "Choose a staff member or enter a supplier delegate, not both");
        }
        else if (leadName is null && leadOrganisation is not null)
        {
            AddUnlessAlready(nameof(AgendaItemDetails.LeadName), "Enter the supplier delegate's name");
        }
        else if (leadName is not null && leadOrganisation is null)
        {
            AddUnlessAlready(nameof(AgendaItemDetails.LeadOrganisation), "Enter the supplier delegate's organisation");
        }
    }

    public static List<FieldError> CheckReference(string? code, string? title)
    {
        var errors = new List<FieldError>();
        errors.CheckSingleLine(nameof(Reference.Code), "Code", code, Reference.CodeMaxLength);
        errors.CheckSingleLine(nameof(Reference.Title), "Title", title, Reference.TitleMaxLength, "Enter the title");
        return errors;
    }

    public static List<FieldError> CheckMinutes(string? minutes) =>
        MultiLine("Minutes", "Minutes", minutes, AgendaItem.MinutesMaxLength, "Enter the minutes");

    public static List<FieldError> CheckDecision(string? decision) =>
        MultiLine("Decision", "Decision", decision, Decision.TextMaxLength, "Enter the decision");

    public static List<FieldError> CheckProposal(string? text) =>
        MultiLine("Text", "Your topic or question", text, Proposal.TextMaxLength, "Enter your topic or question");

    public static List<FieldError> CheckDeclineReason(string? reason) =>
        MultiLine("Reason", "Reason", reason, Proposal.ReasonMaxLength, "Enter the reason the supplier will see");

    /// <summary>The rule of a form with one multi-line field: required, clean, and within its length.</summary>
    private static List<FieldError> MultiLine(string field, string label, string? value, int maxLength, string required)
    {
        var errors = new List<FieldError>();
        errors.CheckMultiLine(field, label, value, maxLength, required);
        return errors;
    }
}
