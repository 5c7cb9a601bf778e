namespace RoundtableManager.Core.Controls;

public sealed record ControlRecipient(int OrganisationId, int Id, string Name, string Email);

/// <summary>
/// Who hears about an organisation's assessment: for a set adopted for a roundtable, the people its invitation went to
/// (not revoked or erased); otherwise its primary contacts, or every contact when it has no primary one.
/// </summary>
internal static class ControlRecipients
{
    public static async Task<ILookup<int, ControlRecipient>> ForAsync(AppDbContext db, IReadOnlyCollection<int> organisationIds, int? roundtableId, CancellationToken cancellationToken)
    {
        var ids = organisationIds.ToList();
        var invited = roundtableId is { } rt
            ? await db.InvitationRecipients.AsNoTracking()
                .Where(r => r.Invitation.RoundtableId == rt && r.Invitation.RevokedUtc == null && r.RevokedUtc == null && r.ErasedUtc == null && EF.Parameter(ids).Contains(r.Invitation.OrganisationId))
                .Select(r => new ControlRecipient(r.Invitation.OrganisationId, r.ContactId ?? 0, r.Name, r.Email))
                .ToListAsync(cancellationToken)
            : [];
        var missing = ids.Except(invited.Select(r => r.OrganisationId)).ToList();
        var contacts = missing.Count == 0 ? [] : await db.Contacts.AsNoTracking()
            .Where(c => EF.Parameter(missing).Contains(c.OrganisationId) && c.ErasedUtc == null)
            .Select(c => new { c.OrganisationId, c.Id, c.FullName, c.Email, c.IsPrimary })
            .ToListAsync(cancellationToken);
        var fromContacts = contacts.GroupBy(c => c.OrganisationId)
            .SelectMany(g => (g.Any(c => c.IsPrimary) ? g.Where(c => c.IsPrimary) : g).Select(c => new ControlRecipient(c.OrganisationId, c.Id, c.FullName, c.Email)));
        return invited.Concat(fromContacts)
            .DistinctBy(r => (r.OrganisationId, r.Email.ToUpperInvariant()))
            .ToLookup(r => r.OrganisationId);
    }
}
