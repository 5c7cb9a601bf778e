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

    public const string AgreeTermsField = "AgreeTerms";

    /// <summary>
    /// Every rule of the delegates step, keyed as the reply form names its fields. A chosen contact's details come from
    /// the organisation's <paramref name="contacts"/>, never from the form: the returned people carry them. Blank blocks
    /// are skipped; at least one person and at most <paramref name="limit"/>, each address once, and the terms agreed.
    /// "Name at least one delegate" is only said when nothing else is wrong (<paramref name="alreadyInvalid"/> included).
    /// </summary>
    public static (List<FieldError> Errors, List<DelegateDraft> People) CheckDelegates(
        IReadOnlyList<DelegateDraft> delegates, IReadOnlyCollection<Contact> contacts, int limit, bool agreedTerms, bool byOrganiser, bool alreadyInvalid)
    {
        ArgumentNullException.ThrowIfNull(delegates);
        ArgumentNullException.ThrowIfNull(contacts);
        var errors = new List<FieldError>();
        var people = new List<DelegateDraft>(delegates.Count);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var named = 0;
        for (var i = 0; i < delegates.Count; i++)
        {
            var person = delegates[i];
            var prefix = $"Delegates[{i}].";
            if (person.ContactId is { } contactId)
            {
                var contact = contacts.SingleOrDefault(c => c.Id == contactId);
                if (contact is null)
                {
                    errors.Add(new(prefix + nameof(DelegateInput.ContactId), $"Select a contact from the list for delegate {i + 1}"));
                    people.Add(person);
                    continue;
                }

                person = person with { FullName = contact.FullName, Email = contact.Email, JobTitle = person.JobTitle ?? contact.JobTitle };
            }

            people.Add(person);
            if (person.IsEmpty)
            {
                continue;
            }

            named++;
            var found = CheckDelegate(i, person.FullName, person.Email, person.JobTitle, person.AccessNeeds, person.DietaryRequirements);
            errors.AddRange(found);
            var emailKey = prefix + nameof(DelegateInput.Email);
            if (found.All(e => e.Field != emailKey) && !emails.Add(Contact.Normalise(person.Email!)))
            {
                errors.Add(new(emailKey, $"Delegate {i + 1} has the same email address as another delegate"));
            }
        }

        var first = $"Delegates[0].{nameof(DelegateInput.FullName)}";
        if (named == 0 && !alreadyInvalid && errors.Count == 0)
        {
            errors.Add(new(first, "Name at least one delegate"));
        }

        if (named > limit)
        {
            errors.Add(new(first, $"Name no more than {Plural.Count(limit, "delegate")}"));
        }

        if (!agreedTerms)
        {
            errors.Add(new(AgreeTermsField, byOrganiser
                ? "Confirm the organisation agreed to the attendance terms"
                : "Confirm your delegates agree to the attendance terms"));
        }

        return (errors, people);
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

/// <summary>One delegate block as a reply form carries it; blank when nothing in it is filled in.</summary>
public sealed record DelegateDraft(int? ContactId, string? FullName, string? Email, string? JobTitle, string? AccessNeeds, string? DietaryRequirements)
{
    public bool IsEmpty => ContactId is null && string.IsNullOrWhiteSpace(FullName) && string.IsNullOrWhiteSpace(Email)
        && string.IsNullOrWhiteSpace(JobTitle) && string.IsNullOrWhiteSpace(AccessNeeds) && string.IsNullOrWhiteSpace(DietaryRequirements);
}
