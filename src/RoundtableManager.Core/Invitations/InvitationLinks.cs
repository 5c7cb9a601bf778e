namespace RoundtableManager.Core.Invitations;

/// <summary>What a valid personal link shows before the supplier portal exists.</summary>
public sealed record InvitationLanding(string RoundtableTitle, DateTime StartsUtc, DateTime EndsUtc, string? VenueAddress, DateTime RsvpDeadlineUtc, string OrganisationName, string ContactAddress);

/// <summary>A link that was opened and is still usable: whom it was issued to and for which organisation.</summary>
public sealed record PendingLink(int RecipientId, int InvitationId, int OrganisationId, string Email, string Name);

/// <summary>
/// Personal invitation links once sent: opening one, finding the link a browser carries on to the portal, and sending
/// fresh links to an address. Whether a link works is <see cref="InvitationLinkRule"/>'s to say.
/// </summary>
public sealed class InvitationLinks(AppDbContext db, InvitationService invitations, IOptions<EmailOptions> emailOptions, TimeProvider time)
{
    /// <summary>
    /// Checks a personal link and records when it was first opened. Nothing else changes: mail scanners fetch links
    /// before people do, so opening a link must not accept, decline or use anything up. Returns null for a wrong,
    /// expired or revoked token alike.
    /// </summary>
    public async Task<InvitationLanding?> OpenLinkAsync(string? token, CancellationToken cancellationToken)
    {
        if (InvitationToken.HashIfWellFormed(token) is not { } hash)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.InvitationRecipients.AsNoTracking()
            .Where(r => r.TokenHash == hash)
            .Where(InvitationLinkRule.UsableAt(now))
            .Select(r => new
            {
                r.Id,
                r.LinkOpenedUtc,
                Landing = new InvitationLanding(r.Invitation.Roundtable.Title, r.Invitation.Roundtable.StartsUtc, r.Invitation.Roundtable.EndsUtc,
                    r.Invitation.Roundtable.VenueAddress, r.Invitation.Roundtable.RsvpDeadlineUtc, r.Invitation.Organisation.Name, ""),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        if (found.LinkOpenedUtc is null)
        {
            await db.InvitationRecipients.Where(r => r.Id == found.Id && r.LinkOpenedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LinkOpenedUtc, now), cancellationToken);
        }

        return found.Landing with { ContactAddress = emailOptions.Value.FromAddress };
    }

    /// <summary>The link behind a token hash, if it still works (same rules as opening it).</summary>
    public async Task<PendingLink?> FindLinkAsync(string? tokenHash, CancellationToken cancellationToken)
    {
        if (tokenHash is not { Length: InvitationRecipient.TokenHashLength })
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return await db.InvitationRecipients.AsNoTracking()
            .Where(r => r.TokenHash == tokenHash)
            .Where(InvitationLinkRule.UsableAt(now))
            .Select(r => new PendingLink(r.Id, r.InvitationId, r.Invitation.OrganisationId, r.Email, r.Name))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Sends a fresh link to every current invitation issued to this address. Says nothing about whether any exist:
    /// the caller shows the same message either way.
    /// </summary>
    public async Task SendNewLinksAsync(string email, CancellationToken cancellationToken)
    {
        var normalised = Contact.Normalise(email ?? "");
        var now = time.GetUtcNow().UtcDateTime;
        var matches = await db.InvitationRecipients.AsNoTracking()
            .Where(InvitationLinkRule.UsableAt(now))
            .Where(r => r.Invitation.Roundtable.Status == RoundtableStatus.OpenForResponses)
            .Select(r => new { r.Id, r.InvitationId, r.Email })
            .ToListAsync(cancellationToken);
        foreach (var match in matches.Where(m => Contact.Normalise(m.Email) == normalised))
        {
            await invitations.ResendAsync(match.InvitationId, match.Id, cancellationToken);
        }
    }
}
