namespace RoundtableManager.Core.Identity;

/// <summary>The rules for the name and email address of an account, for every way an account is made.</summary>
public static class AccountRules
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;

    public static List<FieldError> CheckName(string? name, string field = "Name", string required = "Enter the person’s full name")
    {
        var errors = new List<FieldError>();
        errors.CheckSingleLine(field, "Full name", name, NameMaxLength, required);
        return errors;
    }

    public static List<FieldError> CheckEmail(string? email, string field = "Email", string example = "name@example.gov.uk")
    {
        var errors = new List<FieldError>();
        var address = errors.CheckSingleLine(field, "Email address", email, EmailMaxLength, "Enter the person’s email address");
        if (errors.Count == 0 && !SupplierRules.IsValidEmail(address!))
        {
            errors.Add(new(field, $"Enter an email address in the correct format, like {example}"));
        }

        return errors;
    }
}
