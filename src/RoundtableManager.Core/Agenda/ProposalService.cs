namespace RoundtableManager.Core.Agenda;

public sealed record ProposalView(
    int Id,
    int RoundtableId,
    string RoundtableTitle,
    int OrganisationId,
    string OrganisationName,
    string SubmittedByName,
    AgendaCategory Category,
    string Text,
    bool ShowWhoAsked,
    ProposalStatus Status,
    string? DeclineReason,
    int? AgendaItemId,
    string? AgendaItemTitle,
    int? DuplicateOfId,
    DateTime CreatedUtc,
    DateTime? DecidedUtc);

public sealed record InvitedRoundtable(int RoundtableId, string Title, DateTime StartsUtc, DateTime EndsUtc, InvitationResponse Response, bool AgendaPublished);

public sealed class ProposalService(AppDbContext db, AgendaService agenda, IAuditLog audit, TimeProvider time)
{
    private const string ChooseFromThisRoundtable = "Choose an agenda item or proposal from this roundtable";

    /// <summary>Roundtables the organisation may propose topics for: invited (not revoked), not declined, not cancelled.</summary>
    public async Task<IReadOnlyList<InvitedRoundtable>> ListInvitedAsync(int organisationId, CancellationToken cancellationToken) =>
        await db.Invitations.AsNoTracking()
            .Where(i => i.OrganisationId == organisationId && i.RevokedUtc == null && i.Roundtable.Status != RoundtableStatus.Cancelled
                && i.Roundtable.Status != RoundtableStatus.Draft)
            .OrderBy(i => i.Roundtable.StartsUtc)
            .Select(i => new InvitedRoundtable(i.RoundtableId, i.Roundtable.Title, i.Roundtable.StartsUtc, i.Roundtable.EndsUtc, i.Response,
                db.AgendaPublications.Any(p => p.RoundtableId == i.RoundtableId)))
            .ToListAsync(cancellationToken);

    public async Task<bool> CanProposeAsync(int roundtableId, int organisationId, CancellationToken cancellationToken) =>
        (await ListInvitedAsync(organisationId, cancellationToken)).Any(r => r.RoundtableId == roundtableId && r.Response != InvitationResponse.Declined);

