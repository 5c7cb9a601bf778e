namespace RoundtableManager.Core.Invitations;

/// <summary>The organisation record's invitations and replies: invited, accepted or declined, revoked.</summary>
public sealed class InvitationTimelineSource(AppDbContext db) : ITimelineSource
{
    public TimelineKind Kind { get; } = new("invitations", "Invitations and replies", Order: 20);

    public async Task<IReadOnlyList<TimelineEntry>> FindAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var code = Kind.Code;
        var invitations = db.Invitations.AsNoTracking().Where(i => i.OrganisationId == query.OrganisationId);
        var invited = await invitations.Window(query, code, i => i.CreatedUtc, i => i.Id * 3L)
            .Select(i => new { i.Id, i.RoundtableId, i.Roundtable.Title, i.CreatedUtc }).ToListAsync(cancellationToken);
        var replied = await invitations.Where(i => i.RespondedUtc != null && i.Response != InvitationResponse.None)
            .Window(query, code, i => i.RespondedUtc!.Value, i => (i.Id * 3L) + 1)
            .Select(i => new { i.Id, i.RoundtableId, i.Roundtable.Title, When = i.RespondedUtc!.Value, i.Response, i.DeclineReason, i.RespondedByName, i.RecordedByOrganiser })
            .ToListAsync(cancellationToken);
        var revoked = await invitations.Where(i => i.RevokedUtc != null)
            .Window(query, code, i => i.RevokedUtc!.Value, i => (i.Id * 3L) + 2)
            .Select(i => new { i.Id, i.RoundtableId, i.Roundtable.Title, When = i.RevokedUtc!.Value }).ToListAsync(cancellationToken);

        return TimelineWindow.Merge(query.Limit,
            invited.Select(i => new TimelineEntry(code, i.CreatedUtc, i.Id * 3L, $"Invited to {i.Title}", Url: Responses(i.RoundtableId))),
            replied.Select(i => new TimelineEntry(code, i.When, (i.Id * 3L) + 1,
                $"{(i.Response == InvitationResponse.Accepted ? "Accepted" : "Declined")} the invitation to {i.Title}",
                i.Response == InvitationResponse.Declined && i.DeclineReason is not null ? $"Reason: {i.DeclineReason}" : null,
                Responses(i.RoundtableId), i.Response.DisplayName())
            {
                Actor = i.RespondedByName is null ? null : i.RecordedByOrganiser ? $"Recorded by {i.RespondedByName}" : i.RespondedByName,
            }),
            revoked.Select(i => new TimelineEntry(code, i.When, (i.Id * 3L) + 2, $"Invitation to {i.Title} revoked", Url: Responses(i.RoundtableId), Status: "Revoked")));
    }

    private static string Responses(int roundtableId) => $"/roundtables/{roundtableId}/responses";
}

/// <summary>The organisation record's delegates: who was named for which roundtable, and whether they checked in.</summary>
public sealed class DelegateTimelineSource(AppDbContext db, TimeProvider time) : ITimelineSource
{
    public TimelineKind Kind { get; } = new("delegates", "Delegates and attendance", Order: 30);

    public async Task<IReadOnlyList<TimelineEntry>> FindAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var code = Kind.Code;
        var now = time.GetUtcNow().UtcDateTime;
        var delegates = db.Delegates.AsNoTracking().Where(d => d.Invitation.OrganisationId == query.OrganisationId);
        var named = await delegates.Window(query, code, d => d.CreatedUtc, d => d.Id * 2L)
            .Select(d => new { d.Id, d.FullName, d.Status, d.AttendedUtc, d.CreatedUtc, d.RoundtableId, d.Invitation.Roundtable.Title, d.Invitation.Roundtable.EndsUtc })
            .ToListAsync(cancellationToken);
        var checkedIn = await delegates.Where(d => d.AttendedUtc != null)
            .Window(query, code, d => d.AttendedUtc!.Value, d => (d.Id * 2L) + 1)
            .Select(d => new { d.Id, d.FullName, When = d.AttendedUtc!.Value, d.RoundtableId, d.Invitation.Roundtable.Title })
            .ToListAsync(cancellationToken);

        return TimelineWindow.Merge(query.Limit,
            named.Select(d => new TimelineEntry(code, d.CreatedUtc, d.Id * 2L, $"{d.FullName} named as a delegate for {d.Title}",
                Url: CheckIn(d.RoundtableId),
                Status: d.AttendedUtc is not null ? "Checked in"
                    : d.EndsUtc < now && d.Status == DelegateStatus.Confirmed ? "Not checked in"
                    : d.Status == DelegateStatus.Confirmed ? "Confirmed" : "Waitlisted")),
            checkedIn.Select(d => new TimelineEntry(code, d.When, (d.Id * 2L) + 1, $"{d.FullName} checked in at {d.Title}", Url: CheckIn(d.RoundtableId), Status: "Checked in")));
    }

    private static string CheckIn(int roundtableId) => $"/roundtables/{roundtableId}/responses";
}
