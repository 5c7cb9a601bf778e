using System.Text.Json;

namespace RoundtableManager.Core.Invitations;

public sealed record OrganisationChoice(int Id, string Name, OrganisationType Type, int Contacts, bool Selected);

/// <summary>
/// One page of the organisations that can be chosen (matching the filter), and how many are chosen in all. Nothing on
/// it counts the whole directory: whether there is a next page comes from reading one more row, how many can be chosen
/// is counted only when a tag limits it (<see cref="Choosable"/> is then null without a tag), and the organisations
/// that cannot be chosen listed are those already invited to this roundtable (read from its invitations).
/// </summary>
public sealed record ChooseOrganisationsView(
    IReadOnlyList<OrganisationChoice> Organisations,
    int Page,
    bool HasNextPage,
    int? Choosable,
    int Selected,
    IReadOnlyList<string> AlreadyInvited,
    int MoreAlreadyInvited)
{
    public int FirstShown => Organisations.Count == 0 ? 0 : ((Page - 1) * InviteSelectionService.OrganisationsPerPage) + 1;

    public int LastShown => Organisations.Count == 0 ? 0 : FirstShown + Organisations.Count - 1;
}

/// <summary>A chosen organisation, its contacts (primary first) and the people who will get the invitation.</summary>
public sealed record PeopleGroup(int OrganisationId, string OrganisationName, IReadOnlyList<Contact> Contacts, IReadOnlyList<int> Chosen);

/// <summary>One page of the chosen organisations, those with nobody to invite first.</summary>
public sealed record ChoosePeopleView(IReadOnlyList<PeopleGroup> Groups, int Page, int TotalPages, int Organisations, int WithoutPeople);

public sealed record SelectionSummary(int Version, int Organisations, int People, int WithoutPeople, IReadOnlyList<PeopleGroup> Listed);

/// <summary>
/// The steps of inviting, with the organiser's choice kept on the server (<see cref="InviteSelection"/>): each page
/// posts only what it shows, so inviting thousands of organisations never grows a form. "Select all" is worked out
/// here from the filter, not sent from the page.
/// </summary>
public sealed class InviteSelectionService(AppDbContext db, InvitationService invitations, TimeProvider time)
{
    public const int OrganisationsPerPage = 100;
    public const int GroupsPerPage = 25;
    public const int UnavailableListed = 50;

    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    public async Task<ChooseOrganisationsView> ChooseOrganisationsAsync(int roundtableId, string userId, OrganisationType? type, int page, CancellationToken cancellationToken, int? tagId = null)
    {
        var selected = (await FindAsync(roundtableId, userId, cancellationToken)) is { } selection ? Ids(selection) : [];
        var matching = Matching(db, roundtableId, type, tagId);
        page = Math.Max(1, page);
        var shown = await PageAsync(matching, page, cancellationToken);
        if (shown.Count == 0 && page > 1)
        {
            // Past the end (the list shrank since the link was made): the first page.
            page = 1;
            shown = await PageAsync(matching, page, cancellationToken);
        }

        var invited = Invited(db, roundtableId, type, tagId);
        var invitedCount = await invited.CountAsync(cancellationToken);
        var listed = await invited.OrderBy(o => o.NormalisedName).Take(UnavailableListed).Select(o => o.Name).ToListAsync(cancellationToken);
        return new ChooseOrganisationsView(
            shown.Take(OrganisationsPerPage).Select(o => new OrganisationChoice(o.Id, o.Name, o.Type, o.Contacts, selected.Contains(o.Id))).ToList(),
            page,
            shown.Count > OrganisationsPerPage,
            tagId is null ? null : await matching.CountAsync(cancellationToken),
            selected.Count == 0 ? 0 : await CountChoosableAsync(roundtableId, selected, cancellationToken),
            listed,
            invitedCount - listed.Count);
    }

    /// <summary>One page by name, and one organisation more to tell whether there is a next page.</summary>
    private static Task<List<OrganisationChoice>> PageAsync(IQueryable<Organisation> matching, int page, CancellationToken cancellationToken) =>
        matching.OrderBy(o => o.NormalisedName)
            .Skip((page - 1) * OrganisationsPerPage).Take(OrganisationsPerPage + 1)
            .Select(o => new OrganisationChoice(o.Id, o.Name, o.Type, o.Contacts.Count(c => c.ErasedUtc == null), false))
            .ToListAsync(cancellationToken);

