namespace RoundtableManager.Core.Engagement.VenueList;

public sealed record VenueAttendee(int Id, string Name, string Organisation, bool HasAccessNeeds, string? AccessNeeds);

/// <summary>The people expected at a roundtable, for the venue: confirmed delegates of accepted invitations, by organisation then name.</summary>
public sealed record VenueList(int RoundtableId, string Title, DateTime StartsUtc, DateTime EndsUtc, string? VenueAddress, bool IncludesNeeds, IReadOnlyList<VenueAttendee> Delegates);

/// <summary>
/// The list for the venue and the sign-in sheet. Whether someone has access needs is always shown (the venue must be
/// ready); what the needs are is personal data, given only when asked for, and every such disclosure is audited.
/// </summary>
public sealed class VenueListQueries(AppDbContext db, IAuditLog audit)
{
    public const string SubjectType = "Roundtable";

    /// <summary>The list, or null when there is no such roundtable. Access needs themselves only when <paramref name="includeNeeds"/>.</summary>
    public async Task<VenueList?> ListAsync(int roundtableId, bool includeNeeds, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().Where(r => r.Id == roundtableId)
            .Select(r => new { r.Id, r.Title, r.StartsUtc, r.EndsUtc, r.VenueAddress })
            .SingleOrDefaultAsync(cancellationToken);
        if (roundtable is null)
        {
            return null;
        }

        var delegates = await db.Delegates.AsNoTracking()
            .Where(d => d.RoundtableId == roundtableId && d.Status == DelegateStatus.Confirmed
                && d.Invitation.Response == InvitationResponse.Accepted && d.Invitation.RevokedUtc == null)
            .Select(d => new
            {
                d.Id,
                d.FullName,
                Organisation = d.Invitation.Organisation.Name,
                HasNeeds = d.AccessNeeds != null && d.AccessNeeds != "",
                Needs = includeNeeds ? d.AccessNeeds : null,
            })
            .ToListAsync(cancellationToken);
        var sorted = delegates
            .OrderBy(d => d.Organisation, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(d => d.FullName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(d => d.Id)
            .Select(d => new VenueAttendee(d.Id, d.FullName, d.Organisation, d.HasNeeds, d.Needs))
            .ToList();
        return new VenueList(roundtable.Id, roundtable.Title, roundtable.StartsUtc, roundtable.EndsUtc, roundtable.VenueAddress, includeNeeds, sorted);
    }

    /// <summary>Records that the access needs of a roundtable's delegates were shown or downloaded, and by whom (ids, never the needs).</summary>
    public async Task RecordNeedsDisclosedAsync(VenueList list, string how, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var count = list.Delegates.Count(d => d.HasAccessNeeds);
        audit.Record("VenueList.AccessNeedsDisclosed",
            $"Venue list with access needs {how} for roundtable {list.RoundtableId}: {Plural.Count(count, "delegate")} with access needs",
            SubjectType, list.RoundtableId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The list as a table for CSV and XLSX: name, organisation, whether they have access needs, and the needs when included.</summary>
    public static ReportTable Table(VenueList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        List<TableColumn> columns = [new("Name"), new("Organisation"), new("Has access needs")];
        if (list.IncludesNeeds)
        {
            columns.Add(new("Access needs"));
        }

        return new ReportTable(
            $"Confirmed delegates: {list.Title}",
            columns,
            list.Delegates.Select(d => (IReadOnlyList<TableCell>)(list.IncludesNeeds
                ? [d.Name, d.Organisation, d.HasAccessNeeds ? "Yes" : "No", d.AccessNeeds]
                : [d.Name, d.Organisation, d.HasAccessNeeds ? "Yes" : "No"])));
    }
}
