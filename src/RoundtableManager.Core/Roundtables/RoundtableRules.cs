namespace RoundtableManager.Core.Roundtables;

/// <summary>
/// What makes a roundtable's details acceptable, wherever they come from. Errors are keyed by the roundtable form's
/// field names. Each rule is checked only when the values it needs are known, so a form whose dates did not parse can
/// still show every other problem at once.
/// </summary>
public static class RoundtableRules
{
    public const int MaxSeats = 10_000;

    /// <summary>Form field names the rules report against (the dates and times are entered in parts).</summary>
    public const string EndTimeField = "EndTime";
    public const string RsvpDeadlineField = "RsvpDeadlineDate";

    /// <summary>
    /// The rules for a roundtable's text: a title on one line, multi-line text without stray control characters, the
    /// lengths, and a venue or joining details.
    /// </summary>
    public static List<FieldError> CheckText(string? title, string? description, string? venueAddress, string? onlineJoiningDetails)
    {
        var errors = new List<FieldError>();
        errors.CheckSingleLine(nameof(RoundtableDetails.Title), "Title", title, Roundtable.TitleMaxLength, "Enter the title");
        errors.CheckMultiLine(nameof(RoundtableDetails.Description), "Description", description, Roundtable.DescriptionMaxLength);
        var venue = errors.CheckMultiLine(nameof(RoundtableDetails.VenueAddress), "Venue address", venueAddress, Roundtable.VenueMaxLength);
        var joining = errors.CheckMultiLine(nameof(RoundtableDetails.OnlineJoiningDetails), "Online joining details", onlineJoiningDetails, Roundtable.JoiningDetailsMaxLength);
        if (venue is null && joining is null)
        {
            errors.Add(new(nameof(RoundtableDetails.VenueAddress), "Enter a venue address or online joining details"));
        }

        return errors;
    }

    public static List<FieldError> Check(RoundtableDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return Check(details.Title, details.Description, details.VenueAddress, details.OnlineJoiningDetails, details.StartsUtc, details.EndsUtc,
            details.Capacity, details.DelegatesPerOrganisation, details.RsvpDeadlineUtc);
    }

    /// <summary>Every rule whose values are known (null: not entered or not understood, which the form reports itself).</summary>
    public static List<FieldError> Check(
        string? title,
        string? description,
        string? venueAddress,
        string? onlineJoiningDetails,
        DateTime? startsUtc,
        DateTime? endsUtc,
        int? capacity,
        int? delegatesPerOrganisation,
        DateTime? rsvpDeadlineUtc)
    {
        var errors = CheckText(title, description, venueAddress, onlineJoiningDetails);
        if (startsUtc is not null && endsUtc is not null && endsUtc <= startsUtc)
        {
            errors.Add(new(EndTimeField, "End time must be after the start time"));
        }

        var seats = CheckSeats(errors, nameof(RoundtableDetails.Capacity), "Number of seats", capacity);
        var delegates = CheckSeats(errors, nameof(RoundtableDetails.DelegatesPerOrganisation), "Delegates per organisation", delegatesPerOrganisation);
        if (seats is not null && delegates is not null && delegates > seats)
        {
            errors.Add(new(nameof(RoundtableDetails.DelegatesPerOrganisation), "Delegates per organisation must not be more than the number of seats"));
        }

        if (startsUtc is not null && rsvpDeadlineUtc is not null && rsvpDeadlineUtc >= startsUtc)
        {
            errors.Add(new(RsvpDeadlineField, "The reply-by date must be before the roundtable starts"));
        }

        return errors;
    }

    private static int? CheckSeats(List<FieldError> errors, string field, string label, int? value)
    {
        if (value < 1)
        {
            errors.Add(new(field, $"{label} must be 1 or more"));
            return null;
        }

        if (value > MaxSeats)
        {
            errors.Add(new(field, $"{label} must be {MaxSeats.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} or fewer"));
            return null;
        }

        return value;
    }
}
