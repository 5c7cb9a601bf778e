using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RoundtableManager.Core.Suppliers;

/// <summary>
/// Keeps <see cref="OrganisationSearchTerm"/> rows in step with what is saved: when an organisation is added or renamed,
/// or one of its contacts is added, given a new address, moved, erased or removed, the organisation's words are worked
/// out again from its name and its contacts' addresses as they will be after this save (the database's values, with
/// what is tracked laid over them), and only the difference is written, in the same SaveChanges, so the search never
/// sees a half-made change. Rows inserted without EF Core (the import's bulk path) write their words themselves.
/// </summary>
public sealed class SearchTermsInterceptor : SavingInterceptor
{
    public static readonly SearchTermsInterceptor Instance = new();

    private SearchTermsInterceptor()
    {
    }

    protected override async Task OnSavingAsync(DbContext context, bool async, CancellationToken cancellationToken)
    {
        // Entries() runs change detection first (unless the caller turned it off and ran it itself, as the import does).
        var organisationEntries = context.ChangeTracker.Entries<Organisation>().ToList();
        var contactEntries = context.ChangeTracker.Entries<Contact>().ToList();
        var renamed = organisationEntries.Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(o => o.NormalisedName).IsModified)).ToList();
        var moved = contactEntries.Where(e => e.State is EntityState.Added or EntityState.Deleted
            || (e.State == EntityState.Modified && (Changed(e, c => c.NormalisedEmail) || Changed(e, c => c.OrganisationId) || Changed(e, c => c.ErasedUtc)))).ToList();
        if (renamed.Count == 0 && moved.Count == 0)
        {
            return;
        }

        // Organisations already saved, by id (a contact's old and new organisation both change); new ones by entity.
        var saved = renamed.Where(e => e.State == EntityState.Modified).Select(e => e.Entity.Id).ToHashSet();
        var removed = organisationEntries.Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        foreach (var entry in moved)
        {
            if (entry.State != EntityState.Added)
            {
                saved.Add(entry.Property(c => c.OrganisationId).OriginalValue);
            }

            if (entry.State != EntityState.Deleted && SavedOrganisationId(entry) is { } id)
            {
                saved.Add(id);
            }
        }

        // A removed organisation's words go with it (the foreign key cascades).
        saved.ExceptWith(removed);
        // The live contacts of each organisation being added, found in one pass over the tracked contacts (a pass per added
        // organisation made a save of thousands of organisations with their contacts quadratic: minutes for 5,000).
        var live = contactEntries.Where(c => c.State != EntityState.Deleted && c.Entity.ErasedUtc is null).ToList();
        var byOrganisation = live.Where(c => c.Entity.Organisation is not null).ToLookup(c => (object)c.Entity.Organisation!, ReferenceEqualityComparer.Instance);
        var byOrganisationId = live.ToLookup(c => c.Property(x => x.OrganisationId).CurrentValue);
        var wanted = new List<(Organisation? Added, int Id, HashSet<string> Words)>();
        foreach (var organisation in renamed.Where(e => e.State == EntityState.Added))
        {
            var temporaryId = organisation.Property(o => o.Id).CurrentValue;
            var words = Words(organisation.Entity.NormalisedName,
                byOrganisation[organisation.Entity].Concat(byOrganisationId[temporaryId]).Select(c => c.Entity.NormalisedEmail));
            wanted.Add((organisation.Entity, 0, words));
        }

        if (saved.Count > 0)
        {
            wanted.AddRange(await SavedOrganisationWordsAsync(context, saved, organisationEntries, contactEntries, async, cancellationToken));
        }

        Apply(context, wanted);
    }

    /// <summary>The words each saved organisation will have: its name and live contacts from the database, with what is tracked laid over them.</summary>
    private static async Task<List<(Organisation? Added, int Id, HashSet<string> Words)>> SavedOrganisationWordsAsync(
        DbContext context, HashSet<int> ids, List<EntityEntry<Organisation>> organisationEntries, List<EntityEntry<Contact>> contactEntries, bool async, CancellationToken cancellationToken)
    {
        var trackedNames = organisationEntries.Where(e => ids.Contains(e.Entity.Id)).ToDictionary(e => e.Entity.Id, e => e.Entity.NormalisedName);
        var untracked = ids.Where(id => !trackedNames.ContainsKey(id)).ToList();
        var names = untracked.Count == 0 ? trackedNames : new Dictionary<int, string>(trackedNames);
        if (untracked.Count > 0)
        {
            var query = context.Set<Organisation>().Where(o => untracked.Contains(o.Id)).Select(o => new { o.Id, o.NormalisedName });
            foreach (var row in async ? await query.ToListAsync(cancellationToken) : [.. query])
            {
                names[row.Id] = row.NormalisedName;
            }
        }

        var trackedContacts = contactEntries.Select(e => e.Entity.Id).Where(id => id > 0).ToHashSet();
        var list = ids.ToList();
        var stored = context.Set<Contact>().Where(c => list.Contains(c.OrganisationId) && c.ErasedUtc == null).Select(c => new { c.Id, c.OrganisationId, c.NormalisedEmail });
        var emails = (async ? await stored.ToListAsync(cancellationToken) : [.. stored])
            .Where(c => !trackedContacts.Contains(c.Id))
            .Select(c => (c.OrganisationId, c.NormalisedEmail))
            .Concat(contactEntries.Where(e => e.State != EntityState.Deleted && e.Entity.ErasedUtc is null && SavedOrganisationId(e) is { } id && ids.Contains(id))
                .Select(e => (e.Entity.OrganisationId, e.Entity.NormalisedEmail)))
            .ToLookup(c => c.OrganisationId, c => c.NormalisedEmail);

        // Bring the organisations' stored words into the change tracker, where Apply compares them with what is wanted.
        var terms = context.Set<OrganisationSearchTerm>().Where(t => list.Contains(t.OrganisationId));
        _ = async ? await terms.ToListAsync(cancellationToken) : [.. terms];
        return [.. ids.Where(names.ContainsKey).Select(id => ((Organisation?)null, id, Words(names[id], emails[id])))];
    }

    /// <summary>Adds the words each organisation lacks and removes those it no longer has, among what the tracker holds.</summary>
    private static void Apply(DbContext context, List<(Organisation? Added, int Id, HashSet<string> Words)> wanted)
    {
        var held = context.ChangeTracker.Entries<OrganisationSearchTerm>().ToList();
        foreach (var (added, id, words) in wanted)
        {
            var missing = new HashSet<string>(words, StringComparer.Ordinal);
            foreach (var entry in held.Where(t => added is null ? t.Entity.OrganisationId == id : ReferenceEquals(t.Entity.Organisation, added)))
            {
                if (missing.Remove(entry.Entity.Term))
                {
                    // Still wanted: a removal made by an earlier attempt at this save is undone.
                    entry.State = entry.State == EntityState.Deleted ? EntityState.Unchanged : entry.State;
                }
                else
                {
                    entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Deleted;
                }
            }

            context.Set<OrganisationSearchTerm>().AddRange(missing.Select(word => added is null
                ? new OrganisationSearchTerm { OrganisationId = id, Term = word }
                : new OrganisationSearchTerm { Organisation = added, Term = word }));
        }
    }

    private static HashSet<string> Words(string name, IEnumerable<string> emails)
    {
        var words = new HashSet<string>(SearchWords.Of(name), StringComparer.Ordinal);
        foreach (var email in emails)
        {
            words.UnionWith(SearchWords.Of(email));
        }

        return words;
    }

    /// <summary>The contact's organisation's id when that organisation is already saved (not one being added in this save).</summary>
    private static int? SavedOrganisationId(EntityEntry<Contact> entry)
    {
        var property = entry.Property(c => c.OrganisationId);
        return property.IsTemporary || property.CurrentValue <= 0 || entry.Entity.Organisation is { Id: <= 0 } ? null : property.CurrentValue;
    }

    private static bool Changed<T>(EntityEntry<Contact> entry, System.Linq.Expressions.Expression<Func<Contact, T>> property) => entry.Property(property).IsModified;
}
