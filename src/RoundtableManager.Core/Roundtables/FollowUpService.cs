namespace RoundtableManager.Core.Roundtables;

/// <summary>An organisation invited to the previous roundtable: how it answered and who of it was checked in.</summary>
public sealed record PreviousInvitee(int OrganisationId, string OrganisationName, InvitationResponse Response, IReadOnlyList<string> Attended)
{
    public bool AttendedAny => Attended.Count > 0;
}

/// <summary>
/// A follow-up roundtable made from a previous one: its details offered again, its agenda's items and reminder settings
/// copied (never minutes, decisions or the publication), the previous invite list chosen for inviting, and the two
/// linked as a series.
/// </summary>
public sealed class FollowUpService(AppDbContext db, RoundtableService roundtables, InviteSelectionService selections, IAuditLog audit, TimeProvider time)
{
    public const string TitleSuffix = " (follow-up)";

    /// <summary>The previous roundtable's standing invitations, by organisation name; archived organisations are left out.</summary>
    public async Task<IReadOnlyList<PreviousInvitee>> PreviousInviteesAsync(int previousId, CancellationToken cancellationToken)
    {
        var rows = await db.Invitations.AsNoTracking()
            .Where(i => i.RoundtableId == previousId && i.RevokedUtc == null && !i.Organisation.IsArchived)
            .OrderBy(i => i.Organisation.Name)
            .Select(i => new
            {
                i.OrganisationId,
                i.Organisation.Name,
                i.Response,
                Attended = i.Delegates.Where(d => d.AttendedUtc != null && d.ErasedUtc == null).OrderBy(d => d.FullName).Select(d => d.FullName).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PreviousInvitee(r.OrganisationId, r.Name, r.Response, r.Attended))];
    }

    public Task<int> AgendaItemsAsync(int previousId, CancellationToken cancellationToken) =>
        db.AgendaItems.CountAsync(i => i.RoundtableId == previousId, cancellationToken);

    /// <summary>
    /// Creates the follow-up with <paramref name="details"/> and chooses <paramref name="organisationIds"/> (those of the
    /// previous invite list) for <paramref name="userId"/>'s next invitation round, each with the people invited last time.
    /// </summary>
    /// <returns>Done with the new roundtable's id; NotFound without the previous one; Invalid with the broken rules.</returns>
    public async Task<CommandResult<int>> CreateAsync(int previousId, RoundtableDetails details, IReadOnlyCollection<int> organisationIds, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(organisationIds);
        return await db.InTransactionAsync(async () =>
        {
            var previous = await db.Roundtables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == previousId, cancellationToken);
            if (previous is null)
            {
                return CommandResult.NotFound().As<int>();
            }

            var created = await roundtables.CreateAsync(details, cancellationToken);
            if (created.Status != CommandStatus.Done)
            {
                return created;
            }

            var id = created.Value;
            var now = time.GetUtcNow().UtcDateTime;
            await db.Roundtables.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.PreviousRoundtableId, previousId), cancellationToken);
            await CopyRemindersAsync(previousId, id, now, cancellationToken);
            var items = await CopyAgendaAsync(previousId, id, now, cancellationToken);
            var chosen = await ChooseInviteesAsync(previousId, id, organisationIds, userId, cancellationToken);
            audit.Record("Roundtable.FollowUpCreated",
                $"Follow-up of \"{previous.Title}\" created with {Plural.Count(items, "agenda item")} and {Plural.Count(chosen, "organisation")} chosen to invite",
                nameof(Roundtable), id.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
            return created;
        }, cancellationToken);
    }

    private async Task CopyRemindersAsync(int previousId, int id, DateTime now, CancellationToken cancellationToken)
    {
        var settings = await db.ReminderSettings.AsNoTracking().Where(s => s.RoundtableId == previousId).ToListAsync(cancellationToken);
        db.ReminderSettings.AddRange(settings.Select(s => new Reminders.ReminderSetting
        {
            RoundtableId = id,
            Kind = s.Kind,
            Enabled = s.Enabled,
            OffsetDays = s.OffsetDays,
            UpdatedUtc = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The items and breaks in order, with their references; not their minutes or decisions.</summary>
    private async Task<int> CopyAgendaAsync(int previousId, int id, DateTime now, CancellationToken cancellationToken)
    {
        var items = await db.AgendaItems.AsNoTracking().Include(i => i.References)
            .Where(i => i.RoundtableId == previousId).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        db.AgendaItems.AddRange(items.Select(item => new AgendaItem
        {
            RoundtableId = id,
            Position = item.Position,
            Kind = item.Kind,
            Title = item.Title,
            Description = item.Description,
            Category = item.Category,
            LeadUserId = item.LeadUserId,
            LeadName = item.LeadName,
            LeadOrganisation = item.LeadOrganisation,
            DurationMinutes = item.DurationMinutes,
            Marking = item.Marking,
            ContractClauses = item.ContractClauses,
            CreatedUtc = now,
            UpdatedUtc = now,
            References = [.. item.References.Select(r => new AgendaItemReference { ReferenceId = r.ReferenceId })],
        }));
        await db.SaveChangesAsync(cancellationToken);
        return items.Count;
    }

    /// <summary>The ticked organisations of the previous invite list, each with the directory contacts it was sent to last time.</summary>
    private async Task<int> ChooseInviteesAsync(int previousId, int id, IReadOnlyCollection<int> organisationIds, string userId, CancellationToken cancellationToken)
    {
        var wanted = organisationIds.ToList();
        var previous = await db.Invitations.AsNoTracking()
            .Where(i => i.RoundtableId == previousId && i.RevokedUtc == null && !i.Organisation.IsArchived && wanted.Contains(i.OrganisationId))
            .Select(i => new
            {
                i.OrganisationId,
                Contacts = i.Recipients.Where(r => r.RevokedUtc == null && r.ContactId != null && r.Contact!.ErasedUtc == null).Select(r => r.ContactId!.Value).ToList(),
            })
            .ToListAsync(cancellationToken);
        var ids = previous.Select(p => p.OrganisationId).ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        await selections.SetOrganisationsAsync(id, userId, ids, ids, cancellationToken);
        await selections.SetPeopleAsync(id, userId,
            previous.Where(p => p.Contacts.Count > 0).ToDictionary(p => p.OrganisationId, p => (IReadOnlyCollection<int>)p.Contacts), cancellationToken);
        return ids.Count;
    }
}