    /// <summary>Saves the proposal: Done with its id; NotFound when the organisation may not propose for this roundtable; Invalid when the text breaks the rules.</summary>
    public async Task<CommandResult<int>> SubmitAsync(int roundtableId, int organisationId, (string Id, string Name) by, AgendaCategory category, string? text, bool showWhoAsked, CancellationToken cancellationToken)
    {
        if (!await CanProposeAsync(roundtableId, organisationId, cancellationToken))
        {
            return CommandResult.NotFound().As<int>();
        }

        if (AgendaRules.CheckProposal(text) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var proposal = new Proposal
        {
            RoundtableId = roundtableId,
            OrganisationId = organisationId,
            SubmittedByUserId = by.Id,
            SubmittedByName = by.Name,
            Category = category,
            Text = TextRules.MultiLine(text)!,
            ShowWhoAsked = showWhoAsked,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.Proposals.Add(proposal);
        audit.Record("Proposal.Submitted", $"Proposed a {category.DisplayName().ToLowerInvariant()} topic", "Roundtable", Id(roundtableId), organisationId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done(proposal.Id);
    }

    public Task<bool> BelongsAsync(int roundtableId, int proposalId, CancellationToken cancellationToken) =>
        db.Proposals.AnyAsync(p => p.Id == proposalId && p.RoundtableId == roundtableId, cancellationToken);

    /// <summary>Proposals for the roundtable still waiting for an organiser's decision.</summary>
    public Task<int> CountWaitingAsync(int roundtableId, CancellationToken cancellationToken) =>
        db.Proposals.CountAsync(p => p.RoundtableId == roundtableId && p.Status == ProposalStatus.Submitted, cancellationToken);

    public async Task<List<ProposalView>> ListForRoundtableAsync(int roundtableId, CancellationToken cancellationToken) =>
        (await Views(p => p.RoundtableId == roundtableId).ToListAsync(cancellationToken)).OrderBy(p => p.Status).ThenBy(p => p.Id).ToList();

    public async Task<List<ProposalView>> ListForOrganisationAsync(int organisationId, CancellationToken cancellationToken) =>
        (await Views(p => p.OrganisationId == organisationId).ToListAsync(cancellationToken)).OrderByDescending(p => p.Id).ToList();

    public Task<ProposalView?> FindAsync(int id, CancellationToken cancellationToken) =>
        Views(p => p.Id == id).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Accepts the proposal into an existing item of the same roundtable, or a new item made from its text.</summary>
    public async Task<CommandResult> AcceptAsync(int id, int? existingItemId, CancellationToken cancellationToken)
    {
        var (proposal, refusal) = await UndecidedAsync(id, cancellationToken);
        if (proposal is null)
        {
            return refusal;
        }

        if (existingItemId is not null)
        {
            if (!await db.AgendaItems.AnyAsync(i => i.Id == existingItemId && i.RoundtableId == proposal.RoundtableId && i.Kind == AgendaItemKind.Item, cancellationToken))
            {
                return CommandResult.Invalid(nameof(Proposal.AgendaItemId), ChooseFromThisRoundtable);
            }

            proposal.AgendaItemId = existingItemId;
        }
        else
        {
            var item = await agenda.NewItemAsync(proposal.RoundtableId, cancellationToken);
            item.Title = TitleFrom(proposal.Text);
            item.Description = proposal.Text.Length > AgendaItem.TitleMaxLength ? proposal.Text : null;
            item.Category = proposal.Category;
            item.DurationMinutes = 15;
            item.Marking = TlpMarking.Amber;
            db.AgendaItems.Add(item);
            audit.Record("Agenda.ItemAdded", $"Added \"{item.Title}\" to the agenda from a supplier's proposal", "Roundtable", Id(proposal.RoundtableId));
            // Through the navigation, one SaveChanges writes the item and the decision together.
            proposal.AgendaItem = item;
        }

        Decide(proposal, ProposalStatus.Accepted);
        audit.Record("Proposal.Accepted", "Accepted a supplier's proposal into the agenda", "Proposal", Id(proposal.Id), proposal.OrganisationId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done();
    }

    public async Task<CommandResult> MergeAsync(int id, int duplicateOfId, CancellationToken cancellationToken)
    {
        var (proposal, refusal) = await UndecidedAsync(id, cancellationToken);
        if (proposal is null)
        {
            return refusal;
        }

        var original = await db.Proposals.SingleOrDefaultAsync(p => p.Id == duplicateOfId && p.RoundtableId == proposal.RoundtableId && p.Id != id, cancellationToken);
        if (original is null || original.Status is ProposalStatus.Merged or ProposalStatus.Declined)
        {
            return CommandResult.Invalid(nameof(Proposal.DuplicateOfId), ChooseFromThisRoundtable);
        }

        proposal.DuplicateOfId = original.Id;
        proposal.AgendaItemId = original.AgendaItemId;
        Decide(proposal, ProposalStatus.Merged);
        audit.Record("Proposal.Merged", $"Marked a proposal as a duplicate of proposal {original.Id}", "Proposal", Id(proposal.Id), proposal.OrganisationId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done();
    }

    public async Task<CommandResult> DeclineAsync(int id, string? reason, CancellationToken cancellationToken)
    {
        var (proposal, refusal) = await UndecidedAsync(id, cancellationToken);
        if (proposal is null)
        {
            return refusal;
        }

        if (AgendaRules.CheckDeclineReason(reason) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid(errors);
        }

        proposal.DeclineReason = TextRules.MultiLine(reason);
        Decide(proposal, ProposalStatus.Declined);
        audit.Record("Proposal.Declined", "Declined a supplier's proposal", "Proposal", Id(proposal.Id), proposal.OrganisationId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done();
    }

    private async Task<(Proposal? Proposal, CommandResult Refusal)> UndecidedAsync(int id, CancellationToken cancellationToken)
    {
        var proposal = await db.Proposals.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return proposal is null ? (null, CommandResult.NotFound())
            : proposal.Status != ProposalStatus.Submitted ? (null, CommandResult.Conflict("This proposal has already been decided"))
            : (proposal, CommandResult.Done());
    }

    private void Decide(Proposal proposal, ProposalStatus status)
    {
        proposal.Status = status;
        proposal.DecidedUtc = time.GetUtcNow().UtcDateTime;
    }

    private static string TitleFrom(string text)
    {
        var line = TextRules.ToOneLine(text);
        return line.Length <= AgendaItem.TitleMaxLength ? line : line[..(AgendaItem.TitleMaxLength - 3)].TrimEnd() + "...";
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private IQueryable<ProposalView> Views(System.Linq.Expressions.Expression<Func<Proposal, bool>> filter) =>
        from p in db.Proposals.AsNoTracking().Where(filter)
        join r in db.Roundtables on p.RoundtableId equals r.Id
        join o in db.Organisations on p.OrganisationId equals o.Id
        select new ProposalView(p.Id, p.RoundtableId, r.Title, p.OrganisationId, o.Name, p.SubmittedByName, p.Category, p.Text, p.ShowWhoAsked,
            p.Status, p.DeclineReason, p.AgendaItemId, db.AgendaItems.Where(i => i.Id == p.AgendaItemId).Select(i => i.Title).FirstOrDefault(),
            p.DuplicateOfId, p.CreatedUtc, p.DecidedUtc);
}
