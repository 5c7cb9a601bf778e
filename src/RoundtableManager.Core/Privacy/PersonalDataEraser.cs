using System.Net;

// EF translates string.ToUpper() in these queries to SQL UPPER(); it never runs with a .NET culture.
#pragma warning disable CA1304, CA1311, CA1862

namespace RoundtableManager.Core.Privacy;

public sealed record ErasureCounts(int Contacts, int Recipients, int Delegates, int Emails)
{
    public static readonly ErasureCounts None = new(0, 0, 0, 0);

    public bool Any => Contacts + Recipients + Delegates + Emails > 0;

    public ErasureCounts Add(ErasureCounts other) =>
        new(Contacts + other.Contacts, Recipients + other.Recipients, Delegates + other.Delegates, Emails + other.Emails);
}

/// <summary>
/// Anonymises people the same way for the retention job and for a request (see <see cref="RetentionRules"/>). Changes
/// are added to the caller's unit of work; the caller records the audit event and saves.
/// </summary>
public sealed class PersonalDataEraser(AppDbContext db)
{
    /// <summary>
    /// Anonymises the given contacts, and every invitation recipient, delegate entry (with its feedback comments) and
    /// email that belongs to them or carries one of <paramref name="normalisedEmails"/>.
    /// </summary>
    public async Task<ErasureCounts> AnonymiseAsync(IReadOnlyCollection<int> contactIds, IReadOnlyCollection<string> normalisedEmails, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        ArgumentNullException.ThrowIfNull(normalisedEmails);
        var contacts = await db.Contacts.Where(c => contactIds.Contains(c.Id) && c.ErasedUtc == null).ToListAsync(cancellationToken);
        var emails = normalisedEmails.Concat(contacts.Select(c => c.NormalisedEmail)).Distinct().ToList();
        var recipients = await db.InvitationRecipients
            .Where(r => r.ErasedUtc == null && ((r.ContactId != null && contactIds.Contains(r.ContactId.Value)) || emails.Contains(r.Email.ToUpper())))
            .ToListAsync(cancellationToken);
        var delegates = await db.Delegates
            .Where(d => d.ErasedUtc == null && ((d.ContactId != null && contactIds.Contains(d.ContactId.Value)) || emails.Contains(d.NormalisedEmail)))
            .ToListAsync(cancellationToken);

        // What other people's emails may quote (a reply confirmation lists delegates by name and address).
        var quoted = contacts.Select(c => (c.Email, Name: c.FullName))
            .Concat(recipients.Select(r => (r.Email, r.Name)))
            .Concat(delegates.Select(d => (d.Email, Name: d.FullName)))
            .Distinct()
            .ToList();

        foreach (var contact in contacts)
        {
            Anonymise(contact, RetentionRules.ErasedEmail("", contact.Id), nowUtc);
            contact.Phone = null;
            contact.IsPrimary = false;
            contact.UpdatedUtc = nowUtc;
        }

        foreach (var recipient in recipients)
        {
            recipient.Name = RetentionRules.ErasedName;
            recipient.Email = RetentionRules.ErasedEmail("recipient-", recipient.Id);
            recipient.RevokedUtc ??= nowUtc;
            recipient.ErasedUtc = nowUtc;
        }

        foreach (var person in delegates)
        {
            Anonymise(person, RetentionRules.ErasedEmail("delegate-", person.Id), nowUtc);
            person.AccessNeeds = null;
            person.DietaryRequirements = null;
            person.NeedsErasedUtc ??= nowUtc;
        }

        await EraseFeedbackCommentsAsync(delegates.Select(d => d.Id).ToList(), cancellationToken);

        // Their calendar entries hold only a hash of the address, but a hash of an address still points at the person.
        var keys = emails.Concat(quoted.Select(q => q.Email)).Select(Invitations.PersonalCalendars.PersonKey).Distinct().ToList();
        db.CalendarEntries.RemoveRange(await db.CalendarEntries.Where(e => keys.Contains(e.PersonKey)).ToListAsync(cancellationToken));

        var emailCount = await EraseEmailsAsync(emails, recipients.Select(r => r.Id).ToList(), quoted, cancellationToken);
        return new ErasureCounts(contacts.Count, recipients.Count, delegates.Count, emailCount);
    }

