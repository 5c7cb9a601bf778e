namespace RoundtableManager.Core.Invitations;

/// <summary>The invitation email: its wording, its personal link, and rendering it ahead of a large send's transaction.</summary>
public sealed partial class InvitationService
{
    /// <summary>What an invitation email is rendered from: if any of it changes between rendering and the transaction, it is rendered again.</summary>
    private sealed record DraftInputs(string Title, DateTime StartsUtc, DateTime EndsUtc, string? VenueAddress, DateTime RsvpDeadlineUtc,
        int DelegatesPerOrganisation, string? Description, string OrganisationName, string Name, string Email)
    {
        public static DraftInputs Of(Roundtable r, string organisationName, string name, string email) =>
            new(r.Title, r.StartsUtc, r.EndsUtc, r.VenueAddress, r.RsvpDeadlineUtc, r.DelegatesPerOrganisation, r.Description, organisationName, name, email);
    }

    /// <summary>An invitation email rendered ahead and the hash of the token its link carries (stored only if the email is used).</summary>
    private sealed record RenderedAhead(DraftInputs Inputs, string TokenHash, PreparedEmail Email);

    /// <summary>
    /// Renders, before the transaction and writing nothing, the invitation emails a send will most likely queue: one for
    /// each requested contact who is not a current recipient already. Rendering (bodies, encrypted links) is most of a
    /// large send's work, so done here SQLite's write lock is held for the writes only. The transaction still decides who
    /// is invited, and uses an email rendered here only if everything it was rendered from is unchanged.
    /// </summary>
    private async Task<Dictionary<int, RenderedAhead>> RenderAheadAsync(int roundtableId, List<int> contactIds, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundtableId, cancellationToken);
        if (CheckCanInvite(roundtable) is not null)
        {
            return [];
        }

        var current = db.InvitationRecipients.Where(r => r.Invitation.RoundtableId == roundtableId && r.RevokedUtc == null);
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => contactIds.Contains(c.Id) && !c.Organisation.IsArchived && c.ErasedUtc == null
                && !current.Any(r => r.ContactId == c.Id && r.Invitation.OrganisationId == c.OrganisationId))
            .Select(c => new { c.Id, c.FullName, c.Email, OrganisationName = c.Organisation.Name })
            .ToListAsync(cancellationToken);
        return contacts.ToDictionary(c => c.Id, c =>
        {
            var (token, hash) = InvitationToken.Create();
            return new RenderedAhead(DraftInputs.Of(roundtable!, c.OrganisationName, c.FullName, c.Email), hash,
                outbox.Prepare(LinkDraft(roundtable!, c.OrganisationName, c.FullName, c.Email, token)));
        });
    }

    /// <summary>
    /// Issues a new link to the recipient and returns the email that carries it: the one rendered ahead when it was
    /// rendered from what is saved now, else one rendered here. The caller completes it with the recipient's id and calendar part.
    /// </summary>
    private PreparedEmail Issued(Roundtable roundtable, string organisationName, InvitationRecipient recipient, RenderedAhead? ahead, DateTime now)
    {
        if (ahead is null || ahead.Inputs != DraftInputs.Of(roundtable, organisationName, recipient.Name, recipient.Email) || now >= roundtable.RsvpDeadlineUtc)
        {
            return outbox.Prepare(Issue(roundtable, organisationName, recipient, now));
        }

        recipient.TokenHash = ahead.TokenHash;
        recipient.TokenIssuedUtc = now;
        return ahead.Email;
    }

    /// <summary>Issues a new link to the recipient and returns the invitation email that carries it, for the caller to queue with their calendar part.</summary>
    private EmailDraft Issue(Roundtable roundtable, string organisationName, InvitationRecipient recipient, DateTime now)
    {
        if (now >= roundtable.RsvpDeadlineUtc)
        {
            throw new InvalidOperationException("Invitations cannot be issued after the reply-by deadline.");
        }

        var (token, hash) = InvitationToken.Create();
        recipient.TokenHash = hash;
        recipient.TokenIssuedUtc = now;
        return LinkDraft(roundtable, organisationName, recipient.Name, recipient.Email, token) with
        {
            InvitationRecipientId = recipient.Id == 0 ? null : recipient.Id,
        };
    }

    private EmailDraft LinkDraft(Roundtable roundtable, string organisationName, string recipientName, string recipientEmail, string token) =>
        InvitationDraft(roundtable, organisationName, recipientName, recipientEmail, $"{BaseUrl}/invitation/{token}") with { RoundtableId = roundtable.Id };

    private EmailDraft InvitationDraft(Roundtable roundtable, string organisationName, string recipientName, string recipientEmail, string link)
    {
        var body = new EmailBody()
            .Heading($"You are invited: {roundtable.Title}")
            .Paragraph($"Dear {recipientName},")
            .Paragraph($"{organisationName} is invited to a roundtable hosted by the UK government and the National Cyber Security Centre (NCSC). Your organisation may send up to {Plural.Count(roundtable.DelegatesPerOrganisation, "delegate")}.")
            .Details(Details(roundtable, includeDeadline: true));
        if (!string.IsNullOrWhiteSpace(roundtable.Description))
        {
            body.Paragraph(roundtable.Description);
        }

        return new EmailDraft(InvitationKind, recipientEmail, recipientName, "Invitation: " + roundtable.Title, body
            .PersonalLink("Reply to this invitation", link)
            .Inset($"This link is personal to you: do not forward it. It works until the reply-by time, {UkTime.Format(roundtable.RsvpDeadlineUtc)}.")
            .Paragraph($"If you have a question, email the roundtable team at {Email.FromAddress}."));
    }

    private static (string, string)[] Details(Roundtable roundtable, bool includeDeadline)
    {
        var rows = new List<(string, string)>
        {
            ("Roundtable", roundtable.Title),
            ("When", UkTime.FormatRange(roundtable.StartsUtc, roundtable.EndsUtc) + " (UK time)"),
            ("Where", string.IsNullOrWhiteSpace(roundtable.VenueAddress)
                ? "Online. Joining details go to your delegates once your organisation accepts."
                : roundtable.VenueAddress),
        };
        if (includeDeadline)
        {
            rows.Add(("Reply by", UkTime.Format(roundtable.RsvpDeadlineUtc)));
        }

        return [.. rows];
    }
}