    /// <summary>What a page of step 1 says: of the organisations it showed, these are ticked (the others are not).</summary>
    public Task SetOrganisationsAsync(int roundtableId, string userId, IReadOnlyCollection<int> shown, IReadOnlyCollection<int> ticked, CancellationToken cancellationToken) =>
        ChangeAsync(roundtableId, userId, selection =>
        {
            var ids = Ids(selection);
            ids.ExceptWith(shown);
            ids.UnionWith(ticked.Where(shown.Contains));
            selection.OrganisationIds = Join(ids);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Adds every organisation that can be chosen and matches the filter (with a tag: "everyone tagged X who is not yet
    /// invited"); returns how many are chosen now.
    /// </summary>
    public async Task<int> SelectAllAsync(int roundtableId, string userId, OrganisationType? type, CancellationToken cancellationToken, int? tagId = null)
    {
        var count = 0;
        await ChangeAsync(roundtableId, userId, async selection =>
        {
            var ids = Ids(selection);
            ids.UnionWith(await Matching(db, roundtableId, type, tagId).Select(o => o.Id).ToListAsync(cancellationToken));
            selection.OrganisationIds = Join(ids);
            count = ids.Count;
        }, cancellationToken);
        return count;
    }

    public Task ClearAsync(int roundtableId, string userId, CancellationToken cancellationToken) =>
        db.InviteSelections.Where(s => s.RoundtableId == roundtableId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    public async Task<ChoosePeopleView> ChoosePeopleAsync(int roundtableId, string userId, int page, CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(roundtableId, userId, cancellationToken);
        var pages = Math.Max(1, (groups.Count + GroupsPerPage - 1) / GroupsPerPage);
        page = Math.Clamp(page, 1, pages);
        return new ChoosePeopleView(groups.Skip((page - 1) * GroupsPerPage).Take(GroupsPerPage).ToList(), page, pages, groups.Count, groups.Count(g => g.Chosen.Count == 0));
    }

    /// <summary>What a page of step 2 says: for each organisation it showed, who gets the invitation (only its own contacts count).</summary>
    public Task SetPeopleAsync(int roundtableId, string userId, IReadOnlyDictionary<int, IReadOnlyCollection<int>> chosen, CancellationToken cancellationToken) =>
        ChangeAsync(roundtableId, userId, async selection =>
        {
            var organisations = chosen.Keys.ToList();
            var contacts = await db.Contacts.AsNoTracking()
                .Where(c => EF.Parameter(organisations).Contains(c.OrganisationId) && c.ErasedUtc == null)
                .Select(c => new { c.Id, c.OrganisationId })
                .ToListAsync(cancellationToken);
            var choices = Choices(selection);
            foreach (var (organisationId, contactIds) in chosen)
            {
                choices[organisationId] = contacts.Where(c => c.OrganisationId == organisationId && contactIds.Contains(c.Id)).Select(c => c.Id).ToArray();
            }

            selection.ChosenContacts = JsonSerializer.Serialize(choices);
        }, cancellationToken);

    public async Task<SelectionSummary> SummaryAsync(int roundtableId, string userId, int listed, CancellationToken cancellationToken)
    {
        var selection = await FindAsync(roundtableId, userId, cancellationToken);
        var groups = selection is null ? [] : await GroupsAsync(roundtableId, selection, cancellationToken);
        return new SelectionSummary(selection?.Version ?? 0, groups.Count, groups.Sum(g => g.Chosen.Count), groups.Count(g => g.Chosen.Count == 0),
            groups.Where(g => g.Chosen.Count > 0).OrderBy(g => g.OrganisationName, StringComparer.OrdinalIgnoreCase).Take(listed).ToList());
    }

    /// <summary>
    /// Sends the invitations the check page showed (<paramref name="version"/>), then forgets the selection. Nothing is
    /// sent when nothing is selected (NotFound), the selection changed after the page was shown (Conflict), an
    /// organisation has nobody chosen (Invalid) or the invitation service refuses (NotAllowed, see
    /// <see cref="InvitationService.SendInvitationsAsync"/>).
    /// </summary>
    public async Task<CommandResult<InvitesQueued>> SendAsync(int roundtableId, string userId, int version, CancellationToken cancellationToken)
    {
        var selection = await FindAsync(roundtableId, userId, cancellationToken);
        if (selection is not null && selection.Version != version)
        {
            return CommandResult.Conflict("Who gets the invitation changed after this page was shown (perhaps in another tab). Check it again before sending.")
                .As<InvitesQueued>();
        }

        var groups = selection is null ? [] : await GroupsAsync(roundtableId, selection, cancellationToken);
        if (groups.Count == 0)
        {
            return CommandResult.NotFound().As<InvitesQueued>();
        }

        if (groups.Any(g => g.Chosen.Count == 0))
        {
            return CommandResult.Invalid("Choose who gets the invitation at each organisation").As<InvitesQueued>();
        }

        var result = await invitations.SendInvitationsAsync(roundtableId, groups.SelectMany(g => g.Chosen).ToList(), cancellationToken);
        if (result.Succeeded)
        {
            await ClearAsync(roundtableId, userId, cancellationToken);
        }

        return result;
    }

    /// <summary>Organisations that can be invited to the roundtable: not archived, someone to invite, not invited yet.</summary>
    private static IQueryable<Organisation> Choosable(AppDbContext db, int roundtableId) =>
        db.Organisations.AsNoTracking()
            .Where(o => !o.IsArchived && o.Contacts.Any(c => c.ErasedUtc == null))
            .Where(o => !db.Invitations.Any(i => i.RoundtableId == roundtableId && i.OrganisationId == o.Id && i.RevokedUtc == null));

    /// <summary>Step 1's list: those that can be chosen, of the type and with the tag (<see cref="TaggedOrganisations.WithTag"/>).</summary>
    internal static IQueryable<Organisation> Matching(AppDbContext db, int roundtableId, OrganisationType? type, int? tagId) =>
        Choosable(db, roundtableId).Where(o => type == null || o.Type == type).WithTag(db.OrganisationTags, tagId);

    /// <summary>The organisations of the type and with the tag that are invited already (not archived), named under step 1's list.</summary>
    internal static IQueryable<Organisation> Invited(AppDbContext db, int roundtableId, OrganisationType? type, int? tagId) =>
        db.Invitations.AsNoTracking().Where(i => i.RoundtableId == roundtableId && i.RevokedUtc == null)
            .Join(db.Organisations.AsNoTracking(), i => i.OrganisationId, o => o.Id, (i, o) => o)
            .Where(o => !o.IsArchived && (type == null || o.Type == type))
            .WithTag(db.OrganisationTags, tagId);

    private Task<int> CountChoosableAsync(int roundtableId, HashSet<int> ids, CancellationToken cancellationToken)
    {
        var list = ids.ToList();
        return Choosable(db, roundtableId).CountAsync(o => EF.Parameter(list).Contains(o.Id), cancellationToken);
    }

    private async Task<List<PeopleGroup>> GroupsAsync(int roundtableId, string userId, CancellationToken cancellationToken) =>
        await FindAsync(roundtableId, userId, cancellationToken) is { } selection ? await GroupsAsync(roundtableId, selection, cancellationToken) : [];

    /// <summary>
    /// The chosen organisations that can still be invited, each with its people: those chosen by hand, or else its
    /// primary contacts. Organisations with nobody come first (they need a choice), then by name.
    /// </summary>
    private async Task<List<PeopleGroup>> GroupsAsync(int roundtableId, InviteSelection selection, CancellationToken cancellationToken)
    {
        var ids = Ids(selection).ToList();
        var organisations = await Choosable(db, roundtableId)
            .Where(o => EF.Parameter(ids).Contains(o.Id))
            .Select(o => new { o.Id, o.Name, Contacts = o.Contacts.Where(c => c.ErasedUtc == null).OrderByDescending(c => c.IsPrimary).ThenBy(c => c.FullName).ToList() })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var choices = Choices(selection);
        return organisations
            .Select(o => new PeopleGroup(o.Id, o.Name, o.Contacts, choices.TryGetValue(o.Id, out var chosen)
                ? o.Contacts.Where(c => chosen.Contains(c.Id)).Select(c => c.Id).ToList()
                : o.Contacts.Where(c => c.IsPrimary).Select(c => c.Id).ToList()))
            .OrderBy(g => g.Chosen.Count > 0)
            .ThenBy(g => g.OrganisationName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private Task<InviteSelection?> FindAsync(int roundtableId, string userId, CancellationToken cancellationToken) =>
        db.InviteSelections.AsNoTracking().SingleOrDefaultAsync(s => s.RoundtableId == roundtableId && s.UserId == userId, cancellationToken);

    private async Task ChangeAsync(int roundtableId, string userId, Func<InviteSelection, Task> change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var selection = await db.InviteSelections.SingleOrDefaultAsync(s => s.RoundtableId == roundtableId && s.UserId == userId, cancellationToken);
        if (selection is null)
        {
            // Selections left unsent are not kept for ever.
            var stale = now - KeptFor;
            await db.InviteSelections.Where(s => s.UpdatedUtc < stale).ExecuteDeleteAsync(cancellationToken);
            selection = new InviteSelection { RoundtableId = roundtableId, UserId = userId };
            db.InviteSelections.Add(selection);
        }

        await change(selection);
        selection.Version++;
        selection.UpdatedUtc = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static HashSet<int> Ids(InviteSelection selection) =>
        selection.OrganisationIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToHashSet();

    private static string Join(IEnumerable<int> ids) => string.Join(',', ids.Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));

    private static Dictionary<int, int[]> Choices(InviteSelection selection) =>
        selection.ChosenContacts is { } json ? JsonSerializer.Deserialize<Dictionary<int, int[]>>(json)! : [];
}
