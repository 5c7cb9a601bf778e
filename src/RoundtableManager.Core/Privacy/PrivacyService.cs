// EF translates string.ToUpper() in these queries to SQL UPPER(); it never runs with a .NET culture.
#pragma warning disable CA1304, CA1311, CA1862

namespace RoundtableManager.Core.Privacy;

/// <summary>Subject access and erasure on request, for organisers. A person is found by their exact email address.</summary>
public sealed class PrivacyService(AppDbContext db, PersonalDataEraser eraser, IAuditLog audit, TimeProvider time)
{
    private const int MaxAuditEvents = 1000;

    /// <summary>Everything held about the address, without recording anything (the person page).</summary>
    public async Task<PersonalDataExport> FindAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalised = Contact.Normalise(email);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.NormalisedEmail == normalised).OrderBy(c => c.Id)
            .Select(c => new ContactRecord(c.Id, c.OrganisationId, c.FullName, c.Email, c.JobTitle, c.Phone, c.IsPrimary, c.CreatedUtc, c.UpdatedUtc, c.ErasedUtc))
            .ToListAsync(cancellationToken);
        var contactIds = contacts.Select(c => c.Id).ToList();
        var received = await db.InvitationRecipients.AsNoTracking()
            .Where(r => r.Email.ToUpper() == normalised || (r.ContactId != null && contactIds.Contains(r.ContactId.Value)))
            .OrderBy(r => r.Id)
            .Select(r => new InvitationReceivedRecord(
                r.Id, r.InvitationId, r.Invitation.Roundtable.Title, r.Invitation.Roundtable.StartsUtc, r.Invitation.Organisation.Name, r.Name, r.Email,
                r.TokenIssuedUtc, r.LinkOpenedUtc, r.RevokedUtc, r.ErasedUtc))
            .ToListAsync(cancellationToken);
        var delegates = await db.Delegates.AsNoTracking()
            .Where(d => d.NormalisedEmail == normalised || (d.ContactId != null && contactIds.Contains(d.ContactId.Value)))
            .OrderBy(d => d.Id)
            .Select(d => new DelegateRecord(
                d.Id, d.InvitationId, d.Invitation.Roundtable.Title, d.Invitation.Organisation.Name, d.FullName, d.Email, d.JobTitle, d.AccessNeeds,
                d.DietaryRequirements, d.Status.ToString(), d.TermsVersion, d.TermsAgreedUtc, d.AttendedUtc, d.NeedsErasedUtc, d.ErasedUtc))
            .ToListAsync(cancellationToken);
        var delegateIds = delegates.Select(d => d.Id).ToList();
        var feedback = await db.FeedbackRequests.AsNoTracking()
            .Where(f => delegateIds.Contains(f.DelegateId))
            .OrderBy(f => f.Id)
            .Select(f => new FeedbackAnswerRecord(
                f.Id, f.DelegateId, f.Roundtable.Title, f.TokenIssuedUtc, f.AnsweredUtc, f.AnswerChangedUtc, f.Usefulness, f.WhatShouldChange, f.TopicsForNextTime, f.RevokedUtc))
            .ToListAsync(cancellationToken);
        var account = await FindAccountAsync(normalised, cancellationToken);
        var accountId = account?.Id;

        var invitationIds = received.Select(r => r.InvitationId).Concat(delegates.Select(d => d.InvitationId)).Distinct().ToList();
        var replies = await db.Invitations.AsNoTracking()
            .Where(i => invitationIds.Contains(i.Id) || (accountId != null && i.RespondedByUserId == accountId))
            .OrderBy(i => i.Id)
            .Select(i => new ReplyRecord(
                i.Id, i.Roundtable.Title, i.Organisation.Name, i.Response.ToString(), i.RespondedUtc, i.RespondedByName,
                accountId != null && i.RespondedByUserId == accountId, i.DeclineReason))
            .ToListAsync(cancellationToken);

        var organisationIds = contacts.Select(c => c.OrganisationId)
            .Concat(account?.OrganisationId is { } own ? [own] : [])
            .ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => organisationIds.Contains(o.Id) || db.Invitations.Any(i => invitationIds.Contains(i.Id) && i.OrganisationId == o.Id))
            .OrderBy(o => o.Name)
            .Select(o => new OrganisationRecord(o.Id, o.Name))
            .ToListAsync(cancellationToken);

        var contactSubjects = contactIds.Select(i => Id(i)).ToList();
        var auditEvents = await db.AuditEvents.AsNoTracking()
            .Where(e => (e.SubjectType == "Contact" && contactSubjects.Contains(e.SubjectId!))
                || (accountId != null && ((e.SubjectType == "User" && e.SubjectId == accountId) || e.ActorUserId == accountId)))
            .OrderByDescending(e => e.Id)
            .Take(MaxAuditEvents)
            .Select(e => new AuditRecord(e.Id, e.OccurredUtc, e.Action, e.Summary, e.ActorName))
            .ToListAsync(cancellationToken);

        var recipientIds = received.Select(r => r.RecipientId).ToList();
        var emails = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.NormalisedToAddress == normalised || (m.InvitationRecipientId != null && recipientIds.Contains(m.InvitationRecipientId.Value)))
            .OrderBy(m => m.Id)
            .Select(m => new EmailRecord(m.Id, m.Kind, m.Subject, m.Status.ToString(), m.CreatedUtc, m.SentUtc))
            .ToListAsync(cancellationToken);

        return new PersonalDataExport(
            email.Trim(), time.GetUtcNow().UtcDateTime, contacts, organisations, received, replies, delegates, feedback, account, auditEvents, emails);
    }

    /// <summary>The export, with an audit event that names the person by internal ids only (none when nothing is held).</summary>
    public async Task<PersonalDataExport> ExportAsync(string email, CancellationToken cancellationToken)
    {
        var export = await FindAsync(email, cancellationToken);
        if (export.IsEmpty)
        {
            return export;
        }

        audit.Record("Privacy.Exported", $"Exported the personal data held about {Reference(export)}", SubjectType(export), SubjectId(export));
        await db.SaveChangesAsync(cancellationToken);
        return export;
    }

    /// <summary>
    /// Anonymises the person at once, as the retention job would (contacts, invitation recipients with their links
    /// revoked, delegate entries with their feedback comments, emails). Accounts are refused: they are managed under Users.
    /// </summary>
    public async Task<CommandResult<ErasureCounts>> EraseAsync(string email, CancellationToken cancellationToken)
    {
        var export = await FindAsync(email, cancellationToken);
        if (export.Account is not null)
        {
            return CommandResult.NotAllowed("This person has an account: accounts are managed under Users").As<ErasureCounts>();
        }

        if (export.IsEmpty)
        {
            return CommandResult.NotFound().As<ErasureCounts>();
        }

        var counts = await eraser.AnonymiseAsync(export.Contacts.Select(c => c.Id).ToList(), [Contact.Normalise(email)], time.GetUtcNow().UtcDateTime, cancellationToken);
        audit.Record(
            "Privacy.Erased",
            $"Erased on request the personal data held about {Reference(export)}: {Plural.Count(counts.Contacts, "contact")}, {Plural.Count(counts.Recipients, "invitation recipient")}, " +
            $"{Plural.Count(counts.Delegates, "delegate entry")} and {Plural.Count(counts.Emails, "email")} anonymised",
            SubjectType(export),
            SubjectId(export));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(counts);
    }

    /// <summary>"contact 12; delegate entries 3, 4; ...": who, by internal ids, never by email.</summary>
    public static string Reference(PersonalDataExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var parts = new List<string>();
        Add(parts, "contact", "contacts", export.Contacts.Select(c => Id(c.Id)));
        Add(parts, "invitation recipient", "invitation recipients", export.InvitationsReceived.Select(r => Id(r.RecipientId)));
        Add(parts, "delegate entry", "delegate entries", export.DelegateEntries.Select(d => Id(d.Id)));
        if (export.Account is { } account)
        {
            parts.Add("account " + account.Id);
        }

        if (parts.Count == 0)
        {
            Add(parts, "email", "emails", export.EmailsSent.Select(m => Id(m.Id)));
        }

        return parts.Count == 0 ? "nobody (nothing held)" : string.Join("; ", parts);
    }

    private static void Add(List<string> parts, string one, string many, IEnumerable<string> ids)
    {
        var list = ids.ToList();
        if (list.Count > 0)
        {
            parts.Add($"{Plural.Noun(list.Count, one, many)} {string.Join(", ", list)}");
        }
    }

    private static string? SubjectType(PersonalDataExport export) =>
        export.Contacts.Count > 0 ? "Contact" : export.Account is not null ? "User" : null;

    private static string? SubjectId(PersonalDataExport export) =>
        export.Contacts.Count > 0 ? Id(export.Contacts[0].Id) : export.Account?.Id;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<AccountRecord?> FindAccountAsync(string normalised, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roles = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        return new AccountRecord(user.Id, user.Email ?? "", user.DisplayName, roles, user.OrganisationId, user.TwoFactorEnabled, user.CreatedUtc, user.LastSignInUtc, user.DisabledUtc);
    }
}
