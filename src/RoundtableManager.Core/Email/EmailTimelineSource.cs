// EF translates string.ToUpper() in this query to SQL UPPER(); it never runs with a .NET culture.
#pragma warning disable CA1304, CA1311, CA1862

namespace RoundtableManager.Core.Email;

/// <summary>
/// The organisation record's emails: every email in the log addressed to one of its contacts, invitation recipients or
/// delegates. Organisers only, like the email log itself.
/// </summary>
public sealed class EmailTimelineSource(AppDbContext db) : ITimelineSource
{
    public TimelineKind Kind { get; } = new("emails", "Emails sent", Order: 70, OrganisersOnly: true);

    public async Task<IReadOnlyList<TimelineEntry>> FindAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var organisation = query.OrganisationId;
        // The organisation's addresses first (tens at most), then one indexed lookup of the log by address. Addresses
        // ignore case, so both sides go through the database's own UPPER (the log's side is a stored computed column).
        var addresses = await db.Contacts.AsNoTracking().Where(c => c.OrganisationId == organisation).Select(c => c.Email.ToUpper())
            .Concat(db.InvitationRecipients.AsNoTracking().Where(r => r.Invitation.OrganisationId == organisation).Select(r => r.Email.ToUpper()))
            .Concat(db.Delegates.AsNoTracking().Where(d => d.Invitation.OrganisationId == organisation).Select(d => d.Email.ToUpper()))
            .Distinct().ToListAsync(cancellationToken);
        if (addresses.Count == 0)
        {
            return [];
        }

        var rows = await db.OutboxMessages.AsNoTracking().Where(m => EF.Parameter(addresses).Contains(m.NormalisedToAddress))
            .Window(query, Kind.Code, m => m.CreatedUtc, m => m.Id)
            .Select(m => new { m.Id, m.Subject, m.ToAddress, m.ToName, m.Status, m.CreatedUtc })
            .ToListAsync(cancellationToken);
        return rows.Select(m => new TimelineEntry(Kind.Code, m.CreatedUtc, m.Id, $"Email: {m.Subject}",
                m.ToName is null ? $"To {m.ToAddress}" : $"To {m.ToName} ({m.ToAddress})", $"/emails/{m.Id}", m.Status.ToString()))
            .ToList();
    }
}
