using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RoundtableManager.Core.Suppliers;

/// <summary>
/// A change to how many organisations (and their contacts) the directory holds of one type, archived or not. The rows of
/// a key add up to its count: each write adds its own in the same SaveChanges (<see cref="DirectoryCountInterceptor"/>),
/// and <see cref="DirectoryCounts"/> folds them into one per key now and then, so the directory shows exact counts
/// without counting thousands of rows.
/// </summary>
public class DirectoryCount
{
    public long Id { get; set; }

    public bool IsArchived { get; set; }

    public OrganisationType Type { get; set; }

    public int Organisations { get; set; }

    public int Contacts { get; set; }
}

internal sealed class DirectoryCountConfiguration : IEntityTypeConfiguration<DirectoryCount>
{
    public void Configure(EntityTypeBuilder<DirectoryCount> builder) => builder.HasIndex(c => new { c.IsArchived, c.Type });
}

/// <summary>The directory's counts by type and archived, from <see cref="DirectoryCount"/> rows.</summary>
public sealed class DirectoryCounts(AppDbContext db)
{
    /// <summary>More rows than this and a read folds them into one per key first.</summary>
    private const int FoldAbove = 64;

    public sealed record Count(bool IsArchived, OrganisationType Type, int Organisations, int Contacts);

    public async Task<IReadOnlyList<Count>> ReadAsync(CancellationToken cancellationToken)
    {
        if (await db.DirectoryCounts.OrderBy(c => c.Id).Skip(FoldAbove).AnyAsync(cancellationToken))
        {
            await db.InTransactionAsync(async () =>
            {
                var rows = await db.DirectoryCounts.ToListAsync(cancellationToken);
                db.DirectoryCounts.RemoveRange(rows);
                db.DirectoryCounts.AddRange(rows.GroupBy(r => (r.IsArchived, r.Type)).Select(g => new DirectoryCount
                {
                    IsArchived = g.Key.IsArchived, Type = g.Key.Type, Organisations = g.Sum(r => r.Organisations), Contacts = g.Sum(r => r.Contacts),
                }));
                await db.SaveChangesAsync(cancellationToken);
                return rows.Count;
            }, cancellationToken, System.Data.IsolationLevel.Serializable);
        }

        return await db.DirectoryCounts.AsNoTracking()
            .GroupBy(c => new { c.IsArchived, c.Type })
            .Select(g => new Count(g.Key.IsArchived, g.Key.Type, g.Sum(c => c.Organisations), g.Sum(c => c.Contacts)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Counts the directory afresh, in the caller's transaction: after rows written without the change tracker (the import's bulk path, a restore).</summary>
    public async Task RecountAsync(CancellationToken cancellationToken)
    {
        await db.DirectoryCounts.ExecuteDeleteAsync(cancellationToken);
        var counts = await db.Organisations.AsNoTracking()
            .GroupBy(o => new { o.IsArchived, o.Type })
            .Select(g => new { g.Key.IsArchived, g.Key.Type, Organisations = g.Count(), Contacts = g.Sum(o => o.Contacts.Count) })
            .ToListAsync(cancellationToken);
        db.DirectoryCounts.AddRange(counts.Select(c => new DirectoryCount { IsArchived = c.IsArchived, Type = c.Type, Organisations = c.Organisations, Contacts = c.Contacts }));
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Adds the <see cref="DirectoryCount"/> changes of what a SaveChanges adds, removes, archives, retypes or moves.</summary>
public sealed class DirectoryCountInterceptor : SavingInterceptor
{
    public static readonly DirectoryCountInterceptor Instance = new();

    private DirectoryCountInterceptor()
    {
    }

    protected override async Task OnSavingAsync(DbContext context, bool async, CancellationToken cancellationToken)
    {
        var organisations = context.ChangeTracker.Entries<Organisation>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted
                || (e.State == EntityState.Modified && (e.Property(o => o.IsArchived).IsModified || e.Property(o => o.Type).IsModified)))
            .ToList();
        var contacts = context.ChangeTracker.Entries<Contact>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted || (e.State == EntityState.Modified && e.Property(c => c.OrganisationId).IsModified))
            .ToList();
        if (organisations.Count == 0 && contacts.Count == 0)
        {
            return;
        }

        var set = context.Set<Organisation>();
        var tracked = context.ChangeTracker.Entries<Organisation>().Where(e => !e.Property(o => o.Id).IsTemporary).ToDictionary(e => e.Entity.Id, e => (e.Entity.IsArchived, e.Entity.Type));
        var wanted = contacts.SelectMany(e => new[] { e.Entity.OrganisationId, (int)e.Property(c => c.OrganisationId).OriginalValue })
            .Where(id => id > 0 && !tracked.ContainsKey(id)).Distinct().ToList();
        var stored = set.AsNoTracking().Where(o => wanted.Contains(o.Id)).Select(o => new { o.Id, o.IsArchived, o.Type });
        var keys = (async ? await stored.ToListAsync(cancellationToken) : [.. stored]).ToDictionary(o => o.Id, o => (o.IsArchived, o.Type));
        foreach (var (id, key) in tracked)
        {
            keys[id] = key;
        }

        var moved = organisations.Where(e => e.State is EntityState.Modified or EntityState.Deleted).Select(e => e.Entity.Id).ToList();
        var heldQuery = context.Set<Contact>().AsNoTracking().Where(c => moved.Contains(c.OrganisationId)).GroupBy(c => c.OrganisationId).Select(g => new { g.Key, Count = g.Count() });
        var held = moved.Count == 0 ? [] : (async ? await heldQuery.ToListAsync(cancellationToken) : [.. heldQuery]).ToDictionary(c => c.Key, c => c.Count);

        var changes = new Dictionary<(bool IsArchived, OrganisationType Type), (int Organisations, int Contacts)>();
        void Add((bool, OrganisationType) key, int organisationsDelta, int contactsDelta)
        {
            var (o, c) = changes.GetValueOrDefault(key);
            changes[key] = (o + organisationsDelta, c + contactsDelta);
        }

        static (bool, OrganisationType) Original(EntityEntry<Organisation> e) => (e.Property(o => o.IsArchived).OriginalValue, e.Property(o => o.Type).OriginalValue);
        foreach (var entry in organisations)
        {
            var contactsHeld = held.GetValueOrDefault(entry.Entity.Id);
            if (entry.State != EntityState.Added)
            {
                Add(Original(entry), -1, -contactsHeld);
            }

            if (entry.State != EntityState.Deleted)
            {
                Add((entry.Entity.IsArchived, entry.Entity.Type), 1, contactsHeld);
            }
        }

        (bool, OrganisationType)? KeyOf(Contact contact, int organisationId) =>
            contact.Organisation is { } organisation && organisation.Id == organisationId ? (organisation.IsArchived, organisation.Type)
            : keys.TryGetValue(organisationId, out var key) ? key
            : null;
        foreach (var entry in contacts)
        {
            var deletedWithOrganisation = organisations.Any(o => o.State == EntityState.Deleted && o.Entity.Id == entry.Entity.OrganisationId);
            if (entry.State != EntityState.Added && !deletedWithOrganisation && KeyOf(entry.Entity, entry.Property(c => c.OrganisationId).OriginalValue) is { } from)
            {
                Add(from, 0, -1);
            }

            if (entry.State != EntityState.Deleted && KeyOf(entry.Entity, entry.Entity.OrganisationId) is { } to)
            {
                Add(to, 0, 1);
            }
        }

        context.Set<DirectoryCount>().AddRange(changes.Where(c => c.Value != (0, 0))
            .Select(c => new DirectoryCount { IsArchived = c.Key.IsArchived, Type = c.Key.Type, Organisations = c.Value.Organisations, Contacts = c.Value.Contacts }));
    }
}
