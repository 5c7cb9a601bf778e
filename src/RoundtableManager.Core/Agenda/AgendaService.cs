using System.Text;

namespace RoundtableManager.Core.Agenda;

public sealed class AgendaService(AppDbContext db, IAuditLog audit, IEmailOutbox outbox, PersonalCalendars calendars, IOptions<EmailOptions> emailOptions, TimeProvider time)
{
    public const string PublishedKind = "AgendaPublished";

    public async Task<AgendaView?> GetAsync(int roundtableId, AgendaAudience audience, CancellationToken cancellationToken)
    {
        var roundtable = await db.Roundtables.AsNoTracking()
            .Where(r => r.Id == roundtableId)
            .Select(r => new { r.Id, r.Title, r.StartsUtc, r.EndsUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (roundtable is null)
        {
            return null;
        }

        var published = await db.AgendaPublications.AsNoTracking()
            .Where(p => p.RoundtableId == roundtableId)
            .Select(p => (DateTime?)p.PublishedUtc)
            .SingleOrDefaultAsync(cancellationToken);
        var items = await db.AgendaItems.AsNoTracking()
            .Include(i => i.References).ThenInclude(r => r.Reference)
            .Include(i => i.Decisions)
            .Where(i => i.RoundtableId == roundtableId)
            .OrderBy(i => i.Position)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var itemIds = items.Select(i => i.Id).ToList();
        var suggestions = await db.Proposals.AsNoTracking()
            .Where(p => p.AgendaItemId != null && itemIds.Contains(p.AgendaItemId.Value) && p.Status == ProposalStatus.Accepted)
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new { p.AgendaItemId, p.ShowWhoAsked, o.Name })
            .ToListAsync(cancellationToken);

        var slots = AgendaTimetable.Compute(roundtable.StartsUtc, items.Select(i => i.DurationMinutes));
        var views = items.Select((item, index) =>
        {
            var redacted = audience == AgendaAudience.Supplier && item.Marking == TlpMarking.Red;
            var minutesVisible = !redacted && (audience == AgendaAudience.Government || item.MinutesPublishedUtc is not null);
            var suggestedBy = suggestions.Where(s => s.AgendaItemId == item.Id)
                .Select(s => audience == AgendaAudience.Government || s.ShowWhoAsked ? s.Name : "A supplier")
                .Distinct(StringComparer.Ordinal).ToList();
            return new AgendaItemView(
                item.Id,
                item.Position,
                item.Kind,
                item.Title,
                redacted ? null : item.Description,
                item.Category,
                // Who leads a RED item is itself sensitive: suppliers get the title only (portal, emails, calendar).
                redacted ? null : item.LeadName,
                redacted ? null : item.LeadOrganisation,
                item.DurationMinutes,
                item.Marking,
                redacted ? null : item.ContractClauses,
                redacted ? [] : item.References.Select(r => r.Reference.Display).Order(StringComparer.Ordinal).ToList(),
                slots[index].StartsUtc,
                slots[index].EndsUtc,
                item.UpdatedAfterPublishUtc,
                minutesVisible ? item.Minutes : null,
                item.MinutesPublishedUtc,
                item.MinutesRevisedUtc,
                minutesVisible ? item.Decisions.OrderBy(d => d.Id).Select(d => new DecisionView(d.Text, d.RecordedBy, d.RecordedUtc)).ToList() : [],
                redacted ? [] : suggestedBy,
                redacted);
        }).ToList();
        return new AgendaView(roundtable.Id, roundtable.Title, roundtable.StartsUtc, roundtable.EndsUtc, published, views);
    }

    /// <summary>Whether the organisation may read the roundtable's agenda: it is published and they accepted.</summary>
    public Task<bool> CanOrganisationSeeAsync(int roundtableId, int organisationId, CancellationToken cancellationToken) =>
        db.Invitations.AnyAsync(
            i => i.RoundtableId == roundtableId && i.OrganisationId == organisationId && i.RevokedUtc == null
                && i.Response == InvitationResponse.Accepted
                && db.AgendaPublications.Any(p => p.RoundtableId == roundtableId),
            cancellationToken);

    public async Task<IReadOnlyList<LeadOption>> ListLeadsAsync(CancellationToken cancellationToken)
    {
        var roleIds = await db.Roles.Where(r => r.Name == Roles.Organiser || r.Name == Roles.Staff).Select(r => r.Id).ToListAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.DisabledUtc == null && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new LeadOption(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Reference>> ListReferencesAsync(CancellationToken cancellationToken) =>
        await db.References.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    public async Task<CommandResult<int>> AddReferenceAsync(ReferenceKind kind, string? code, string? title, CancellationToken cancellationToken)
    {
        if (AgendaRules.CheckReference(code, title) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var reference = new Reference { Kind = kind, Code = TextRules.SingleLine(code) ?? "", Title = TextRules.SingleLine(title)! };
        db.References.Add(reference);
        audit.Record("Agenda.ReferenceAdded", $"Added the reference {reference.Display}", "Reference");
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(reference.Id);
    }

    public Task<bool> ItemBelongsAsync(int roundtableId, int itemId, CancellationToken cancellationToken) =>
        db.AgendaItems.AnyAsync(i => i.Id == itemId && i.RoundtableId == roundtableId, cancellationToken);

    /// <summary>The roundtable's agenda items (not breaks) in order, for choosing one.</summary>
    public Task<List<AgendaItemTitle>> ListItemTitlesAsync(int roundtableId, CancellationToken cancellationToken) =>
        db.AgendaItems.AsNoTracking()
            .Where(i => i.RoundtableId == roundtableId && i.Kind == AgendaItemKind.Item)
            .OrderBy(i => i.Position)
            .Select(i => new AgendaItemTitle(i.Id, i.Title))
            .ToListAsync(cancellationToken);

    public Task<AgendaItem?> FindItemAsync(int itemId, CancellationToken cancellationToken) =>
        db.AgendaItems.AsNoTracking().Include(i => i.References).SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);

    /// <summary>Adds the item: Done with its id; NotFound when there is no such roundtable; Invalid when it breaks <see cref="AgendaRules"/>.</summary>
    public async Task<CommandResult<int>> AddItemAsync(int roundtableId, AgendaItemDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (!await db.Roundtables.AnyAsync(r => r.Id == roundtableId, cancellationToken))
        {
            return CommandResult.NotFound().As<int>();
        }

        if (Check(details) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var item = await NewItemAsync(roundtableId, cancellationToken);
        await ApplyAsync(item, details, cancellationToken);
        db.AgendaItems.Add(item);
        audit.Record("Agenda.ItemAdded", $"Added \"{item.Title}\" to the agenda", "Roundtable", roundtableId.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(item.Id);
    }

    /// <summary>Changes the item: Done; NotFound when there is no such item; Invalid when it breaks <see cref="AgendaRules"/>.</summary>
    public async Task<CommandResult<int>> UpdateItemAsync(int itemId, AgendaItemDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var item = await db.AgendaItems.Include(i => i.References).SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (Check(details) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        await ApplyAsync(item, details, cancellationToken);
        await MarkUpdatedIfPublishedAsync(item.RoundtableId, [item], cancellationToken);
        audit.Record("Agenda.ItemChanged", $"Changed the agenda item \"{item.Title}\"", "Roundtable", item.RoundtableId.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(itemId);
    }

    /// <summary>Swaps the item with its neighbour; positions are renumbered 1..n so gaps left by anything never matter.</summary>
    public async Task<int?> MoveAsync(int itemId, bool up, CancellationToken cancellationToken)
    {
        var item = await db.AgendaItems.SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var items = await db.AgendaItems.Where(i => i.RoundtableId == item.RoundtableId).OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var index = items.FindIndex(i => i.Id == itemId);
        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= items.Count)
        {
            return item.RoundtableId;
        }

        (items[index], items[other]) = (items[other], items[index]);
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Position = i + 1;
        }

        await MarkUpdatedIfPublishedAsync(item.RoundtableId, [items[index], items[other]], cancellationToken);
        audit.Record("Agenda.ItemMoved", $"Moved \"{item.Title}\" {(up ? "up" : "down")} the agenda", "Roundtable", item.RoundtableId.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return item.RoundtableId;
    }

    /// <summary>
    /// Who gets the agenda: the accepted organisations' current invitation recipients and their confirmed delegates,
    /// once per address (a delegate's name wins).
    /// </summary>
    public async Task<IReadOnlyList<AgendaRecipient>> ListAttendeeRecipientsAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var delegates = await db.Delegates.AsNoTracking()
            .Where(d => d.RoundtableId == roundtableId && d.Status == DelegateStatus.Confirmed
                && d.Invitation.Response == InvitationResponse.Accepted && d.Invitation.RevokedUtc == null)
            .OrderBy(d => d.Id)
            .Select(d => new AgendaRecipient(d.Email, d.FullName, d.Invitation.OrganisationId))
            .ToListAsync(cancellationToken);
        var recipients = await db.InvitationRecipients.AsNoTracking()
            .Where(r => r.Invitation.RoundtableId == roundtableId && r.Invitation.Response == InvitationResponse.Accepted
                && r.Invitation.RevokedUtc == null && r.RevokedUtc == null)
            .OrderBy(r => r.Id)
            .Select(r => new AgendaRecipient(r.Email, r.Name, r.Invitation.OrganisationId))
            .ToListAsync(cancellationToken);
        return delegates.Concat(recipients).DistinctBy(r => r.Email.ToUpperInvariant()).ToList();
    }

    /// <summary>
    /// Publishes the agenda to accepted organisations and queues an email with a link to each of their recipients; the
    /// value is how many emails were queued (Unchanged when it was already published).
    /// </summary>
    public async Task<CommandResult<int>> PublishAsync(int roundtableId, string publishedBy, CancellationToken cancellationToken)
    {
        var agenda = await GetAsync(roundtableId, AgendaAudience.Supplier, cancellationToken);
        if (agenda is null)
        {
            return CommandResult.NotFound().As<int>();
        }

        if (agenda.PublishedUtc is not null)
        {
            return CommandResult.Unchanged(0);
        }

        if (agenda.Items.Count == 0)
        {
            return CommandResult.NotAllowed("Add an item to the agenda before publishing it").As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.AgendaPublications.Add(new AgendaPublication { RoundtableId = roundtableId, PublishedUtc = now, PublishedBy = publishedBy });
        var recipients = await ListAttendeeRecipientsAsync(roundtableId, cancellationToken);
        var link = $"{emailOptions.Value.PublicBaseUrl.TrimEnd('/')}/portal/roundtables/{roundtableId}/agenda";
        var roundtable = await db.Roundtables.SingleAsync(r => r.Id == roundtableId, cancellationToken);
        var agendaText = PlainText(agenda);
        // Attending people's calendar entries are updated to carry the agenda: same UID, higher SEQUENCE.
        var plan = await calendars.PlanAsync(roundtable, recipients.Select(r => new CalendarPerson(r.Email, r.Name)), CalendarRefresh.LiveEntries,
            () => Task.FromResult<string?>(agendaText), cancellationToken);
        foreach (var (email, name, _) in recipients)
        {
            var calendar = plan.Take(email);
            var body = new EmailBody()
                .Heading($"The agenda for {agenda.RoundtableTitle} is ready")
                .Paragraph($"Dear {name},")
                .Paragraph($"The roundtable is on {UkTime.FormatRange(agenda.StartsUtc, agenda.EndsUtc)}. This is the agenda:")
                .Bullets(agenda.Items.Select(EmailLine).ToArray())
                .Paragraph("Each item carries a Traffic Light Protocol (TLP) marking that says how far you may share it.")
                .Link("Read the agenda", link);
            if (calendar is not null)
            {
                body.Paragraph(calendar.Removes
                    ? "The calendar entry with this email removes the roundtable from your calendar, as you are not named to attend."
                    : "The calendar entry with this email adds the agenda to your calendar.");
            }

            outbox.Enqueue(new EmailDraft(PublishedKind, email, name, $"Agenda: {agenda.RoundtableTitle}", body)
            {
                RoundtableId = roundtableId,
                DedupeKey = $"agenda-published:{roundtableId}:{email.ToUpperInvariant()}",
            }.WithCalendar(calendar));
        }

        audit.Record("Agenda.Published", $"Published the agenda ({Plural.Count(agenda.Items.Count, "item")}) to {Plural.Count(recipients.Count, "person")}", "Roundtable", roundtableId.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(recipients.Count);
    }

    /// <summary>
    /// The published agenda as plain text, as suppliers may read it (RED items by title only), for a calendar entry's
    /// DESCRIPTION. Null when the agenda is not published.
    /// </summary>
    public async Task<string?> ToPlainTextAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var agenda = await GetAsync(roundtableId, AgendaAudience.Supplier, cancellationToken);
        return agenda?.PublishedUtc is null ? null : PlainText(agenda);
    }

    private static string PlainText(AgendaView agenda)
    {
        var text = new StringBuilder();
        text.Append("Agenda: ").AppendLine(agenda.RoundtableTitle);
        text.AppendLine(UkTime.FormatRange(agenda.StartsUtc, agenda.EndsUtc)).AppendLine();
        foreach (var item in agenda.Items)
        {
            text.AppendLine(EmailLine(item));
            if (item.LeadName is not null)
            {
                text.Append("  Lead: ").AppendLine(item.Lead);
            }

            if (!string.IsNullOrWhiteSpace(item.Description))
            {
                text.Append("  ").AppendLine(item.Description.ReplaceLineEndings(" "));
            }

            if (item.References.Count > 0 || item.ContractClauses is not null)
            {
                text.Append("  References: ").AppendLine(string.Join("; ", item.References.Append(item.ContractClauses).OfType<string>()));
            }
        }

        return text.ToString();
    }

    internal static string EmailLine(AgendaItemView item) =>
        $"{UkTime.FormatTime(item.StartsUtc)} to {UkTime.FormatTime(item.EndsUtc)}: {item.Title} [{item.Marking.Label()}]";

    internal async Task<AgendaItem> NewItemAsync(int roundtableId, CancellationToken cancellationToken)
    {
        var last = await db.AgendaItems.Where(i => i.RoundtableId == roundtableId).MaxAsync(i => (int?)i.Position, cancellationToken) ?? 0;
        var now = time.GetUtcNow().UtcDateTime;
        var item = new AgendaItem { RoundtableId = roundtableId, Position = last + 1, CreatedUtc = now, UpdatedUtc = now };
        await MarkUpdatedIfPublishedAsync(roundtableId, [item], cancellationToken);
        return item;
    }

    private async Task MarkUpdatedIfPublishedAsync(int roundtableId, IEnumerable<AgendaItem> items, CancellationToken cancellationToken)
    {
        if (await db.AgendaPublications.AnyAsync(p => p.RoundtableId == roundtableId, cancellationToken))
        {
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var item in items)
            {
                item.UpdatedAfterPublishUtc = now;
            }
        }
    }

    private static List<FieldError> Check(AgendaItemDetails details) => AgendaRules.CheckItem(details);

    private async Task ApplyAsync(AgendaItem item, AgendaItemDetails details, CancellationToken cancellationToken)
    {
        item.Kind = details.Kind;
        item.Title = TextRules.SingleLine(details.Title) ?? "Break";
        item.Description = TextRules.MultiLine(details.Description);
        item.Category = details.Category;
        item.DurationMinutes = details.DurationMinutes;
        item.Marking = details.Marking;
        item.ContractClauses = TextRules.SingleLine(details.ContractClauses);
        item.LeadUserId = null;
        item.LeadName = TextRules.SingleLine(details.LeadName);
        item.LeadOrganisation = TextRules.SingleLine(details.LeadOrganisation);
        if (details.LeadUserId is not null)
        {
            var lead = (await ListLeadsAsync(cancellationToken)).SingleOrDefault(l => l.UserId == details.LeadUserId);
            if (lead is not null)
            {
                item.LeadUserId = lead.UserId;
                item.LeadName = lead.Name;
                item.LeadOrganisation = null;
            }
        }

        var known = await db.References.Where(r => details.ReferenceIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        item.References.RemoveAll(r => !known.Contains(r.ReferenceId));
        foreach (var id in known.Where(id => item.References.All(r => r.ReferenceId != id)))
        {
            item.References.Add(new AgendaItemReference { ReferenceId = id });
        }

        item.UpdatedUtc = time.GetUtcNow().UtcDateTime;
    }
}
