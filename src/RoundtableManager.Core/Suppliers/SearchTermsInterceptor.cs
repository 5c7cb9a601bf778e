using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RoundtableManager.Core.Suppliers;

/// <summary>
/// Keeps <see cref="OrganisationSearchTerm"/> rows in step with what is saved: an organisation added or renamed gets the
/// words of its name, a contact added or given a new address (or moved, or erased) the words of its address, in the
/// same SaveChanges, so the search never sees a half-made change. Rows inserted without EF Core (the import's bulk path)
/// write their words themselves.
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
        var organisations = context.ChangeTracker.Entries<Organisation>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(o => o.NormalisedName).IsModified))
            .ToList();
        var contacts = context.ChangeTracker.Entries<Contact>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && (Changed(e, c => c.NormalisedEmail) || Changed(e, c => c.OrganisationId) || Changed(e, c => c.ErasedUtc))))
            .ToList();
        if (organisations.Count == 0 && contacts.Count == 0)
        {
            return;
        }

        var terms = context.Set<OrganisationSearchTerm>();
        var renamed = organisations.Where(e => e.State == EntityState.Modified).Select(e => e.Entity.Id).ToList();
        var readdressed = contacts.Where(e => e.State == EntityState.Modified).Select(e => e.Entity.Id).ToList();
        if (renamed.Count > 0 || readdressed.Count > 0)
        {
            var stale = terms.Where(t => (t.ContactId == null && renamed.Contains(t.OrganisationId)) || (t.ContactId != null && readdressed.Contains(t.ContactId.Value)));
            terms.RemoveRange(async ? await stale.ToListAsync(cancellationToken) : [.. stale]);
        }

        foreach (var organisation in organisations.Select(e => e.Entity))
        {
            terms.AddRange(SearchWords.Of(organisation.NormalisedName).Select(word => new OrganisationSearchTerm { Organisation = organisation, Term = word }));
        }

        foreach (var contact in contacts.Select(e => e.Entity).Where(c => c.ErasedUtc is null))
        {
            terms.AddRange(SearchWords.Of(contact.NormalisedEmail).Select(word => contact.Organisation is { } organisation
                ? new OrganisationSearchTerm { Contact = contact, Organisation = organisation, Term = word }
                : new OrganisationSearchTerm { Contact = contact, OrganisationId = contact.OrganisationId, Term = word }));
        }
    }

    private static bool Changed<T>(EntityEntry<Contact> entry, System.Linq.Expressions.Expression<Func<Contact, T>> property) => entry.Property(property).IsModified;
}
