namespace RoundtableManager.Core.Controls;

/// <summary>Who a set is adopted for: a roundtable's organisations (every one invited, or only those that accepted), chosen organisations, or a tag's.</summary>
public sealed record AdoptionTarget(int? RoundtableId = null, bool AcceptedOnly = false, IReadOnlyCollection<int>? OrganisationIds = null, int? TagId = null);

/// <summary>What an adoption did: how many organisations were newly asked, and how many already had the set.</summary>
public sealed record AdoptionOutcome(int Adopted, int AlreadyAdopted);

/// <summary>
/// Adopting a set for organisations: each gets a Not started answer per control it is not yet asked about, and its
/// recipients an email (through the outbox, in the same save) asking for the assessment. Audited per organisation.
/// </summary>
public sealed class ControlAdoptionService(AppDbContext db, IAuditLog audit, IEmailOutbox outbox, IOptions<EmailOptions> email, TimeProvider time)
{
    public const string EmailKind = "ControlsAssessmentRequested";

    public async Task<CommandResult<AdoptionOutcome>> AdoptAsync(int setId, AdoptionTarget target, ControlActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(actor);
        var set = await db.ControlSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == setId, cancellationToken);
        if (set is null)
        {
            return CommandResult.NotFound().As<AdoptionOutcome>();
        }

        var (organisations, error) = await OrganisationsAsync(target, cancellationToken);
        if (error is not null)
        {
            return CommandResult.Invalid(error).As<AdoptionOutcome>();
        }

        var already = await db.ControlAdoptions.Where(a => a.ControlSetId == setId && EF.Parameter(organisations).Contains(a.OrganisationId)).Select(a => a.OrganisationId).ToListAsync(cancellationToken);
        var fresh = organisations.Except(already).ToList();
        if (fresh.Count == 0)
        {
            return CommandResult.Unchanged(new AdoptionOutcome(0, already.Count));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var controls = await db.Controls.AsNoTracking().Where(c => c.ControlSetId == setId && c.RetiredUtc == null).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync(cancellationToken);
        var answered = await db.ControlAnswers.Where(a => EF.Parameter(fresh).Contains(a.OrganisationId) && EF.Parameter(controls).Contains(a.ControlId))
            .Select(a => new { a.OrganisationId, a.ControlId }).ToListAsync(cancellationToken);
        var names = await db.Organisations.AsNoTracking().Where(o => EF.Parameter(fresh).Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var roundtable = target.RoundtableId is { } rt ? await db.Roundtables.AsNoTracking().Where(r => r.Id == rt).Select(r => r.Title).FirstAsync(cancellationToken) : null;
        var recipients = await ControlRecipients.ForAsync(db, fresh, target.RoundtableId, cancellationToken);
        foreach (var organisationId in fresh)
        {
            db.ControlAdoptions.Add(new ControlAdoption { ControlSetId = setId, OrganisationId = organisationId, RoundtableId = target.RoundtableId, AdoptedUtc = now, AdoptedByName = actor.Name });
            db.ControlAnswers.AddRange(controls.Where(c => !answered.Any(a => a.OrganisationId == organisationId && a.ControlId == c))
                .Select(c => new ControlAnswer { OrganisationId = organisationId, ControlId = c, CreatedUtc = now }));
            audit.Record("Controls.Adopted", $"Asked {names[organisationId]} to assess itself against \"{set.Name}\"{(roundtable is null ? "" : $" for the roundtable \"{roundtable}\"")}",
                ControlSetCommands.SubjectType, ControlSetCommands.Id(setId), organisationId, (actor.UserId, actor.Name));
            foreach (var recipient in recipients[organisationId])
            {
                outbox.Enqueue(Request(set, controls.Count, names[organisationId], roundtable, target.RoundtableId, recipient));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(new AdoptionOutcome(fresh.Count, already.Count));
    }

    /// <summary>The organisations (not archived) with the tag (<see cref="TaggedOrganisations.WithTag"/>).</summary>
    public static IQueryable<Organisation> Tagged(AppDbContext db, int tagId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Organisations.AsNoTracking().Where(o => !o.IsArchived).WithTag(db.OrganisationTags, tagId);
    }

    private async Task<(List<int> Organisations, FieldError? Error)> OrganisationsAsync(AdoptionTarget target, CancellationToken cancellationToken)
    {
        var live = db.Organisations.AsNoTracking().Where(o => !o.IsArchived);
        List<int> ids;
        string field;
        if (target.RoundtableId is { } roundtableId)
        {
            field = "RoundtableId";
            if (!await db.Roundtables.AnyAsync(r => r.Id == roundtableId, cancellationToken))
            {
                return ([], new(field, "Select a roundtable"));
            }

            ids = await db.Invitations.Where(i => i.RoundtableId == roundtableId && i.RevokedUtc == null
                    && (target.AcceptedOnly ? i.Response == InvitationResponse.Accepted : i.Response != InvitationResponse.Declined)
                    && live.Any(o => o.Id == i.OrganisationId))
                .Select(i => i.OrganisationId).Distinct().ToListAsync(cancellationToken);
        }
        else if (target.TagId is { } tagId)
        {
            field = "TagId";
            if (!await db.Tags.AnyAsync(t => t.Id == tagId, cancellationToken))
            {
                return ([], new(field, "Select a tag"));
            }

            ids = await Tagged(db, tagId).Select(o => o.Id).ToListAsync(cancellationToken);
        }
        else
        {
            field = "OrganisationIds";
            var chosen = (target.OrganisationIds ?? []).Distinct().ToList();
            ids = chosen.Count == 0 ? [] : await live.Where(o => EF.Parameter(chosen).Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
            if (chosen.Count == 0)
            {
                return ([], new(field, "Select at least one organisation"));
            }
        }

        return ids.Count == 0 ? ([], new(field, "No organisation matches: nobody would be asked")) : (ids, null);
    }

    private EmailDraft Request(ControlSet set, int controls, string organisation, string? roundtable, int? roundtableId, ControlRecipient recipient)
    {
        var body = new EmailBody()
            .Heading($"Please assess {organisation} against {set.Name}")
            .MarkingNotice(set.Marking)
            .Paragraph($"Dear {recipient.Name},")
            .Paragraph(roundtable is null
                ? $"We have asked {organisation} to assess itself against the {controls} controls of {set.Name}."
                : $"As part of the roundtable \"{roundtable}\", we have asked {organisation} to assess itself against the {controls} controls of {set.Name}.")
            .Paragraph("For each control, say whether it is in place, partly in place, not started or not applicable, when you expect it to be in place, and add any evidence. Our staff then verify the answers.")
            .Link("Open your assessment", $"{email.Value.PublicBaseUrl.TrimEnd('/')}/portal/controls")
            .Paragraph("You will be asked to sign in. If you do not have an account yet, reply to this email and we will set one up.");
        var subject = ControlNames.MarkedSubject(set.Marking, $"Please assess {organisation} against {set.Name}");
        return new EmailDraft(EmailKind, recipient.Email, recipient.Name, subject, body) { RoundtableId = roundtableId };
    }
}