    private static void Anonymise(Person person, string erasedEmail, DateTime nowUtc)
    {
        person.FullName = RetentionRules.ErasedName;
        person.Email = erasedEmail;
        person.NormalisedEmail = Person.Normalise(erasedEmail);
        person.JobTitle = null;
        person.ErasedUtc = nowUtc;
    }

    /// <summary>
    /// Free text can name or quote the person, so their feedback comments go. The score stays in the results (it says
    /// nothing about who gave it once the delegate entry is anonymised), and the link is pointed at nobody: its hash is
    /// replaced by the hash of a token nobody holds, so the link in their old email no longer reaches the answer.
    /// </summary>
    private async Task EraseFeedbackCommentsAsync(List<int> delegateIds, CancellationToken cancellationToken)
    {
        foreach (var request in await db.FeedbackRequests.Where(f => delegateIds.Contains(f.DelegateId)).ToListAsync(cancellationToken))
        {
            request.WhatShouldChange = null;
            request.TopicsForNextTime = null;
            request.TokenHash = Invitations.InvitationToken.Create().Hash;
        }
    }

    private async Task<int> EraseEmailsAsync(List<string> emails, List<int> recipientIds, List<(string Email, string Name)> quoted, CancellationToken cancellationToken)
    {
        var own = await db.OutboxMessages
            .Where(m => !m.ToAddress.EndsWith("@" + RetentionRules.ErasedDomain)
                && (emails.Contains(m.NormalisedToAddress) || (m.InvitationRecipientId != null && recipientIds.Contains(m.InvitationRecipientId.Value))))
            .ToListAsync(cancellationToken);
        foreach (var message in own)
        {
            message.ToAddress = RetentionRules.ErasedEmail("email-", message.Id);
            message.ToName = RetentionRules.ErasedName;
            message.TextBody = RetentionRules.ErasedEmailBody;
            message.HtmlBody = WebUtility.HtmlEncode(RetentionRules.ErasedEmailBody);
            message.CalendarContent = null;
            message.CalendarMethod = null;
            message.ProtectedLinks = null;
            if (message.Status is not OutboxStatus.Sent and not OutboxStatus.Cancelled)
            {
                message.Status = OutboxStatus.Cancelled;
                message.LastError = "Cancelled: the recipient's personal data was erased";
            }
        }

        var ownIds = own.Select(m => m.Id).ToList();
        // A server's reply can quote the address it refused ("550 <name@example.com> unknown").
        foreach (var attempt in await db.OutboxAttempts.Where(a => ownIds.Contains(a.OutboxMessageId)).ToListAsync(cancellationToken))
        {
            attempt.Reply = quoted.Where(q => q.Email.Length > 0).Aggregate(attempt.Reply, (reply, q) => Scrub(reply, q.Email, q.Name));
        }

        foreach (var message in own.Where(m => m.LastError is not null))
        {
            message.LastError = quoted.Where(q => q.Email.Length > 0).Aggregate(message.LastError!, (error, q) => Scrub(error, q.Email, q.Name));
        }

        var scrubbed = 0;
        foreach (var address in quoted.Select(q => q.Email).Where(e => e.Length > 0).Distinct())
        {
            var mentions = await db.OutboxMessages
                .Where(m => !ownIds.Contains(m.Id) && (m.TextBody.Contains(address) || m.HtmlBody.Contains(address)))
                .ToListAsync(cancellationToken);
            foreach (var message in mentions)
            {
                foreach (var (email, name) in quoted.Where(q => q.Email == address))
                {
                    message.TextBody = Scrub(message.TextBody, email, name);
                    message.HtmlBody = Scrub(Scrub(message.HtmlBody, email, name), WebUtility.HtmlEncode(email), WebUtility.HtmlEncode(name));
                    if (message.CalendarContent is not null)
                    {
                        message.CalendarContent = Scrub(message.CalendarContent, email, name);
                    }
                }

                scrubbed++;
            }
        }

        return own.Count + scrubbed;
    }

    private static string Scrub(string text, string email, string name)
    {
        var result = text.Replace(email, "[erased]", StringComparison.OrdinalIgnoreCase);
        return name.Length > 0 ? result.Replace(name, RetentionRules.ErasedName, StringComparison.Ordinal) : result;
    }
}
