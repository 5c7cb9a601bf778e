using RoundtableManager.Core.Common;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Core.Invitations;

/// <summary>
/// The rules for the text of a reply, keyed as the reply form names its fields ("Delegates[0].FullName"), so the
/// portal, an organiser recording a reply and <see cref="RsvpService"/> refuse the same things. A delegate's name and
/// email go into calendar invitations, so they must stay on one line.
/// </summary>
public static class RsvpRules
{
    public static List<FieldError> CheckDelegate(int index, string? fullName, string? email, string? jobTitle, string? accessNeeds, string? dietaryRequirements)
    {
        var errors = new List<FieldError>();
        var prefix = $"Delegates[{index}].";
        var who = $"of delegate {index + 1}";
        errors.CheckSingleLine(prefix + nameof(DelegateInput.FullName), $"Full name {who}", fullName, Contact.NameMaxLength, $"Enter the full name {who}");
        var address = TextRules.SingleLine(email);
        if (address is not null && !TextRules.IsSingleLine(address))
        {
            errors.Add(new(prefix + nameof(DelegateInput.Email), TextRules.SingleLineMessage($"Email address {who}")));
        }
        else if (address is null || address.Length > Contact.EmailMaxLength || !SupplierRules.IsValidEmail(address))
        {
            errors.Add(new(prefix + nameof(DelegateInput.Email), $"Enter the email address {who} in the correct format, like name@example.com"));
        }

        errors.CheckSingleLine(prefix + nameof(DelegateInput.JobTitle), $"Job title {who}", jobTitle, Contact.NameMaxLength);
        errors.CheckMultiLine(prefix + nameof(DelegateInput.AccessNeeds), $"Access needs {who}", accessNeeds, DelegateEntry.TextMaxLength);
        errors.CheckMultiLine(prefix + nameof(DelegateInput.DietaryRequirements), $"Dietary requirements {who}", dietaryRequirements, DelegateEntry.TextMaxLength);
        return errors;
    }

    public static List<FieldError> CheckDeclineReason(string? reason)
    {
        var errors = new List<FieldError>();
        errors.CheckMultiLine(nameof(RsvpAnswer.DeclineReason), "Reason", reason, DelegateEntry.TextMaxLength);
        return errors;
    }

    /// <summary>Every text rule of an answer: the reason when it is no, each delegate when it is yes.</summary>
    public static List<FieldError> CheckAnswer(RsvpAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var errors = answer.Response == InvitationResponse.Declined ? CheckDeclineReason(answer.DeclineReason) : [];
        if (answer.Response == InvitationResponse.Accepted)
        {
            for (var i = 0; i < answer.Delegates.Count; i++)
            {
                var d = answer.Delegates[i];
                errors.AddRange(CheckDelegate(i, d.FullName, d.Email, d.JobTitle, d.AccessNeeds, d.DietaryRequirements));
            }
        }

        return errors;
    }
}
