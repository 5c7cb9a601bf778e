using Microsoft.EntityFrameworkCore;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Invitations;

namespace RoundtableManager.Core.Roundtables;

/// <summary>What an organiser enters for a roundtable, already checked by the form (UTC times).</summary>
public sealed record RoundtableDetails(
    string Title,
    string? Description,
    DateTime StartsUtc,
    DateTime EndsUtc,
    string? VenueAddress,
    string? OnlineJoiningDetails,
    int Capacity,
    int DelegatesPerOrganisation,
    DateTime RsvpDeadlineUtc,
    RoundtableStatus Status);

public enum RoundtableChange
{
    NotFound,
    Cancelled,
    Saved,

    /// <summary>Some text breaks <see cref="TextRules"/>: see the result's errors. Nothing was saved.</summary>
    Invalid,
}

public sealed record RoundtableChangeResult(RoundtableChange Outcome, int EmailsQueued = 0, int Id = 0, IReadOnlyList<FieldError>? Errors = null);

public sealed class RoundtableService(AppDbContext db, InvitationService invitations, TimeProvider time)
{
    /// <summary>
    /// The rules for a roundtable's text, keyed by the form's field names (the form shows them beside its own date and
    /// number checks): a title on one line, multi-line text without stray control characters, the lengths, and a venue
    /// or joining details.
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

    public async Task<RoundtableChangeResult> CreateAsync(RoundtableDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (Invalid(details) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var roundtable = new Roundtable { CreatedUtc = now };
        Apply(roundtable, details, now);
        db.Roundtables.Add(roundtable);
        await db.SaveChangesAsync(cancellationToken);
        return new(RoundtableChange.Saved, Id: roundtable.Id);
    }

    /// <summary>
    /// Saves the changes. A new start, end or venue raises the calendar SEQUENCE and, while the roundtable is open,
    /// queues an updated calendar entry to everyone currently invited (while open or closed for replies), in the same transaction.
    /// </summary>
    public async Task<RoundtableChangeResult> UpdateAsync(int id, RoundtableDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var roundtable = await db.Roundtables.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (roundtable is null)
        {
            return new(RoundtableChange.NotFound);
        }

        if (roundtable.Status == RoundtableStatus.Cancelled)
        {
            return new(RoundtableChange.Cancelled);
        }

        if (Invalid(details) is { } invalid)
        {
            return invalid;
        }

        var calendarChanged = roundtable.StartsUtc != details.StartsUtc || roundtable.EndsUtc != details.EndsUtc
            || !string.Equals(roundtable.VenueAddress, TextRules.MultiLine(details.VenueAddress), StringComparison.Ordinal);
        Apply(roundtable, details, time.GetUtcNow().UtcDateTime);
        var queued = 0;
        if (calendarChanged)
        {
            roundtable.CalendarSequence++;
            // Closed means closed for replies: the people invited still need their calendars moved.
            if (roundtable.Status is RoundtableStatus.OpenForResponses or RoundtableStatus.Closed)
            {
                queued = await invitations.QueueCalendarChangeAsync(roundtable, InvitationCalendar.Request, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(RoundtableChange.Saved, queued);
    }

    /// <summary>Cancels the roundtable and queues a calendar cancellation to everyone currently invited.</summary>
    public async Task<RoundtableChangeResult> CancelAsync(int id, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (roundtable is null)
        {
            return new(RoundtableChange.NotFound);
        }

        if (roundtable.Status == RoundtableStatus.Cancelled)
        {
            return new(RoundtableChange.Cancelled);
        }

        roundtable.Status = RoundtableStatus.Cancelled;
        roundtable.CalendarSequence++;
        roundtable.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        var queued = await invitations.QueueCalendarChangeAsync(roundtable, InvitationCalendar.Cancel, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new(RoundtableChange.Saved, queued);
    }

    private static RoundtableChangeResult? Invalid(RoundtableDetails details)
    {
        var errors = CheckText(details.Title, details.Description, details.VenueAddress, details.OnlineJoiningDetails);
        return errors.Count == 0 ? null : new(RoundtableChange.Invalid, Errors: errors);
    }

    private static void Apply(Roundtable roundtable, RoundtableDetails details, DateTime now)
    {
        roundtable.Title = TextRules.SingleLine(details.Title)!;
        roundtable.Description = TextRules.MultiLine(details.Description);
        roundtable.StartsUtc = details.StartsUtc;
        roundtable.EndsUtc = details.EndsUtc;
        roundtable.VenueAddress = TextRules.MultiLine(details.VenueAddress);
        roundtable.OnlineJoiningDetails = TextRules.MultiLine(details.OnlineJoiningDetails);
        roundtable.Capacity = details.Capacity;
        roundtable.DelegatesPerOrganisation = details.DelegatesPerOrganisation;
        // Invitation links expire at the deadline read from here, so moving the deadline moves every link's expiry.
        roundtable.RsvpDeadlineUtc = details.RsvpDeadlineUtc;
        roundtable.Status = details.Status;
        roundtable.UpdatedUtc = now;
    }
}
