namespace RoundtableManager.Core.Invitations;

/// <summary>The reads the invitation pages need beside an invitation: its roundtable and the people it may go to.</summary>
public sealed class InvitationQueries(AppDbContext db)
{
    public Task<bool> RoundtableExistsAsync(int roundtableId, CancellationToken cancellationToken) =>
        db.Roundtables.AnyAsync(r => r.Id == roundtableId, cancellationToken);

    public Task<Roundtable?> FindRoundtableAsync(int roundtableId, CancellationToken cancellationToken) =>
        db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundtableId, cancellationToken);

    public Task<Roundtable?> RoundtableOfInvitationAsync(int invitationId, CancellationToken cancellationToken) =>
        db.Invitations.AsNoTracking().Where(i => i.Id == invitationId).Select(i => i.Roundtable).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The organisation's contacts by name; erased people only when <paramref name="includeErased"/> (a reply form lists everyone it did before).</summary>
    public Task<List<Contact>> ContactsAsync(int organisationId, bool includeErased, CancellationToken cancellationToken) =>
        db.Contacts.AsNoTracking()
            .Where(c => c.OrganisationId == organisationId && (includeErased || c.ErasedUtc == null))
            .OrderBy(c => c.FullName)
            .ToListAsync(cancellationToken);
}
