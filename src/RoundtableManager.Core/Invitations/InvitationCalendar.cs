using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Calendar = Ical.Net.Calendar; // not System.Globalization.Calendar (a global using)

namespace RoundtableManager.Core.Invitations;

/// <summary>One person's calendar entry as it is written into a message.</summary>
/// <param name="Attending">A confirmed delegate (PARTSTAT=ACCEPTED); otherwise invited (NEEDS-ACTION).</param>
public sealed record CalendarAttendee(string Uid, string Email, string Name, int Sequence, bool Attending);

/// <summary>
/// The iCalendar part of emails: one VEVENT for one person's entry (see <see cref="PersonalCalendars"/>). Times are
/// UTC; joining details are never included (they are for accepted delegates only, by email). RSVP=FALSE: replies
/// come through the service, not the organiser's mailbox.
/// </summary>
public static class InvitationCalendar
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";

    /// <param name="agenda">The published agenda as plain text, for delegates' entries; appended to the description.</param>
    public static string Build(Roundtable roundtable, CalendarAttendee attendee, string method, string organiserAddress, string organiserName, DateTime nowUtc, string? agenda = null)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        ArgumentNullException.ThrowIfNull(attendee);
        var calendarEvent = new CalendarEvent
        {
            Uid = attendee.Uid,
            DtStamp = new CalDateTime(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)),
            DtStart = new CalDateTime(DateTime.SpecifyKind(roundtable.StartsUtc, DateTimeKind.Utc)),
            DtEnd = new CalDateTime(DateTime.SpecifyKind(roundtable.EndsUtc, DateTimeKind.Utc)),
            // Whatever is stored, no value starts a line of its own: parameters and single-line values lose control
            // characters, multi-line values keep only LF (which the serialiser escapes as \n).
            Summary = HeaderText.SingleLine(roundtable.Title),
            Location = roundtable.VenueAddress is null ? null : OneLine(roundtable.VenueAddress),
            Description = HeaderText.MultiLine(agenda is null ? roundtable.Description ?? "" : $"{roundtable.Description}\n\n{agenda}").Trim(),
            Sequence = attendee.Sequence,
            Organizer = new Organizer("mailto:" + HeaderText.Address(organiserAddress)) { CommonName = HeaderText.Parameter(organiserName) },
        };
        calendarEvent.Attendees.Add(new Attendee("mailto:" + HeaderText.Address(attendee.Email))
        {
            CommonName = HeaderText.Parameter(attendee.Name),
            Rsvp = false,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = attendee.Attending ? "ACCEPTED" : "NEEDS-ACTION",
        });
        if (method == Cancel)
        {
            calendarEvent.Status = EventStatus.Cancelled;
        }

        var calendar = new Calendar { Method = method, ProductId = "-//Roundtable Manager//EN" };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>An address typed over several lines reads as one: "70 Whitehall, London SW1A 2AS".</summary>
    private static string OneLine(string text) =>
        string.Join(", ", HeaderText.MultiLine(text).Split('\n').Select(HeaderText.SingleLine).Where(line => line.Length > 0));
}
