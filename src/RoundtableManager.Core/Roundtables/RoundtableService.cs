using Microsoft.EntityFrameworkCore;
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
}

public sealed record RoundtableChangeResult(RoundtableChange Outcome, int EmailsQueued = 0);

public sealed class RoundtableService(AppDbContext db, InvitationService invitations, TimeProvider time)
{
    public async Task<int> CreateAsync(RoundtableDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var now = time.GetUtcNow().UtcDateTime;
        var roundtable = new Roundtable { CreatedUtc = now };
        Apply(roundtable, details, now);
        db.Roundtables.Add(roundtable);
        await db.SaveChangesAsync(cancellationToken);
        return roundtable.Id;
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

        var calendarChanged = roundtable.StartsUtc != details.StartsUtc || roundtable.EndsUtc != details.EndsUtc
            || !string.Equals(roundtable.VenueAddress, details.VenueAddress, StringComparison.Ordinal);
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

    private static void Apply(Roundtable roundtable, RoundtableDetails details, DateTime now)
    {
        roundtable.Title = details.Title;
        roundtable.Description = details.Description;
        roundtable.StartsUtc = details.StartsUtc;
        roundtable.EndsUtc = details.EndsUtc;
        roundtable.VenueAddress = details.VenueAddress;
        roundtable.OnlineJoiningDetails = details.OnlineJoiningDetails;
        roundtable.Capacity = details.Capacity;
        roundtable.DelegatesPerOrganisation = details.DelegatesPerOrganisation;
        // Invitation links expire at the deadline read from here, so moving the deadline moves every link's expiry.
        roundtable.RsvpDeadlineUtc = details.RsvpDeadlineUtc;
        roundtable.Status = details.Status;
        roundtable.UpdatedUtc = now;
    }
}
