using System.Security.Cryptography;
using System.Text;

namespace RoundtableManager.Core.Invitations;

/// <summary>Someone a change may concern: the address their entry belongs to and the name to greet them by.</summary>
public sealed record CalendarPerson(string Email, string Name);

/// <summary>A calendar part for one email: REQUEST or CANCEL, and the iCalendar text.</summary>
public sealed record CalendarPart(string Method, string Content)
{
    public bool Removes => Method == InvitationCalendar.Cancel;
}

public enum CalendarRefresh
{
    /// <summary>Send only where an entry must change state (added, now attending, removed).</summary>
    ChangesOnly,

    /// <summary>Also send every entry that stays in a calendar (the time or place moved, the agenda was published, a new link).</summary>
    LiveEntries,
}

/// <summary>The published agenda as plain text, fetched only if an attending person's entry is written.</summary>
public delegate Task<string?> AgendaText();

/// <summary>
/// The calendar parts a change calls for, one per person at most. Emails the change sends anyway take their
/// recipient's part (<see cref="Take"/>); <see cref="PersonalCalendars.QueueUntaken"/> sends the rest on their own.
/// </summary>
public sealed class CalendarPlan
{
    private readonly Dictionary<string, (CalendarPerson Person, CalendarPart Part)> _parts;

    internal CalendarPlan(Dictionary<string, (CalendarPerson, CalendarPart)> parts) => _parts = parts;

    public CalendarPart? Take(string email) =>
        _parts.Remove(Contact.Normalise(email ?? ""), out var entry) ? entry.Part : null;

    public IReadOnlyList<(CalendarPerson Person, CalendarPart Part)> Untaken => [.. _parts.Values];
}

/// <summary>
/// One calendar entry per person per roundtable. Whoever a person is to the roundtable (invited contact, delegate,
/// both, or more than one organisation's), their calendar holds one event, with a UID made from the roundtable and
/// their normalised address. What it should say comes from the saved facts: attending if they are a confirmed delegate
/// of an accepted invitation, invited if they are a current recipient of an invitation not yet answered, otherwise
/// nothing. Each change compares that with the last thing sent (<see cref="CalendarEntry"/>) and writes a REQUEST
/// (SEQUENCE + 1) or a CANCEL only where it differs, so a person never ends up with two events or a dead one.
/// </summary>
public sealed class PersonalCalendars(AppDbContext db, IEmailOutbox outbox, IOptions<EmailOptions> emailOptions, TimeProvider time)
{
    public const string UpdateKind = "CalendarUpdate";

    private EmailOptions Email => emailOptions.Value;

