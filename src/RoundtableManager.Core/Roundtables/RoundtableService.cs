namespace RoundtableManager.Core.Roundtables;

/// <summary>What an organiser enters for a roundtable, as parsed by the form (UTC times); <see cref="RoundtableRules"/> checks it.</summary>
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

public sealed class RoundtableService(AppDbContext db, InvitationService invitations, TimeProvider time)
{
    /// <returns>Done with the new roundtable's id, or Invalid with the broken rules.</returns>
    public async Task<CommandResult<int>> CreateAsync(RoundtableDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (RoundtableRules.Check(details) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var roundtable = new Roundtable { CreatedUtc = now };
        Apply(roundtable, details, now);
        db.Roundtables.Add(roundtable);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(roundtable.Id);
    }

    /// <summary>
    /// Saves the changes. A new start, end or venue raises the calendar SEQUENCE and, while the roundtable is open,
    /// queues an updated calendar entry to everyone currently invited (while open or closed for replies), in the same transaction.
    /// </summary>
    /// <returns>Done with the number of calendar updates queued; NotAllowed once cancelled; Invalid with the broken rules.</returns>
    public async Task<CommandResult<int>> UpdateAsync(int id, RoundtableDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var roundtable = await db.Roundtables.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (roundtable is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (roundtable.Status == RoundtableStatus.Cancelled)
        {
            return CommandResult.NotAllowed("This roundtable has been cancelled, so it cannot be changed").As<int>();
        }

        if (RoundtableRules.Check(details) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors).As<int>();
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
        return CommandResult.Done(queued);
    }

    /// <summary>Cancels the roundtable and queues a calendar cancellation to everyone currently invited.</summary>
    /// <returns>Done with the number of cancellations queued; Unchanged when it was already cancelled.</returns>
    public async Task<CommandResult<int>> CancelAsync(int id, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (roundtable is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (roundtable.Status == RoundtableStatus.Cancelled)
        {
            return CommandResult.Unchanged(0);
        }

        roundtable.Status = RoundtableStatus.Cancelled;
        roundtable.CalendarSequence++;
        roundtable.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        var queued = await invitations.QueueCalendarChangeAsync(roundtable, InvitationCalendar.Cancel, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(queued);
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