    public static string PersonKey(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Contact.Normalise(email ?? ""))));

    public static string Uid(int roundtableId, string email) =>
        $"roundtable-{roundtableId.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{PersonKey(email)[..32]}@roundtable-manager";

    /// <summary>
    /// Works out, from what is saved, the parts these people's entries need (null: everyone the roundtable knows), and
    /// records them; the caller saves. <paramref name="roundtable"/> is taken as it is now (a cancellation or a move
    /// need not be saved first). People whose only calendar email never left (withdrawn or failed) are not sent a CANCEL.
    /// </summary>
    public async Task<CalendarPlan> PlanAsync(Roundtable roundtable, IEnumerable<CalendarPerson>? people, CalendarRefresh refresh, AgendaText? agenda, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        var wanted = people?.Select(p => Contact.Normalise(p.Email)).ToHashSet(StringComparer.Ordinal);
        var facts = (await FactsAsync(roundtable, cancellationToken)).Where(f => wanted is null || wanted.Contains(f.Key)).ToList();
        var named = people?.GroupBy(p => Contact.Normalise(p.Email)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal) ?? [];
        var known = facts.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, person) in named.Where(n => !known.Contains(n.Key)))
        {
            facts.Add(new Fact(key, person, CalendarEntryState.Removed));
        }

        var keys = facts.Select(f => PersonKey(f.Key)).ToList();
        var entries = await db.CalendarEntries
            .Where(e => e.RoundtableId == roundtable.Id && (wanted == null || keys.Contains(e.PersonKey)))
            .ToDictionaryAsync(e => e.PersonKey, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        HashSet<string>? reached = null;
        string? agendaText = null;
        var agendaRead = false;
        var parts = new Dictionary<string, (CalendarPerson, CalendarPart)>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            var personKey = PersonKey(fact.Key);
            entries.TryGetValue(personKey, out var entry);
            var was = entry?.State ?? CalendarEntryState.Removed;
            var changes = fact.State != was || (refresh == CalendarRefresh.LiveEntries && fact.State != CalendarEntryState.Removed);
            if (!changes)
            {
                continue;
            }

            if (entry is null)
            {
                entry = new CalendarEntry { RoundtableId = roundtable.Id, PersonKey = personKey, Sequence = -1 };
                db.CalendarEntries.Add(entry);
            }

            entry.State = fact.State;
            entry.UpdatedUtc = now;
            if (fact.State == CalendarEntryState.Removed)
            {
                reached ??= await ReachedAsync(roundtable.Id, wanted is null ? null : facts.Where(f => f.State == CalendarEntryState.Removed).ToList(), cancellationToken);
                if (!reached.Contains(fact.Key))
                {
                    // Their only calendar email never left: there is nothing in their calendar to cancel.
                    continue;
                }
            }

            entry.Sequence++;
            if (fact.State == CalendarEntryState.Attending && agenda is not null && !agendaRead)
            {
                agendaText = await agenda();
                agendaRead = true;
            }

            var method = fact.State == CalendarEntryState.Removed ? InvitationCalendar.Cancel : InvitationCalendar.Request;
            var attendee = new CalendarAttendee(Uid(roundtable.Id, fact.Key), fact.Person.Email, fact.Person.Name, entry.Sequence, fact.State == CalendarEntryState.Attending);
            var content = InvitationCalendar.Build(roundtable, attendee, method, Email.FromAddress, Email.FromName, now,
                fact.State == CalendarEntryState.Attending ? agendaText : null);
            parts[fact.Key] = (fact.Person, new CalendarPart(method, content));
        }

        return new CalendarPlan(parts);
    }

    /// <summary>The person's entry as it stands (same SEQUENCE), for a reminder; null when it is not in their calendar.</summary>
    public async Task<CalendarPart?> CurrentAsync(Roundtable roundtable, CalendarPerson person, AgendaText? agenda, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roundtable);
        ArgumentNullException.ThrowIfNull(person);
        var key = PersonKey(person.Email);
        var entry = await db.CalendarEntries.AsNoTracking().SingleOrDefaultAsync(e => e.RoundtableId == roundtable.Id && e.PersonKey == key, cancellationToken);
        if (entry is null || entry.State == CalendarEntryState.Removed)
        {
            return null;
        }

        var attending = entry.State == CalendarEntryState.Attending;
        var attendee = new CalendarAttendee(Uid(roundtable.Id, person.Email), person.Email, person.Name, entry.Sequence, attending);
        return new CalendarPart(InvitationCalendar.Request, InvitationCalendar.Build(roundtable, attendee, InvitationCalendar.Request,
            Email.FromAddress, Email.FromName, time.GetUtcNow().UtcDateTime, attending && agenda is not null ? await agenda() : null));
    }

    /// <summary>Emails each part no other email of the change took, on its own, saying why the calendar changes.</summary>
    public void QueueUntaken(CalendarPlan plan, Roundtable roundtable, string whyRemoved, string whyUpdated)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(roundtable);
        foreach (var (person, part) in plan.Untaken)
        {
            var body = new EmailBody()
                .Heading(part.Removes ? $"Removed from your calendar: {roundtable.Title}" : $"Your calendar: {roundtable.Title}")
                .Paragraph($"Dear {person.Name},")
                .Paragraph(part.Removes
                    ? $"{whyRemoved} The calendar entry with this email removes {roundtable.Title} from your calendar."
                    : $"{whyUpdated} The calendar entry with this email updates your calendar.")
                .Details(
                    ("Roundtable", roundtable.Title),
                    ("When", UkTime.FormatRange(roundtable.StartsUtc, roundtable.EndsUtc) + " (UK time)"))
                .Paragraph($"If you have a question, email the roundtable team at {Email.FromAddress}.");
            outbox.Enqueue(new EmailDraft(UpdateKind, person.Email, person.Name, (part.Removes ? "Removed from your calendar: " : "Calendar update: ") + roundtable.Title, body)
                .WithCalendar(part) with { RoundtableId = roundtable.Id });
        }
    }

    private sealed record Fact(string Key, CalendarPerson Person, CalendarEntryState State);

    /// <summary>Everyone the roundtable knows, once per normalised address, with what their entry should say.</summary>
    private async Task<List<Fact>> FactsAsync(Roundtable roundtable, CancellationToken cancellationToken)
    {
        var cancelled = roundtable.Status == RoundtableStatus.Cancelled;
        var recipients = await db.InvitationRecipients.AsNoTracking()
            .Where(r => r.Invitation.RoundtableId == roundtable.Id && r.ErasedUtc == null)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Email, r.Name, Invited = r.RevokedUtc == null && r.Invitation.RevokedUtc == null && r.Invitation.Response == Invitations.InvitationResponse.None })
            .ToListAsync(cancellationToken);
        var delegates = await db.Delegates.AsNoTracking()
            .Where(d => d.RoundtableId == roundtable.Id && d.ErasedUtc == null)
            .OrderBy(d => d.Id)
            .Select(d => new
            {
                d.Email,
                d.FullName,
                Attending = d.Status == DelegateStatus.Confirmed && d.Invitation.RevokedUtc == null && d.Invitation.Response == Invitations.InvitationResponse.Accepted,
            })
            .ToListAsync(cancellationToken);
        var roles = delegates.Select(d => (d.Email, d.FullName, State: d.Attending ? CalendarEntryState.Attending : CalendarEntryState.Removed))
            .Concat(recipients.Select(r => (r.Email, FullName: r.Name, State: r.Invited ? CalendarEntryState.Invited : CalendarEntryState.Removed)));
        return [.. roles.GroupBy(r => Contact.Normalise(r.Email), StringComparer.Ordinal).Select(g =>
        {
            // The strongest role decides, and names the person (a delegate's name as their organisation gave it).
            var strongest = g.OrderByDescending(r => r.State).First();
            return new Fact(g.Key, new CalendarPerson(strongest.Email.Trim(), strongest.FullName), cancelled ? CalendarEntryState.Removed : strongest.State);
        })];
    }

    /// <summary>
    /// Addresses that a calendar email of this roundtable has reached or may still reach: of the people given (found
    /// through the address index, so an answer's write turn does not read every email of the roundtable), or of everyone.
    /// </summary>
    private async Task<HashSet<string>> ReachedAsync(int roundtableId, List<Fact>? people, CancellationToken cancellationToken)
    {
        List<string> addresses;
        if (people is null)
        {
            addresses = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.RoundtableId == roundtableId && m.CalendarContent != null
                    && (m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Sending || m.Status == OutboxStatus.Sent))
                .Select(m => m.ToAddress).Distinct().ToListAsync(cancellationToken);
        }
        else
        {
            // Only by address (the roundtable's own index would walk all its emails); the stored column is the database's
            // UPPER, and SQLite's leaves letters beyond ASCII as they are, so both forms of each address are looked up.
            var forms = people.SelectMany(p => new[] { p.Key, AsciiUpper(p.Person.Email.Trim()) }).Distinct(StringComparer.Ordinal).ToList();
            addresses = (await db.OutboxMessages.AsNoTracking()
                .Where(m => forms.Contains(m.NormalisedToAddress))
                .Select(m => new { m.RoundtableId, m.ToAddress, m.Status, Calendar = m.CalendarContent != null })
                .ToListAsync(cancellationToken))
                .Where(m => m.RoundtableId == roundtableId && m.Calendar && m.Status is OutboxStatus.Queued or OutboxStatus.Sending or OutboxStatus.Sent)
                .Select(m => m.ToAddress).ToList();
        }

        return addresses.Select(Contact.Normalise).ToHashSet(StringComparer.Ordinal);
    }

    private static string AsciiUpper(string text) => string.Concat(text.Select(c => char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : c));
}

public static class CalendarDraftExtensions
{
    /// <summary>The email with the person's calendar part (as text/calendar and an .ics), or unchanged when there is none.</summary>
    public static EmailDraft WithCalendar(this EmailDraft draft, CalendarPart? part)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return part is null ? draft : draft with { CalendarContent = part.Content, CalendarMethod = part.Method };
    }

    /// <summary>A prepared email completed with the recipient row it belongs to and the person's calendar part (if any).</summary>
    public static PreparedEmail Complete(this PreparedEmail email, int recipientId, CalendarPart? part)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Complete(recipientId, part?.Content, part?.Method);
    }
}
